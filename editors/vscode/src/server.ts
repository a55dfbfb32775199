// How the language server is found and started, without the VS Code API.
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { DEFAULT_PATH } from './settings';

export const LANGUAGE_ID = 'xen-config';

export const DOCUMENT_SELECTOR = [
  { scheme: 'file', language: LANGUAGE_ID },
  { scheme: 'untitled', language: LANGUAGE_ID },
] as const;

/** Files whose changes the server hears about (workspace/didChangeWatchedFiles). */
export const WATCHED_FILE_GLOBS = ['**/*.cfg', '**/*.xl', '**/*.xm', '**/.xcfg.toml'] as const;

/**
 * How to get xcfg without the bundled server. It names the page that has the commands rather than repeating
 * them, so that they are written in one place (docs/cli.md, "Install"): xcfg is on no package feed.
 */
export const INSTALL_HINT =
  'build and install it from a checkout of XenCfgTools as the "Install" section of its docs/cli.md says ' +
  '(it is on no package feed)';

/** The server is `xcfg lsp`, speaking LSP over stdio. */
export const SERVER_ARGS = ['lsp'] as const;

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

/** Where the server that is started was found, in the order they are tried. */
export type ServerOrigin = 'setting' | 'bundled' | 'path' | 'dotnet-tools';

export interface ResolvedServer {
  /** Absolute path of the executable (as configured, when the setting names an absolute path). */
  executable: string;
  origin: ServerOrigin;
}

/**
 * The `xcfg` shipped inside a platform-specific .vsix (`npm run package:linux-x64` puts the Native AOT
 * build there). The universal .vsix has none.
 */
export function bundledServerPath(extensionPath: string, platform: NodeJS.Platform): string {
  return pathApi(platform).join(extensionPath, 'server', platform === 'win32' ? 'xcfg.exe' : 'xcfg');
}

function candidatesWithExtensions(base: string, env: LookupEnvironment, platform: NodeJS.Platform): string[] {
  const extensions =
    platform === 'win32' ? ['', ...(env.PATHEXT ?? '.COM;.EXE;.BAT;.CMD').split(';').filter((e) => e !== '')] : [''];
  return extensions.map((ext) => base + ext);
}

/**
 * Looks a bare name up the way a shell would, on PATH, and then in ~/.dotnet/tools, where `dotnet tool
 * install --global` puts it (that folder is often missing from the PATH an editor started from a desktop
 * sees). On Windows the PATHEXT extensions are tried too.
 */
function searchForCommand(
  command: string,
  env: LookupEnvironment,
  ctx: PathContext,
  isExecutable: ExecutableCheck,
): { executable: string; origin: 'path' | 'dotnet-tools' } | undefined {
  const p = pathApi(ctx.platform);
  const firstExecutable = (base: string) =>
    candidatesWithExtensions(base, env, ctx.platform).find((candidate) => isExecutable(candidate));
  const searchPath = env.PATH ?? env.Path ?? '';
  for (const directory of searchPath.split(ctx.platform === 'win32' ? ';' : ':').filter((d) => d !== '')) {
    const found = firstExecutable(p.join(directory, command));
    if (found !== undefined) return { executable: found, origin: 'path' };
  }
  const found = firstExecutable(p.join(ctx.homeDir, '.dotnet', 'tools', command));
  return found === undefined ? undefined : { executable: found, origin: 'dotnet-tools' };
}

/**
 * Finds an executable: a command with a directory part is checked as it is; a bare name is searched
 * on PATH and then in ~/.dotnet/tools. Returns the absolute path, or undefined.
 */
export function findExecutable(
  command: string,
  env: LookupEnvironment,
  ctx: PathContext,
  isExecutable: ExecutableCheck = isExecutableFile,
): string | undefined {
  if (hasDirectoryPart(command, ctx.platform) || pathApi(ctx.platform).isAbsolute(command)) {
    return candidatesWithExtensions(command, env, ctx.platform).find((candidate) => isExecutable(candidate));
  }
  return searchForCommand(command, env, ctx, isExecutable)?.executable;
}

export interface ServerLookup {
  /**
   * `xcfg.path` when the user set it (expanded by expandServerPath's rules), else undefined. A set path
   * is used alone: when it names nothing, the server is not found, rather than some other xcfg started.
   */
  configuredPath?: string;
  /** bundledServerPath() of this extension, whether or not the file is there. */
  bundledPath: string;
  env: LookupEnvironment;
  ctx: PathContext;
  isExecutable?: ExecutableCheck;
}

/**
 * Chooses the server to start: `xcfg.path` when set; else the server bundled in the extension; else
 * `xcfg` on PATH; else `xcfg` in ~/.dotnet/tools. Returns undefined when none is there.
 */
export function resolveServer(lookup: ServerLookup): ResolvedServer | undefined {
  const isExecutable = lookup.isExecutable ?? isExecutableFile;
  if (lookup.configuredPath !== undefined) {
    const command = expandServerPath(lookup.configuredPath, lookup.ctx);
    const executable = findExecutable(command, lookup.env, lookup.ctx, isExecutable);
    return executable === undefined ? undefined : { executable, origin: 'setting' };
  }
  if (isExecutable(lookup.bundledPath)) {
    return { executable: lookup.bundledPath, origin: 'bundled' };
  }
  return searchForCommand(DEFAULT_PATH, lookup.env, lookup.ctx, isExecutable);
}

/** The output channel's line that says which server was started. */
export function startingMessage(server: ResolvedServer): string {
  const where: Record<ServerOrigin, string> = {
    setting: 'named by the "xcfg.path" setting',
    bundled: 'bundled with the extension',
    path: 'found on PATH',
    'dotnet-tools': 'found in ~/.dotnet/tools',
  };
  return `Starting the xcfg language server ${where[server.origin]}: ${server.executable} lsp`;
}

/**
 * The message shown when no server was found. `configuredPath` is xcfg.path when the user set it;
 * `bundledPath` is where this extension's own server would be.
 */
export function notFoundMessage(configuredPath: string | undefined, bundledPath: string, ctx: PathContext): string {
  if (configuredPath === undefined) {
    return (
      `xcfg not found: this package of the extension carries no server (${bundledPath} is missing), ` +
      'and xcfg is not on PATH or in ~/.dotnet/tools. On Linux x64, install the linux-x64 package of the ' +
      `extension, which carries it; elsewhere ${INSTALL_HINT}, or set "xcfg.path" to the xcfg executable.`
    );
  }
  const command = expandServerPath(configuredPath, ctx);
  return (
    `xcfg not found at "${command}" (setting "xcfg.path" is "${configuredPath}"). Correct "xcfg.path", ` +
    'or remove it to use the server bundled with the extension or xcfg on PATH.'
  );
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
