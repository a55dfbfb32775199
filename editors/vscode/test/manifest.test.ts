// package.json contributions against the files and the code they refer to.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { minimatch } from 'minimatch';
import { LANGUAGE_ID } from '../src/server';
import { DEFAULT_DIALECT, DEFAULT_PATH, DIALECTS, RULE_SEVERITIES } from '../src/settings';

const root = path.resolve(__dirname, '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const contributes = manifest.contributes;
const read = (relative: string) => fs.readFileSync(path.join(root, relative), 'utf8');
const exists = (relative: string) => fs.existsSync(path.join(root, relative));

test('one language, xen-config, with its alias, extensions and file name patterns', () => {
  assert.equal(contributes.languages.length, 1);
  const language = contributes.languages[0];
  assert.equal(language.id, LANGUAGE_ID);
  assert.equal(language.aliases[0], 'Xen domain config');
  assert.deepEqual(language.extensions, ['.xl', '.xm']);
  assert.ok(exists(language.configuration), language.configuration);
});

test('file name patterns take domain configs and leave the hotplug scripts alone', () => {
  const patterns: string[] = contributes.languages[0].filenamePatterns;
  const matches = (file: string) => patterns.some((p) => minimatch(file, p, { dot: true }));
  for (const file of ['/etc/xen/vm1', '/etc/xen/vm1.cfg', '/etc/xen/auto/vm1', '/etc/xen/xl.conf',
    '/home/ada/xen/guests/web.cfg', '/srv/xen/vm2.cfg', '/home/ada/src/xen/test.cfg']) {
    assert.ok(matches(file), `${file} should be a Xen config`);
  }
  for (const file of ['/etc/xen/scripts/vif-bridge', '/etc/xen/scripts/block-iscsi', '/etc/other/vm1.cfg',
    '/home/ada/project/setup.cfg', '/etc/xen-tools/xen-tools.conf']) {
    assert.ok(!matches(file), `${file} should not be a Xen config`);
  }
});

test('the grammar is the copy of grammar/xencfg.tmLanguage.json, for scope source.xencfg', () => {
  assert.equal(contributes.grammars.length, 1);
  const grammar = contributes.grammars[0];
  assert.equal(grammar.language, LANGUAGE_ID);
  assert.ok(exists(grammar.path), `${grammar.path} is missing: run npm run copy-grammar`);
  const copied = read(grammar.path);
  assert.equal(copied, fs.readFileSync(path.join(root, '..', '..', 'grammar', 'xencfg.tmLanguage.json'), 'utf8'));
  assert.equal(JSON.parse(copied).scopeName, grammar.scopeName);
  assert.equal(grammar.scopeName, 'source.xencfg');
});

test('the copied grammar is ignored by git, so there is one source', () => {
  const ignored = read('.gitignore').split('\n').map((l) => l.trim());
  assert.ok(ignored.includes('syntaxes/'), '.gitignore must list syntaxes/');
});

test('snippets are contributed for the language from an existing file', () => {
  assert.deepEqual(contributes.snippets.map((s: { language: string }) => s.language), [LANGUAGE_ID]);
  assert.ok(exists(contributes.snippets[0].path));
});

test('settings in package.json match what the code accepts', () => {
  const properties = contributes.configuration.properties;
  assert.deepEqual(Object.keys(properties).sort(), ['xcfg.dialect', 'xcfg.hostChecks', 'xcfg.path', 'xcfg.rules', 'xcfg.trace.server', 'xcfg.useProjectConfig', 'xcfg.xenVersion']);
  assert.equal(properties['xcfg.hostChecks'].default, false);
  assert.equal(properties['xcfg.path'].default, DEFAULT_PATH);
  assert.deepEqual(properties['xcfg.dialect'].enum, [...DIALECTS]);
  assert.equal(properties['xcfg.dialect'].default, DEFAULT_DIALECT);
  assert.equal(properties['xcfg.dialect'].enumDescriptions.length, DIALECTS.length);
  assert.deepEqual(properties['xcfg.rules'].additionalProperties.enum, [...RULE_SEVERITIES]);
  assert.deepEqual(properties['xcfg.rules'].default, {});
  assert.deepEqual(properties['xcfg.trace.server'].enum, ['off', 'messages', 'verbose']);
  assert.equal(properties['xcfg.trace.server'].default, 'off');
});

test('an untrusted workspace cannot choose the executable', () => {
  assert.deepEqual(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations, ['xcfg.path']);
});

test('every contributed command is registered by the extension', () => {
  const source = read('src/extension.ts');
  for (const { command } of contributes.commands) {
    assert.ok(source.includes(`'${command}'`), `${command} is not registered in src/extension.ts`);
  }
});

test('main is the esbuild bundle, which exists after npm run bundle', () => {
  assert.equal(manifest.main, './dist/extension.js');
  assert.ok(exists(manifest.main), 'run npm run bundle first');
});

test('engines.vscode is no older than the @types/vscode we compile against', () => {
  const engine = /^\^(\d+)\.(\d+)\./.exec(manifest.engines.vscode);
  const types = /^(\d+)\.(\d+)\./.exec(manifest.devDependencies['@types/vscode']);
  assert.ok(engine && types, 'versions must be ^MAJOR.MINOR.PATCH and exact');
  assert.ok(Number(engine[1]) > Number(types[1]) || (engine[1] === types[1] && Number(engine[2]) >= Number(types[2])));
});

test('packaging never prompts: license, publisher, README and the repository flag are there', () => {
  assert.equal(manifest.license, 'MIT');
  assert.ok(exists('LICENSE'));
  assert.match(read('LICENSE'), /XenCfgTools contributors/);
  assert.ok(manifest.publisher);
  assert.ok(exists('README.md'));
  // Both packages are written by scripts/package.js, which runs vsce with these flags.
  assert.equal(manifest.scripts.package, 'node scripts/package.js');
  assert.equal(manifest.scripts['package:linux-x64'], 'node scripts/package.js linux-x64');
  const packager = read('scripts/package.js');
  assert.match(packager, /'--no-dependencies'/);
  assert.ok(manifest.repository || /'--allow-missing-repository'/.test(packager));
});
