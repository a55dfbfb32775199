// End-to-end test of `xcfg lsp`: spawns the real executable and drives it with VS Code's own protocol client
// library (vscode-languageserver-protocol on vscode-jsonrpc), as the editor extension would.
// Run: XCFG_PATH=/path/to/xcfg npm test   (XCFG_PATH may also name xcfg.dll, which is then run with `dotnet`).
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  InitializeRequest,
  InitializedNotification,
  DidOpenTextDocumentNotification,
  DidChangeTextDocumentNotification,
  PublishDiagnosticsNotification,
  CodeActionRequest,
  DocumentSymbolRequest,
  DocumentFormattingRequest,
  ShutdownRequest,
  ExitNotification,
  TextDocumentSyncKind,
} = require('vscode-languageserver-protocol/node');

const TIMEOUT_MS = 30000;

function startServer() {
  const xcfg = process.env.XCFG_PATH;
  assert.ok(xcfg, 'set XCFG_PATH to the built xcfg executable (or xcfg.dll)');
  const [command, args] = xcfg.endsWith('.dll') ? ['dotnet', [xcfg, 'lsp']] : [xcfg, ['lsp']];
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const problems = [];
  connection.onError(([error]) => problems.push(`connection error: ${error && error.message}`));
  return { child, connection, exited, problems, stderr: () => stderr };
}

/** Collects published diagnostics and lets a test wait for the first publication matching a condition. */
function diagnosticsCollector(connection) {
  const seen = [];
  const waiters = [];
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    seen.push(params);
    for (const waiter of [...waiters]) {
      if (waiter.matches(params)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(params);
      }
    }
  });
  return {
    seen,
    waitFor(matches, what) {
      const already = seen.find(matches);
      if (already) return Promise.resolve(already);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; seen: ${JSON.stringify(seen.map((p) => [p.uri, p.version, p.diagnostics.map((d) => d.code)]))}`)), TIMEOUT_MS);
        waiters.push({ matches, resolve: (p) => { clearTimeout(timer); resolve(p); } });
      });
    },
  };
}

function offsetAt(text, position) {
  const lines = text.split('\n');
  let offset = 0;
  for (let i = 0; i < position.line && i < lines.length; i++) offset += lines[i].length + 1;
  return Math.min(offset + position.character, text.length);
}

/** Applies LSP TextEdits (non-overlapping, any order) to a text. */
function applyEdits(text, edits) {
  const sorted = [...edits].sort((a, b) => offsetAt(text, b.range.start) - offsetAt(text, a.range.start));
  for (const edit of sorted) {
    text = text.slice(0, offsetAt(text, edit.range.start)) + edit.newText + text.slice(offsetAt(text, edit.range.end));
  }
  return text;
}

test('xcfg lsp: open, diagnose, edit, quick-fix, format, shut down', { timeout: 4 * TIMEOUT_MS }, async () => {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'xcfg-e2e-'));
  const closedFile = path.join(workspace, 'closed', 'other.cfg');
  fs.mkdirSync(path.dirname(closedFile));
  fs.writeFileSync(closedFile, 'name = "other"\nname = "again"\n');
  const server = startServer();
  const { connection } = server;
  const diagnostics = diagnosticsCollector(connection);
  connection.listen();

  try {
    // Lifecycle: initialize with a workspace folder, then initialized.
    const init = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(workspace).href,
      workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'e2e' }],
      capabilities: { textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true } } },
      clientInfo: { name: 'lsp-e2e' },
    });
    assert.equal(init.capabilities.textDocumentSync.change, TextDocumentSyncKind.Incremental);
    assert.equal(init.serverInfo.name, 'xcfg');
    await connection.sendNotification(InitializedNotification.type, {});

    // A closed file of the workspace is found and published without a version.
    const closed = await diagnostics.waitFor((p) => p.uri === pathToFileURL(closedFile).href, 'the closed workspace file');
    assert.equal(closed.version, undefined);
    assert.ok(closed.diagnostics.some((d) => d.code === 'XCFG0103'), 'duplicate key in the closed file');

    // Open a document with two settings on one line: XCFG0014 at the start of the second one.
    const uri = pathToFileURL(path.join(workspace, 'vm.cfg')).href;
    let text = 'name = "vm" memory = 512\nvcpus = 2\n';
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'xencfg', version: 1, text } });
    const v1 = await diagnostics.waitFor((p) => p.uri === uri && p.version === 1, 'diagnostics of version 1');
    const missingSemicolon = v1.diagnostics.find((d) => d.code === 'XCFG0014');
    assert.ok(missingSemicolon, `XCFG0014 expected, got ${JSON.stringify(v1.diagnostics)}`);
    assert.deepEqual(missingSemicolon.range.start, { line: 0, character: 12 });
    assert.equal(missingSemicolon.severity, 1);
    assert.equal(missingSemicolon.source, 'xcfg');
    assert.match(missingSemicolon.codeDescription.href, /#xcfg0014$/);

    // An incremental edit sets vcpus a second time: a new finding arrives for version 2.
    const insert = { range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: 'vcpus = 4\n' };
    text = applyEdits(text, [{ range: insert.range, newText: insert.text }]);
    await connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [insert] });
    const v2 = await diagnostics.waitFor((p) => p.uri === uri && p.version === 2, 'diagnostics of version 2');
    const duplicate = v2.diagnostics.find((d) => d.code === 'XCFG0103');
    assert.ok(duplicate, `XCFG0103 expected, got ${JSON.stringify(v2.diagnostics)}`);
    assert.equal(duplicate.relatedInformation[0].location.range.start.line, 2);

    // The quick fix for XCFG0014, applied as the editor would, removes the finding.
    const actions = await connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: missingSemicolon.range,
      context: { diagnostics: [missingSemicolon] },
    });
    const fix = actions.find((action) => action.kind === 'quickfix' && action.diagnostics.some((d) => d.code === 'XCFG0014'));
    assert.ok(fix, `a quick fix for XCFG0014 expected, got ${JSON.stringify(actions)}`);
    const edits = fix.edit.changes[uri];
    text = applyEdits(text, edits);
    assert.equal(text, 'name = "vm"; memory = 512\nvcpus = 2\nvcpus = 4\n');
    await connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 3 },
      contentChanges: edits.map((edit) => ({ range: edit.range, text: edit.newText })),
    });
    const v3 = await diagnostics.waitFor((p) => p.uri === uri && p.version === 3, 'diagnostics of version 3');
    assert.ok(!v3.diagnostics.some((d) => d.code === 'XCFG0014'), `XCFG0014 should be gone: ${JSON.stringify(v3.diagnostics)}`);

    // Outline and formatting on the fixed text.
    const symbols = await connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } });
    assert.deepEqual(symbols.map((s) => s.name), ['name', 'memory', 'vcpus', 'vcpus']);
    const formatting = await connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options: { tabSize: 4, insertSpaces: true } });
    assert.ok(Array.isArray(formatting));

    // Clean shutdown: exit code 0.
    await connection.sendRequest(ShutdownRequest.type);
    await connection.sendNotification(ExitNotification.type);
    const { code } = await Promise.race([
      server.exited,
      new Promise((_, reject) => setTimeout(() => reject(new Error('the server did not exit')), TIMEOUT_MS).unref()),
    ]);
    assert.equal(code, 0, `exit code; stderr:\n${server.stderr()}`);
    assert.deepEqual(server.problems, []);
  } finally {
    connection.dispose();
    if (server.child.exitCode === null) server.child.kill();
    fs.rmSync(workspace, { recursive: true, force: true });
  }
});
