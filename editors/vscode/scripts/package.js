#!/usr/bin/env node
// Writes the extension's .vsix.
//   node scripts/package.js             -> xcfg-vscode.vsix, the universal package: no server inside, the
//                                          extension finds xcfg through xcfg.path, PATH or ~/.dotnet/tools
//   node scripts/package.js linux-x64   -> xcfg-vscode-linux-x64.vsix, a platform package (vsce --target)
//                                          carrying the Native AOT xcfg in server/, which the extension
//                                          starts when xcfg.path is not set
// The server is published from this checkout (dotnet publish -p:PublishAot=true), so the .vsix and the
// server always come from the same commit. server/ exists only while vsce runs (and is in .gitignore), so
// the universal package can never pick up a stale server.
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const extensionRoot = path.resolve(__dirname, '..');
const repositoryRoot = path.resolve(extensionRoot, '..', '..');
const cliProject = path.join(repositoryRoot, 'src', 'XenCfg.Cli');
const serverFolder = path.join(extensionRoot, 'server');

// vsce target -> .NET runtime identifier. Native AOT compiles for the platform it runs on, so only the
// targets that can be built on the machine that packages are listed.
const TARGETS = {
  'linux-x64': { runtime: 'linux-x64', executable: 'xcfg' },
};

function run(command, args, options = {}) {
  console.log(`package: ${command} ${args.join(' ')}`);
  execFileSync(command, args, { stdio: 'inherit', cwd: extensionRoot, ...options });
}

function publishServer(target) {
  const { runtime, executable } = TARGETS[target];
  if (!fs.existsSync(path.join(cliProject, 'XenCfg.Cli.csproj'))) {
    throw new Error(`${cliProject} not found: package a platform .vsix from a checkout of the repository`);
  }
  const publishFolder = path.join(extensionRoot, 'out', `server-${runtime}`);
  fs.rmSync(publishFolder, { recursive: true, force: true });
  run('dotnet', ['publish', cliProject, '-c', 'Release', '-r', runtime, '-p:PublishAot=true', '-o', publishFolder]);
  // Only the executable: the publish folder also holds debug symbols (xcfg.dbg, *.pdb), several times its size.
  fs.mkdirSync(serverFolder, { recursive: true });
  const bundled = path.join(serverFolder, executable);
  fs.copyFileSync(path.join(publishFolder, executable), bundled);
  fs.chmodSync(bundled, 0o755);
  // Fail here, not in the editor, on a server that does not run.
  run(bundled, ['--version']);
}

function main(argv) {
  const target = argv[0];
  if (argv.length > 1 || (target !== undefined && !(target in TARGETS))) {
    console.error(`usage: node scripts/package.js [${Object.keys(TARGETS).join('|')}]`);
    return 2;
  }
  const vsix = target === undefined ? 'xcfg-vscode.vsix' : `xcfg-vscode-${target}.vsix`;
  const vsce = path.join(extensionRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
  fs.rmSync(serverFolder, { recursive: true, force: true });
  fs.rmSync(path.join(extensionRoot, vsix), { force: true });
  try {
    if (target !== undefined) publishServer(target);
    const targetArgs = target === undefined ? [] : ['--target', target];
    run(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', ...targetArgs, '--out', vsix]);
  } finally {
    fs.rmSync(serverFolder, { recursive: true, force: true });
  }
  console.log(`package: wrote ${path.join(extensionRoot, vsix)}`);
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  console.error(`package: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
