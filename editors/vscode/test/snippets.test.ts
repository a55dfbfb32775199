import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, test } from 'node:test';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';
import { parseSnippet, SnippetSyntaxError } from './snippetSyntax';

interface Snippet {
  prefix: string | string[];
  body: string | string[];
  description: string;
}

const root = path.resolve(__dirname, '..', '..');
const snippets: Record<string, Snippet> = JSON.parse(fs.readFileSync(path.join(root, 'snippets', 'xen-config.json'), 'utf8'));
const VARIABLES = { TM_FILENAME_BASE: 'vm1' };
const bodyOf = (s: Snippet) => (Array.isArray(s.body) ? s.body.join('\n') : s.body);
const expand = (name: string) => parseSnippet(bodyOf(snippets[name]), VARIABLES).expanded;

// Snippets that are one element of a list: checked inside `KEY = [ ... ]`.
const LIST_ELEMENTS: Record<string, string> = {
  'File-backed disk entry': 'disk',
  'LVM disk entry': 'disk',
  'Bridged network interface': 'vif',
};

test('the snippet parser rejects what VS Code would insert literally', () => {
  for (const bad of ['cost $ 5', '${1:open', '${1|a,b}', '${UNKNOWN}', '${1/x/y/}', '${1|a,,b|}']) {
    assert.throws(() => parseSnippet(bad, VARIABLES), SnippetSyntaxError, bad);
  }
  const ok = parseSnippet('a ${1:x ${2:y}} \\$ ${3|p,q|} $TM_FILENAME_BASE $0', VARIABLES);
  assert.equal(ok.expanded, 'a x y $ p vm1 ');
  assert.deepEqual([...ok.tabstops.keys()].sort(), [0, 1, 2, 3]);
});

test('every snippet has a prefix, a description and a body that parses', () => {
  const names = Object.keys(snippets);
  assert.ok(names.length >= 4);
  for (const name of names) {
    const snippet = snippets[name];
    const prefixes = Array.isArray(snippet.prefix) ? snippet.prefix : [snippet.prefix];
    assert.ok(prefixes.length > 0 && prefixes.every((p) => /^[a-z][-a-z0-9]*$/.test(p)), `${name}: prefix`);
    assert.ok(snippet.description.length > 20, `${name}: description`);
    assert.doesNotThrow(() => parseSnippet(bodyOf(snippet), VARIABLES), `${name}: body`);
  }
});

test('prefixes are unique across snippets', () => {
  const all = Object.values(snippets).flatMap((s) => (Array.isArray(s.prefix) ? s.prefix : [s.prefix]));
  assert.equal(new Set(all).size, all.length);
});

test('tab stops are numbered 1..n without gaps, $0 last', () => {
  for (const [name, snippet] of Object.entries(snippets)) {
    const stops = [...parseSnippet(bodyOf(snippet), VARIABLES).tabstops.keys()].filter((n) => n > 0).sort((a, b) => a - b);
    assert.deepEqual(stops, stops.map((_, i) => i + 1), name);
  }
});

test('a tab stop used several times has at most one default', () => {
  for (const [name, snippet] of Object.entries(snippets)) {
    for (const [n, defaults] of parseSnippet(bodyOf(snippet), VARIABLES).tabstops) {
      assert.ok(defaults.filter((d) => d !== '').length <= 1, `${name}: \${${n}} has several defaults`);
    }
  }
});

test('the PV and HVM guests name their type and have disk and vif lists', () => {
  const pv = expand('PV guest');
  assert.match(pv, /^type = "pv"$/m);
  assert.match(pv, /^name = "vm1"$/m);
  assert.match(pv, /^root = "\/dev\/xvda1 ro"$/m);
  const hvm = expand('HVM guest');
  assert.match(hvm, /^type = "hvm"$/m);
  assert.match(hvm, /devtype=cdrom/);
  for (const text of [pv, hvm]) {
    assert.match(text, /^disk = \[/m);
    assert.match(text, /^vif = \[/m);
  }
});

test('the NFS-root guests use the xl form: root /dev/nfs, nfsroot= and ip= in extra, no xm keys', () => {
  const staticIp = expand('NFS-root guest');
  assert.match(staticIp, /^root = "\/dev\/nfs"$/m);
  assert.match(
    staticIp,
    /^extra = "nfsroot=192\.0\.2\.1:\/export\/vm1 ip=192\.0\.2\.11:192\.0\.2\.1:192\.0\.2\.254:255\.255\.255\.0:vm1:eth0:off"$/m,
  );
  assert.match(expand('NFS-root guest (DHCP)'), /^extra = "nfsroot=192\.0\.2\.1:\/export\/vm1 ip=dhcp"$/m);
  for (const text of [staticIp, expand('NFS-root guest (DHCP)')]) {
    assert.doesNotMatch(text, /^(nfs_server|nfs_root|ip|netmask|gateway|dhcp)\s*=/m);
    assert.match(text, /^vif = /m, 'an NFS-root guest needs a network interface');
  }
});

test('the file-backed disk entry carries a size and filesystem annotation', () => {
  assert.equal(
    expand('File-backed disk entry'),
    "'format=raw, vdev=xvdb, access=rw, target=/srv/xen/images/vm1-xvdb.img',  # xcfg: size=10G fs=ext4",
  );
});

let grammar: textmate.IGrammar;
before(async () => {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text: string) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async () =>
      textmate.parseRawGrammar(fs.readFileSync(path.join(root, 'syntaxes', 'xencfg.tmLanguage.json'), 'utf8'), 'grammar.json'),
  });
  const loaded = await registry.loadGrammar('source.xencfg');
  assert.ok(loaded);
  grammar = loaded;
});

function invalidTokens(text: string): string[] {
  const found: string[] = [];
  let stack = textmate.INITIAL;
  for (const line of text.split('\n')) {
    const result = grammar.tokenizeLine(line, stack);
    for (const token of result.tokens) {
      const invalid = token.scopes.filter((s) => s.startsWith('invalid.'));
      if (invalid.length > 0) found.push(`${JSON.stringify(line.slice(token.startIndex, token.endIndex))}: ${invalid.join(' ')}`);
    }
    stack = result.ruleStack;
  }
  return found;
}

test('the grammar check finds invalid tokens when there are some', () => {
  assert.deepEqual(invalidTokens("disk = [ 'phy:/dev/vg/a,xvda,w!' ]"), ['"w!": invalid.deprecated.access.disk.xencfg']);
});

test('every snippet, expanded with its defaults, has no invalid token for the grammar', () => {
  for (const name of Object.keys(snippets)) {
    const listKey = LIST_ELEMENTS[name];
    const text = listKey ? `${listKey} = [\n    ${expand(name)}\n]` : expand(name);
    assert.deepEqual(invalidTokens(text), [], name);
  }
});

test('list-element snippets are scoped as disk or vif specs', () => {
  let stack = textmate.INITIAL;
  const scopes = new Set<string>();
  for (const line of ['disk = [', `    ${expand('File-backed disk entry')}`, ']']) {
    const result = grammar.tokenizeLine(line, stack);
    result.tokens.forEach((t) => t.scopes.forEach((s) => scopes.add(s)));
    stack = result.ruleStack;
  }
  for (const scope of ['entity.name.tag.vdev.xencfg', 'meta.target.disk.xencfg', 'keyword.other.annotation.xencfg']) {
    assert.ok(scopes.has(scope), scope);
  }
});
