import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import {
  bundledServerPath,
  DOCUMENT_SELECTOR,
  expandServerPath,
  findExecutable,
  isExecutableFile,
  notFoundMessage,
  type PathContext,
  resolveServer,
  SERVER_ARGS,
  startFailureMessage,
  startingMessage,
  WATCHED_FILE_GLOBS,
} from '../src/server';

const linux: PathContext = { workspaceFolder: '/work/site', homeDir: '/home/ada', platform: 'linux' };
const windows: PathContext = { workspaceFolder: 'C:\\work\\site', homeDir: 'C:\\Users\\ada', platform: 'win32' };

test('the server is started as `xcfg lsp`', () => {
  assert.deepEqual(SERVER_ARGS, ['lsp']);
});

test('the bundled server lives in the extension\'s server folder', () => {
  assert.equal(bundledServerPath('/home/ada/.vscode-server/extensions/xencfgtools.xcfg-vscode-0.1.0-linux-x64', 'linux'),
    '/home/ada/.vscode-server/extensions/xencfgtools.xcfg-vscode-0.1.0-linux-x64/server/xcfg');
  assert.equal(bundledServerPath('C:\\ext', 'win32'), 'C:\\ext\\server\\xcfg.exe');
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

test('without a setting or a bundled server, the not-found message says where it looked and how to get xcfg', () => {
  const message = notFoundMessage(undefined, '/ext/server/xcfg', linux);
  assert.equal(
    message,
    'xcfg not found: this package of the extension carries no server (/ext/server/xcfg is missing), and xcfg is not ' +
      'on PATH or in ~/.dotnet/tools. On Linux x64, install the linux-x64 package of the extension, which carries it; ' +
      'elsewhere build and install it from a checkout of XenCfgTools as the "Install" section of its docs/cli.md ' +
      'says (it is on no package feed), or set "xcfg.path" to the xcfg executable.',
  );
});

test('the section the install hint names is there in docs/cli.md, with the commands', () => {
  const cli = fs.readFileSync(path.resolve(__dirname, '..', '..', '..', '..', 'docs', 'cli.md'), 'utf8');
  const section = cli.split(/^## /m).find((part) => part.startsWith('Install\n'));
  assert.ok(section !== undefined, 'docs/cli.md has no "## Install" section');
  assert.match(section, /dotnet pack src\/XenCfg\.Cli/);
  assert.match(section, /dotnet tool install --global --add-source artifacts XenCfgTools/);
});

test('with xcfg.path set the not-found message quotes the setting and its expansion', () => {
  assert.equal(
    notFoundMessage('~/bin/xcfg', '/ext/server/xcfg', linux),
    'xcfg not found at "/home/ada/bin/xcfg" (setting "xcfg.path" is "~/bin/xcfg"). Correct "xcfg.path", or remove it ' +
      'to use the server bundled with the extension or xcfg on PATH.',
  );
});

test('start failures are explained by their error code', () => {
  const enoent = Object.assign(new Error('spawn /x/xcfg ENOENT'), { code: 'ENOENT' });
  assert.match(startFailureMessage('/x/xcfg', enoent), /^xcfg not found: "\/x\/xcfg" could not be started .*Build and install it from a checkout of XenCfgTools as the "Install" section of its docs\/cli\.md says/);
  const eacces = Object.assign(new Error('spawn /x/xcfg EACCES'), { code: 'EACCES' });
  assert.match(startFailureMessage('/x/xcfg', eacces), /is not executable/);
  assert.match(startFailureMessage('/x/xcfg', new Error('connection closed')), /failed to start \("\/x\/xcfg lsp"\): connection closed/);
  assert.match(startFailureMessage('/x/xcfg', 'odd'), /: odd\./);
});

// Server resolution: xcfg.path when set, then the bundled server, then PATH, then ~/.dotnet/tools.
function installations(names: { bundled?: boolean; onPath?: boolean; dotnetTool?: boolean; custom?: boolean }) {
  const base = fs.mkdtempSync(path.join(scratch, 'resolve-'));
  const at = (relative: string, present: boolean | undefined) => {
    const full = path.join(base, relative);
    if (present) {
      fs.mkdirSync(path.dirname(full), { recursive: true });
      fs.writeFileSync(full, '#!/bin/sh\n');
      fs.chmodSync(full, 0o755);
    }
    return full;
  };
  return {
    bundled: at('extension/server/xcfg', names.bundled),
    onPath: at('usr/bin/xcfg', names.onPath),
    dotnetTool: at('home/.dotnet/tools/xcfg', names.dotnetTool),
    custom: at('opt/xcfg-dev/xcfg', names.custom),
    env: { PATH: path.join(base, 'usr/bin') },
    ctx: { workspaceFolder: path.join(base, 'site'), homeDir: path.join(base, 'home'), platform: 'linux' as const },
    extension: path.join(base, 'extension'),
  };
}

test('resolution: a set xcfg.path wins over everything else', () => {
  const i = installations({ bundled: true, onPath: true, dotnetTool: true, custom: true });
  const server = resolveServer({ configuredPath: i.custom, bundledPath: bundledServerPath(i.extension, 'linux'), env: i.env, ctx: i.ctx });
  assert.deepEqual(server, { executable: i.custom, origin: 'setting' });
});

test('resolution: a set xcfg.path that names nothing finds nothing, rather than starting another xcfg', () => {
  const i = installations({ bundled: true, onPath: true, dotnetTool: true });
  assert.equal(resolveServer({ configuredPath: i.custom, bundledPath: i.bundled, env: i.env, ctx: i.ctx }), undefined);
});

test('resolution: a set bare name is looked up on PATH and in ~/.dotnet/tools, skipping the bundled server', () => {
  const i = installations({ bundled: true, dotnetTool: true });
  assert.deepEqual(resolveServer({ configuredPath: 'xcfg', bundledPath: i.bundled, env: i.env, ctx: i.ctx }), {
    executable: i.dotnetTool,
    origin: 'setting',
  });
});

test('resolution: a set path is expanded (~, ${workspaceFolder}, relative to the workspace)', () => {
  const i = installations({ bundled: true, custom: true });
  const ctx = { ...i.ctx, homeDir: path.dirname(path.dirname(i.custom)), workspaceFolder: path.dirname(path.dirname(i.custom)) };
  for (const configured of ['~/xcfg-dev/xcfg', '${workspaceFolder}/xcfg-dev/xcfg', 'xcfg-dev/xcfg']) {
    assert.deepEqual(resolveServer({ configuredPath: configured, bundledPath: i.bundled, env: i.env, ctx }), {
      executable: i.custom,
      origin: 'setting',
    }, configured);
  }
});

test('resolution: unset, the bundled server comes before PATH and ~/.dotnet/tools', () => {
  const i = installations({ bundled: true, onPath: true, dotnetTool: true });
  assert.deepEqual(resolveServer({ bundledPath: i.bundled, env: i.env, ctx: i.ctx }), { executable: i.bundled, origin: 'bundled' });
});

test('resolution: without a bundled server (the universal package), PATH comes before ~/.dotnet/tools', () => {
  const i = installations({ onPath: true, dotnetTool: true });
  assert.deepEqual(resolveServer({ bundledPath: i.bundled, env: i.env, ctx: i.ctx }), { executable: i.onPath, origin: 'path' });
});

test('resolution: ~/.dotnet/tools is the last place looked', () => {
  const i = installations({ dotnetTool: true });
  assert.deepEqual(resolveServer({ bundledPath: i.bundled, env: i.env, ctx: i.ctx }), { executable: i.dotnetTool, origin: 'dotnet-tools' });
});

test('resolution: a bundled server that is not executable is passed over', () => {
  const i = installations({ onPath: true });
  fs.mkdirSync(path.dirname(i.bundled), { recursive: true });
  fs.writeFileSync(i.bundled, '#!/bin/sh\n');
  fs.chmodSync(i.bundled, 0o644);
  assert.deepEqual(resolveServer({ bundledPath: i.bundled, env: i.env, ctx: i.ctx }), { executable: i.onPath, origin: 'path' });
});

test('resolution: nothing anywhere gives undefined', () => {
  const i = installations({});
  assert.equal(resolveServer({ bundledPath: i.bundled, env: i.env, ctx: i.ctx }), undefined);
});

test('the output channel says which server was started', () => {
  assert.equal(
    startingMessage({ executable: '/ext/server/xcfg', origin: 'bundled' }),
    'Starting the xcfg language server bundled with the extension: /ext/server/xcfg lsp',
  );
  assert.equal(
    startingMessage({ executable: '/opt/xcfg', origin: 'setting' }),
    'Starting the xcfg language server named by the "xcfg.path" setting: /opt/xcfg lsp',
  );
  assert.equal(startingMessage({ executable: '/usr/bin/xcfg', origin: 'path' }), 'Starting the xcfg language server found on PATH: /usr/bin/xcfg lsp');
  assert.equal(
    startingMessage({ executable: '/home/ada/.dotnet/tools/xcfg', origin: 'dotnet-tools' }),
    'Starting the xcfg language server found in ~/.dotnet/tools: /home/ada/.dotnet/tools/xcfg lsp',
  );
});

test('documents: xen-config in files and untitled editors; watched files include .xcfg.toml', () => {
  assert.deepEqual(DOCUMENT_SELECTOR, [
    { scheme: 'file', language: 'xen-config' },
    { scheme: 'untitled', language: 'xen-config' },
  ]);
  assert.deepEqual(WATCHED_FILE_GLOBS, ['**/*.cfg', '**/*.xl', '**/*.xm', '**/.xcfg.toml']);
});
