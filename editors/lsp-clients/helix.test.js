// Helix is not packaged for Debian 12, so its config is checked, not run: docs/editors/helix-languages.toml must
// parse as TOML and hold what Helix's loader accepts. The keys are those of Helix's own structs
// (helix-core/src/syntax/config.rs: LanguageConfiguration, with deny_unknown_fields, and
// LanguageServerConfiguration); an unknown key makes Helix reject the whole languages.toml.
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { parse } = require('smol-toml');

const repositoryRoot = path.resolve(__dirname, '..', '..');
const file = path.join(repositoryRoot, 'docs', 'editors', 'helix-languages.toml');
const extension = JSON.parse(fs.readFileSync(path.join(repositoryRoot, 'editors', 'vscode', 'package.json'), 'utf8'));
const languageConfiguration = JSON.parse(
  fs.readFileSync(path.join(repositoryRoot, 'editors', 'vscode', 'language-configuration.json'), 'utf8'),
);

// Helix's LanguageConfiguration fields, as languages.toml spells them.
const LANGUAGE_KEYS = new Set([
  'name', 'language-id', 'scope', 'injection-regex', 'file-types', 'shebangs', 'roots', 'auto-format',
  'diagnostic-severity', 'comment-tokens', 'comment-token', 'block-comment-tokens', 'indent', 'language-servers',
  'grammar', 'formatter', 'soft-wrap', 'text-width', 'rulers', 'path-completion', 'word-completion',
  'workspace-lsp-roots', 'persistent-diagnostic-sources', 'rainbow-brackets', 'code-actions-on-save', 'debugger',
  'auto-pairs',
]);
// Helix's LanguageServerConfiguration fields.
const SERVER_KEYS = new Set(['command', 'args', 'environment', 'config', 'timeout', 'required-root-patterns']);

// Plain objects (smol-toml makes null-prototype ones), for deepEqual.
const toml = JSON.parse(JSON.stringify(parse(fs.readFileSync(file, 'utf8'))));
const [language] = toml.language;
const server = toml['language-server']?.xcfg;

test('helix-languages.toml: one [[language]] with only keys Helix knows, and the required ones', () => {
  assert.deepEqual(Object.keys(toml).sort(), ['language', 'language-server']);
  assert.equal(toml.language.length, 1);
  const unknown = Object.keys(language).filter((key) => !LANGUAGE_KEYS.has(key));
  assert.deepEqual(unknown, [], 'keys Helix would reject');
  assert.equal(language.name, 'xen-config');
  assert.equal(language.scope, 'source.xencfg');
  assert.ok(Array.isArray(language['file-types']));
  for (const type of language['file-types']) {
    const ok = typeof type === 'string' || (typeof type === 'object' && Object.keys(type).join() === 'glob' && typeof type.glob === 'string');
    assert.ok(ok, `a file type is a string or { glob = "..." }: ${JSON.stringify(type)}`);
  }
  assert.deepEqual(language.indent, { 'tab-width': 4, unit: '    ' });
});

test('helix-languages.toml: the files and comments are the VS Code extension\'s', () => {
  const extensions = language['file-types'].filter((type) => typeof type === 'string').map((type) => `.${type}`);
  assert.deepEqual(extensions, extension.contributes.languages[0].extensions);
  assert.deepEqual(
    language['file-types'].filter((type) => typeof type === 'object').map((type) => type.glob),
    ['/etc/xen/*', '/etc/xen/auto/*', 'xen/*.cfg'],
  );
  assert.equal(language['comment-tokens'], languageConfiguration.comments.lineComment);
  assert.deepEqual(language.roots, ['.xcfg.toml', '.git']);
});

test('helix-languages.toml: [language-server.xcfg] runs `xcfg lsp` with the settings shape the server reads', () => {
  assert.deepEqual(language['language-servers'], ['xcfg']);
  assert.ok(server, '[language-server.xcfg] is missing');
  assert.deepEqual(Object.keys(server).filter((key) => !SERVER_KEYS.has(key)), [], 'keys Helix would reject');
  assert.equal(server.command, 'xcfg');
  assert.deepEqual(server.args, ['lsp']);
  assert.deepEqual(server.config, { xcfg: { dialect: 'xl', rules: {} } });
});
