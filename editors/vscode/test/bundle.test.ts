// Loads the esbuild bundle with a stand-in for the `vscode` module: checks that the bundle is
// self-contained (only `vscode` is external) and exports activate/deactivate.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import { test } from 'node:test';

const root = path.resolve(__dirname, '..', '..');
const bundle = path.join(root, 'dist', 'extension.js');

// Any property of the stand-in is another stand-in; it can be called and constructed.
function standIn(): unknown {
  const target = function () {} as unknown as object;
  return new Proxy(target, {
    get: (_t, property) => (property === Symbol.toPrimitive ? () => '' : standIn()),
    apply: () => standIn(),
    construct: () => standIn() as object,
  });
}

test('the bundle requires nothing but vscode and node built-ins', () => {
  const source = fs.readFileSync(bundle, 'utf8');
  const required = new Set([...source.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]));
  const builtins = new Set(Module.builtinModules.flatMap((m) => [m, `node:${m}`]));
  const others = [...required].filter((r) => r !== 'vscode' && !builtins.has(r));
  assert.deepEqual(others, []);
  assert.ok(required.has('vscode'));
});

test('the bundle loads and exports activate and deactivate', () => {
  const moduleWithLoad = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const originalLoad = moduleWithLoad._load;
  moduleWithLoad._load = (request: string, ...rest: unknown[]) =>
    request === 'vscode' ? standIn() : originalLoad(request, ...rest);
  try {
    const extension = require(bundle);
    assert.equal(typeof extension.activate, 'function');
    assert.equal(typeof extension.deactivate, 'function');
  } finally {
    moduleWithLoad._load = originalLoad;
  }
});
