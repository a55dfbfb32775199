// How the language server is found and started, without the VS Code API.
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import type { XcfgSettings } from './settings';
import { DEFAULT_PATH } from './settings';

export const LANGUAGE_ID = 'xen-config';

export const DOCUMENT_SELECTOR = [
  { scheme: 'file', language: LANGUAGE_ID },
  { scheme: 'untitled', language: LANGUAGE_ID },
] as const;

/** Files whose changes the server hears about (workspace/didChangeWatchedFiles). */
export const WATCHED_FILE_GLOBS = ['**/*.cfg', '**/*.xl', '**/*.xm', '**/.xcfg.toml'] as const;

export const INSTALL_HINT =
  'install it with `dotnet tool install --global XenCfgTools` (from a checkout: ' +
  '`dotnet pack src/XenCfg.Cli -o artifacts` and add `--add-source artifacts`)';

export interface ServerCommand {
  command: string;
  args: string[];
  transport: 'stdio';
}

export interface PathContext {
  /** The first workspace folder, if any: relative paths and ${workspaceFolder} resolve against it. */
  workspaceFolder?: string;
  homeDir: string;
  platform: NodeJS.Platform;
}

function pathApi(platform: NodeJS.Platform): typeof nodePath.posix {
  return platform === 'win32' ? nodePath.win32 : nodePath.posix;
}

function hasDirectoryPart(command: string, platform: NodeJS.Platform): boolean {
  return command.includes('/') || (platform === 'win32' && command.includes('\\'));
}

/**
 * Expands `~` and `${workspaceFolder}` in xcfg.path, and makes a relative path that names a
 * directory (`./bin/xcfg`, `tools/xcfg`) absolute against the workspace folder. A bare name
 * (`xcfg`) stays as it is, to be looked up on PATH.
 */
export function expandServerPath(configured: string, ctx: PathContext): string {
  const p = pathApi(ctx.platform);
  let result = configured;
  if (ctx.workspaceFolder !== undefined) {
    result = result.split('${workspaceFolder}').join(ctx.workspaceFolder);
  }
  if (result === '~') {
    result = ctx.homeDir;
  } else if (result.startsWith('~/') || (ctx.platform === 'win32' && result.startsWith('~\\'))) {
    result = p.join(ctx.homeDir, result.slice(2));
  }
  if (hasDirectoryPart(result, ctx.platform) && !p.isAbsolute(result) && ctx.workspaceFolder !== undefined) {
    result = p.resolve(ctx.workspaceFolder, result);
  }
  return result;
}

export function serverCommand(settings: XcfgSettings, ctx: PathContext): ServerCommand {
  return { command: expandServerPath(settings.path, ctx), args: ['lsp'], transport: 'stdio' };
}

export type ExecutableCheck = (candidate: string) => boolean;

/** True for an existing regular file that the current user may execute. */
export const isExecutableFile: ExecutableCheck = (candidate) => {
  try {
    if (!fs.statSync(candidate).isFile()) return false;
    if (process.platform !== 'win32') fs.accessSync(candidate, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

export interface LookupEnvironment {
  PATH?: string;
  Path?: string;
  PATHEXT?: string;
}

/**
 * Finds the executable the way a shell would: a command with a directory part is checked as
 * it is; a bare name is searched on PATH and then in ~/.dotnet/tools, where `dotnet tool
 * install --global` puts it (that folder is often missing from the PATH an editor started
 * from a desktop sees). On Windows the PATHEXT extensions are tried too.
 * Returns the absolute path, or undefined.
 */
export function findExecutable(
  command: string,
  env: LookupEnvironment,
  ctx: PathContext,
  isExecutable: ExecutableCheck = isExecutableFile,
): string | undefined {
  const p = pathApi(ctx.platform);
  const extensions =
    ctx.platform === 'win32'
      ? ['', ...(env.PATHEXT ?? '.COM;.EXE;.BAT;.CMD').split(';').filter((e) => e !== '')]
      : [''];
  const firstExecutable = (base: string) =>
    extensions.map((ext) => base + ext).find((candidate) => isExecutable(candidate));

  if (hasDirectoryPart(command, ctx.platform) || p.isAbsolute(command)) {
    return firstExecutable(command);
  }
  const searchPath = env.PATH ?? env.Path ?? '';
  const directories = searchPath.split(ctx.platform === 'win32' ? ';' : ':').filter((d) => d !== '');
  directories.push(p.join(ctx.homeDir, '.dotnet', 'tools'));
  for (const directory of directories) {
    const found = firstExecutable(p.join(directory, command));
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The message shown when the executable cannot be found. */
export function notFoundMessage(settings: XcfgSettings, command: string): string {
  if (settings.path === DEFAULT_PATH) {
    return `xcfg not found: it is not on PATH or in ~/.dotnet/tools. To get diagnostics, ${INSTALL_HINT}, or set "xcfg.path" to the xcfg executable.`;
  }
  return `xcfg not found at "${command}" (setting "xcfg.path" is "${settings.path}"). Correct "xcfg.path", or ${INSTALL_HINT}.`;
}

/** The message shown when the executable was found but the server did not start. */
export function startFailureMessage(command: string, error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  const detail = error instanceof Error ? error.message : String(error);
  if (code === 'ENOENT') {
    return `xcfg not found: "${command}" could not be started (${detail}). ${capitalise(INSTALL_HINT)}, or set "xcfg.path".`;
  }
  if (code === 'EACCES') {
    return `xcfg could not be started: "${command}" is not executable (${detail}). Check its permissions or set "xcfg.path".`;
  }
  return `xcfg language server failed to start ("${command} lsp"): ${detail}. Check that "xcfg.path" names the XenCfgTools executable; the "Xen config" output channel has details.`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
