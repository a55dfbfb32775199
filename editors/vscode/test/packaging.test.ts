// What `vsce package` would put into the .vsix, per .vscodeignore.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { test } from 'node:test';

const root = path.resolve(__dirname, '..', '..');

test('the .vsix holds the bundle, grammar, snippets and docs, and no sources', () => {
  const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  const listing = execFileSync(process.execPath, [vsce, 'ls', '--no-dependencies'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const files = listing.split('\n').map((l) => l.trim()).filter((l) => l !== '').sort();
  assert.deepEqual(files, [
    'CHANGELOG.md',
    'LICENSE',
    'README.md',
    'dist/extension.js',
    'language-configuration.json',
    'package.json',
    'snippets/xen-config.json',
    'syntaxes/xencfg.tmLanguage.json',
  ]);
});
