// The thin VS Code layer: reads settings, starts `xcfg lsp` through vscode-languageclient and
// keeps it in step with the settings. The decisions live in settings.ts and server.ts.
import * as os from 'node:os';
import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification,
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';
import {
  bundledServerPath,
  DOCUMENT_SELECTOR,
  notFoundMessage,
  type PathContext,
  resolveServer,
  SERVER_ARGS,
  startFailureMessage,
  startingMessage,
  WATCHED_FILE_GLOBS,
} from './server';
import {
  affectsServerSettings,
  pathIsSet,
  readSettings,
  SECTION,
  serverSettingsPayload,
  type SettingsResult,
  type XcfgSettings,
} from './settings';

const RESTART_COMMAND = 'xcfg.restartServer';
const OPEN_SETTINGS = 'Open Settings';

let client: LanguageClient | undefined;
let clientDisposables: vscode.Disposable[] = [];
let output: vscode.OutputChannel;
let extensionPath: string;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  extensionPath = context.extensionPath;
  output = vscode.window.createOutputChannel('Xen config');
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand(RESTART_COMMAND, restart),
    vscode.workspace.onDidChangeConfiguration(onConfigurationChanged),
    // A workspace's own xcfg.path counts only once the workspace is trusted.
    vscode.workspace.onDidGrantWorkspaceTrust(restart),
  );
  await start();
}

export async function deactivate(): Promise<void> {
  await stop();
}

function currentSettings(): SettingsResult {
  const configuration = vscode.workspace.getConfiguration(SECTION);
  return readSettings((key) => configuration.get(key));
}

function pathContext(): PathContext {
  return {
    workspaceFolder: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath,
    homeDir: os.homedir(),
    platform: process.platform,
  };
}

async function start(): Promise<void> {
  const { settings, problems } = currentSettings();
  reportProblems(problems);

  const ctx = pathContext();
  const configuration = vscode.workspace.getConfiguration(SECTION);
  const configuredPath = pathIsSet(configuration.inspect('path'), vscode.workspace.isTrusted) ? settings.path : undefined;
  const bundledPath = bundledServerPath(extensionPath, process.platform);
  const server = resolveServer({ configuredPath, bundledPath, env: process.env, ctx });
  if (server === undefined) {
    const message = notFoundMessage(configuredPath, bundledPath, ctx);
    output.appendLine(message);
    void showErrorWithSettingsButton(message);
    return;
  }
  const executable = server.executable;
  output.appendLine(startingMessage(server));

  const serverOptions: ServerOptions = {
    command: executable,
    args: [...SERVER_ARGS],
    transport: TransportKind.stdio,
  };
  const watchers = WATCHED_FILE_GLOBS.map((glob) => vscode.workspace.createFileSystemWatcher(glob));
  const clientOptions: LanguageClientOptions = {
    documentSelector: [...DOCUMENT_SELECTOR],
    synchronize: { fileEvents: watchers },
    initializationOptions: serverSettingsPayload(settings),
    outputChannel: output,
  };

  // The id "xcfg" makes the client honour the "xcfg.trace.server" setting.
  const candidate = new LanguageClient('xcfg', 'Xen config language server', serverOptions, clientOptions);
  clientDisposables = watchers;
  try {
    await candidate.start();
  } catch (error) {
    const message = startFailureMessage(executable, error);
    output.appendLine(message);
    void showErrorWithSettingsButton(message);
    await candidate.dispose().catch(() => undefined);
    disposeClientResources();
    return;
  }
  client = candidate;
  await sendSettings(settings);
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  if (running !== undefined) {
    await running.stop().catch((error: unknown) => output.appendLine(`stopping xcfg failed: ${String(error)}`));
  }
  disposeClientResources();
}

function disposeClientResources(): void {
  clientDisposables.forEach((d) => d.dispose());
  clientDisposables = [];
}

async function restart(): Promise<void> {
  await stop();
  await start();
}

/** Settings that were ignored: in the output channel, and once in a warning. */
function reportProblems(problems: string[]): void {
  if (problems.length === 0) return;
  problems.forEach((problem) => output.appendLine(problem));
  void vscode.window.showWarningMessage(`Xen config: ${problems.join(' ')}`);
}

/** After a change of the settings: reads them again (saying what is ignored) and sends them to the server. */
async function settingsChanged(): Promise<void> {
  const { settings, problems } = currentSettings();
  reportProblems(problems);
  await sendSettings(settings);
}

async function sendSettings(settings: XcfgSettings): Promise<void> {
  if (client === undefined || !client.isRunning()) return;
  await client.sendNotification(DidChangeConfigurationNotification.type, {
    settings: serverSettingsPayload(settings),
  });
}

async function onConfigurationChanged(event: vscode.ConfigurationChangeEvent): Promise<void> {
  if (event.affectsConfiguration(`${SECTION}.path`)) {
    await restart();
  } else if (affectsServerSettings((section) => event.affectsConfiguration(section))) {
    await settingsChanged();
  }
}

async function showErrorWithSettingsButton(message: string): Promise<void> {
  const choice = await vscode.window.showErrorMessage(message, OPEN_SETTINGS);
  if (choice === OPEN_SETTINGS) {
    await vscode.commands.executeCommand('workbench.action.openSettings', `${SECTION}.path`);
  }
}
