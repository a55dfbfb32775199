'use strict';
// Structural checks on the grammar that the scope tests in tests/*.cfg cannot
// make: vscode-textmate silently ignores an include that points nowhere and a
// rule whose regex does not compile, so a broken grammar would otherwise just
// highlight less.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const oniguruma = require('vscode-oniguruma');

const root = path.join(__dirname, '..');
const grammar = JSON.parse(fs.readFileSync(path.join(root, 'xencfg.tmLanguage.json'), 'utf8'));

// Every rule object in the grammar, with a readable location for messages.
function* rules(node, where) {
  if (Array.isArray(node)) {
    for (const [i, child] of node.entries()) yield* rules(child, `${where}[${i}]`);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  yield [node, where];
  for (const [key, child] of Object.entries(node)) yield* rules(child, `${where}.${key}`);
}

const allRules = [...rules(grammar, '$')];

test('scopeName is source.xencfg', () => {
  assert.equal(grammar.scopeName, 'source.xencfg');
});

test('every include points at an existing repository entry', () => {
  const repository = grammar.repository || {};
  for (const [rule, where] of allRules) {
    if (typeof rule.include !== 'string') continue;
    assert.match(rule.include, /^#/, `${where}: only local includes are expected`);
    assert.ok(Object.hasOwn(repository, rule.include.slice(1)), `${where}: ${rule.include} is not in the repository`);
  }
});

test('every repository entry is used', () => {
  const used = new Set(allRules.filter(([r]) => typeof r.include === 'string').map(([r]) => r.include.slice(1)));
  const unused = Object.keys(grammar.repository).filter((name) => !used.has(name));
  assert.deepEqual(unused, []);
});

test('every regex compiles with Oniguruma', async () => {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  let count = 0;
  for (const [rule, where] of allRules) {
    for (const key of ['match', 'begin', 'end', 'while']) {
      if (typeof rule[key] !== 'string') continue;
      // Back-references to begin captures in `end` are resolved at run time.
      const source = rule[key].replace(/\\(\d+)/g, 'x');
      assert.doesNotThrow(() => new oniguruma.OnigScanner([source]).dispose(), `${where}.${key}: ${rule[key]}`);
      count++;
    }
  }
  assert.ok(count > 20, `only ${count} regexes found`);
});

function grammarScopes() {
  const scopes = new Set();
  for (const [rule, where] of allRules) {
    if (where === '$') continue; // the grammar's display name, not a scope
    for (const key of ['name', 'contentName']) {
      if (typeof rule[key] === 'string') rule[key].split(/\s+/).forEach((s) => scopes.add(s));
    }
  }
  return scopes;
}

test('every scope name ends in .xencfg', () => {
  const bad = [...grammarScopes()].filter((s) => !s.endsWith('.xencfg'));
  assert.deepEqual(bad, []);
});

function assertedScopes() {
  const testsDir = path.join(root, 'tests');
  const asserted = new Set();
  for (const file of fs.readdirSync(testsDir).filter((f) => f.endsWith('.cfg'))) {
    for (const line of fs.readFileSync(path.join(testsDir, file), 'utf8').split('\n')) {
      const m = line.match(/^#\s*(?:\^+|<~*-+)\s+(.*)$/);
      if (!m) continue;
      // Required scopes come before a " - " separator; both sides count as covered.
      m[1].split(/\s+/).filter((s) => s && s !== '-').forEach((s) => asserted.add(s));
    }
  }
  return asserted;
}

test('every scope the grammar can produce is asserted by a test in tests/', () => {
  const asserted = assertedScopes();
  const missing = [...grammarScopes()].filter((s) => !asserted.has(s));
  assert.deepEqual(missing, [], 'scopes without any assertion');
});

test('every scope named in tests/ exists in the grammar (no typos in exclusions)', () => {
  const known = grammarScopes();
  known.add(grammar.scopeName);
  const unknown = [...assertedScopes()].filter((s) => !known.has(s));
  assert.deepEqual(unknown, []);
});
