import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import {
  DOCUMENT_SELECTOR,
  expandServerPath,
  findExecutable,
  isExecutableFile,
  notFoundMessage,
  type PathContext,
  serverCommand,
  startFailureMessage,
  WATCHED_FILE_GLOBS,
} from '../src/server';
import { readSettings } from '../src/settings';

const linux: PathContext = { workspaceFolder: '/work/site', homeDir: '/home/ada', platform: 'linux' };
const windows: PathContext = { workspaceFolder: 'C:\\work\\site', homeDir: 'C:\\Users\\ada', platform: 'win32' };
const settingsWithPath = (p?: string) => readSettings((key) => (key === 'path' ? p : undefined)).settings;

test('the server is `<path> lsp` over stdio', () => {
  assert.deepEqual(serverCommand(settingsWithPath(), linux), { command: 'xcfg', args: ['lsp'], transport: 'stdio' });
  assert.deepEqual(serverCommand(settingsWithPath('/opt/bin/xcfg'), linux), {
    command: '/opt/bin/xcfg',
    args: ['lsp'],
    transport: 'stdio',
  });
});

test('path expansion: bare names stay, ~ and ${workspaceFolder} expand, relative paths resolve', () => {
  assert.equal(expandServerPath('xcfg', linux), 'xcfg');
  assert.equal(expandServerPath('~/.dotnet/tools/xcfg', linux), '/home/ada/.dotnet/tools/xcfg');
  assert.equal(expandServerPath('~', linux), '/home/ada');
  assert.equal(expandServerPath('${workspaceFolder}/bin/xcfg', linux), '/work/site/bin/xcfg');
  assert.equal(expandServerPath('./artifacts/xcfg', linux), '/work/site/artifacts/xcfg');
  assert.equal(expandServerPath('artifacts/xcfg', linux), '/work/site/artifacts/xcfg');
  assert.equal(expandServerPath('/usr/local/bin/xcfg', linux), '/usr/local/bin/xcfg');
});

test('without a workspace folder a relative path is left alone', () => {
  const noFolder = { ...linux, workspaceFolder: undefined };
  assert.equal(expandServerPath('./artifacts/xcfg', noFolder), './artifacts/xcfg');
  assert.equal(expandServerPath('${workspaceFolder}/xcfg', noFolder), '${workspaceFolder}/xcfg');
});

test('path expansion on Windows uses backslashes and drive letters', () => {
  assert.equal(expandServerPath('~\\tools\\xcfg.exe', windows), 'C:\\Users\\ada\\tools\\xcfg.exe');
  assert.equal(expandServerPath('bin\\xcfg.exe', windows), 'C:\\work\\site\\bin\\xcfg.exe');
  assert.equal(expandServerPath('D:\\xcfg\\xcfg.exe', windows), 'D:\\xcfg\\xcfg.exe');
});

// A real directory tree for the lookups that touch the file system.
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'xcfg-vscode-test-'));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));
function file(relative: string, mode: number): string {
  const full = path.join(scratch, relative);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, '#!/bin/sh\n');
  fs.chmodSync(full, mode);
  return full;
}

test('a bare name is found in the first PATH directory that has it as an executable', () => {
  file('a/xcfg', 0o644); // not executable: skipped
  const expected = file('b/xcfg', 0o755);
  file('c/xcfg', 0o755);
  const ctx = { ...linux, homeDir: path.join(scratch, 'home') };
  const PATH = ['a', 'b', 'c'].map((d) => path.join(scratch, d)).join(':');
  assert.equal(findExecutable('xcfg', { PATH }, ctx), expected);
});

test('a dotnet global tool in ~/.dotnet/tools is found when it is not on PATH', () => {
  const home = path.join(scratch, 'home2');
  const expected = file('home2/.dotnet/tools/xcfg', 0o755);
  assert.equal(findExecutable('xcfg', { PATH: path.join(scratch, 'empty') }, { ...linux, homeDir: home }), expected);
});

test('nothing found gives undefined', () => {
  const ctx = { ...linux, homeDir: path.join(scratch, 'nohome') };
  assert.equal(findExecutable('xcfg', { PATH: path.join(scratch, 'none') }, ctx), undefined);
  assert.equal(findExecutable('xcfg', {}, ctx), undefined);
});

test('a command with a directory part is checked as it is, not searched on PATH', () => {
  const executable = file('d/xcfg', 0o755);
  assert.equal(findExecutable(executable, { PATH: '' }, linux), executable);
  assert.equal(findExecutable(path.join(scratch, 'd', 'missing'), { PATH: path.join(scratch, 'd') }, linux), undefined);
  assert.equal(isExecutableFile(path.join(scratch, 'd')), false, 'a directory is not an executable');
});

test('on Windows PATH is split on ; and PATHEXT extensions are tried', () => {
  const existing = new Set(['C:\\tools\\xcfg.EXE']);
  const seen: string[] = [];
  const check = (candidate: string) => {
    seen.push(candidate);
    return existing.has(candidate);
  };
  const found = findExecutable('xcfg', { Path: 'C:\\bin;C:\\tools', PATHEXT: '.COM;.EXE' }, windows, check);
  assert.equal(found, 'C:\\tools\\xcfg.EXE');
  assert.deepEqual(seen, ['C:\\bin\\xcfg', 'C:\\bin\\xcfg.COM', 'C:\\bin\\xcfg.EXE', 'C:\\tools\\xcfg', 'C:\\tools\\xcfg.COM', 'C:\\tools\\xcfg.EXE']);
});

test('the not-found message says how to install xcfg and names the setting', () => {
  const message = notFoundMessage(settingsWithPath(), 'xcfg');
  assert.match(message, /^xcfg not found/);
  assert.match(message, /dotnet tool install --global XenCfgTools/);
  assert.match(message, /"xcfg\.path"/);
});

test('with an explicit path the not-found message quotes it', () => {
  const message = notFoundMessage(settingsWithPath('~/bin/xcfg'), '/home/ada/bin/xcfg');
  assert.match(message, /xcfg not found at "\/home\/ada\/bin\/xcfg" \(setting "xcfg\.path" is "~\/bin\/xcfg"\)/);
});

test('start failures are explained by their error code', () => {
  const enoent = Object.assign(new Error('spawn /x/xcfg ENOENT'), { code: 'ENOENT' });
  assert.match(startFailureMessage('/x/xcfg', enoent), /^xcfg not found: "\/x\/xcfg" could not be started .*Install it with `dotnet tool install/);
  const eacces = Object.assign(new Error('spawn /x/xcfg EACCES'), { code: 'EACCES' });
  assert.match(startFailureMessage('/x/xcfg', eacces), /is not executable/);
  assert.match(startFailureMessage('/x/xcfg', new Error('connection closed')), /failed to start \("\/x\/xcfg lsp"\): connection closed/);
  assert.match(startFailureMessage('/x/xcfg', 'odd'), /: odd\./);
});

test('documents: xen-config in files and untitled editors; watched files include .xcfg.toml', () => {
  assert.deepEqual(DOCUMENT_SELECTOR, [
    { scheme: 'file', language: 'xen-config' },
    { scheme: 'untitled', language: 'xen-config' },
  ]);
  assert.deepEqual(WATCHED_FILE_GLOBS, ['**/*.cfg', '**/*.xl', '**/*.xm', '**/.xcfg.toml']);
});
