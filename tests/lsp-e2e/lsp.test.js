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
  HoverRequest,
  CompletionRequest,
  ReferencesRequest,
  SemanticTokensRequest,
  WorkDoneProgress,
  WorkDoneProgressCreateRequest,
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

/** shutdown, then exit: the server must leave with code 0 and nothing wrong on the wire. */
async function shutDownCleanly(connection, server) {
  await connection.sendRequest(ShutdownRequest.type);
  await connection.sendNotification(ExitNotification.type);
  const { code } = await Promise.race([
    server.exited,
    new Promise((_, reject) => setTimeout(() => reject(new Error('the server did not exit')), TIMEOUT_MS).unref()),
  ]);
  assert.equal(code, 0, `exit code; stderr:\n${server.stderr()}`);
  assert.deepEqual(server.problems, []);
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

    await shutDownCleanly(connection, server);
  } finally {
    connection.dispose();
    if (server.child.exitCode === null) server.child.kill();
    fs.rmSync(workspace, { recursive: true, force: true });
  }
});

test('xcfg lsp: cross-file partners, hover, completion, references, semantic tokens, a burst of edits', { timeout: 4 * TIMEOUT_MS }, async () => {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'xcfg-e2e-'));
  const partner = path.join(workspace, 'web-b.cfg');
  // The same logical volume as web-a's xvdb, under its device-mapper name; this guest only reads it.
  fs.writeFileSync(partner, "name = \"web-b\"\ndisk = [ 'format=raw, vdev=xvdb, access=ro, target=/dev/mapper/vg0-www--data' ]\n");
  const server = startServer();
  const { connection } = server;
  const diagnostics = diagnosticsCollector(connection);
  let scanEnded;
  const scanned = new Promise((resolve) => { scanEnded = resolve; });
  connection.onRequest(WorkDoneProgressCreateRequest.type, (params) => {
    connection.onProgress(WorkDoneProgress.type, params.token, (value) => { if (value.kind === 'end') scanEnded(value); });
    return null;
  });
  connection.listen();

  try {
    const init = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(workspace).href,
      workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'e2e' }],
      capabilities: { window: { workDoneProgress: true }, textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true } } },
    });
    await connection.sendNotification(InitializedNotification.type, {});
    assert.equal((await scanned).message, '1 config files analysed');

    // web-a writes the volume web-b reads: both files get XCFG0300, web-b (closed) without a version.
    const uri = pathToFileURL(path.join(workspace, 'web-a.cfg')).href;
    const partnerUri = pathToFileURL(partner).href;
    let text = "name = \"web-a\"\ntype = \"pv\"\ndisk = [ 'phy:/dev/vg0/web-a-root,xvda,w', 'phy:/dev/vg0/www-data,xvdb,w' ]\n";
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'xencfg', version: 1, text } });
    const conflict = await diagnostics.waitFor((p) => p.uri === uri && p.version === 1, 'web-a v1');
    assert.ok(conflict.diagnostics.some((d) => d.code === 'XCFG0300'), JSON.stringify(conflict.diagnostics));
    const partnerConflict = await diagnostics.waitFor((p) => p.uri === partnerUri && p.diagnostics.some((d) => d.code === 'XCFG0300'), 'web-b with the conflict');
    assert.equal(partnerConflict.version, undefined);
    assert.equal(partnerConflict.diagnostics[0].relatedInformation[0].location.uri, uri);

    // Hover on web-a's second disk: xl's reading of it.
    const hover = await connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 2, character: 60 } });
    assert.match(hover.contents.value, /\*\*disk 2 of 2\*\*/);
    assert.match(hover.contents.value, /\| target \| `\/dev\/vg0\/www-data` \|/);

    // References from it: web-b's disk too, though it names the volume differently.
    const references = await connection.sendRequest(ReferencesRequest.type, { textDocument: { uri }, position: { line: 2, character: 60 }, context: { includeDeclaration: true } });
    assert.deepEqual(references.map((r) => r.uri).sort(), [partnerUri, uri].sort());

    // Semantic tokens for the spec strings, with the legend the server declared.
    const tokens = await connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri } });
    const legend = init.capabilities.semanticTokensProvider.legend.tokenTypes;
    assert.equal(legend[tokens.data[3]], 'keyword'); // the first token: phy

    // Completion after vdev= in a new disk: the free devices, not xvda or xvdb.
    const end = text.split('\n')[2].indexOf(' ]');
    const insert = { range: { start: { line: 2, character: end }, end: { line: 2, character: end } }, text: ", 'vdev=" };
    text = applyEdits(text, [{ range: insert.range, newText: insert.text }]);
    await connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [insert] });
    const completion = await connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 2, character: end + insert.text.length } });
    assert.deepEqual(completion.items.map((item) => item.label).slice(0, 2), ['xvdc', 'xvdd']);

    // Fix the conflict: web-a's xvdb read-only. web-b (closed) is republished without XCFG0300.
    text = "name = \"web-a\"\ntype = \"pv\"\ndisk = [ 'phy:/dev/vg0/web-a-root,xvda,w', 'phy:/dev/vg0/www-data,xvdb,r' ]\n";
    await connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 3 }, contentChanges: [{ text }] });
    const fixed = await diagnostics.waitFor((p) => p.uri === uri && p.version === 3, 'web-a v3');
    assert.ok(!fixed.diagnostics.some((d) => d.code === 'XCFG0300'), JSON.stringify(fixed.diagnostics));
    await diagnostics.waitFor((p) => p.uri === partnerUri && !p.diagnostics.some((d) => d.code === 'XCFG0300'), 'web-b cleared');

    // A burst of 2,000 keystrokes: the last version is published, far fewer publications than edits.
    const before = diagnostics.seen.filter((p) => p.uri === uri).length;
    for (let version = 4; version < 2004; version++) {
      const at = { line: 3, character: version - 4 };
      connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ range: { start: at, end: at }, text: version === 4 ? '#' : 'x' }] });
    }
    await diagnostics.waitFor((p) => p.uri === uri && p.version === 2003, 'the last version of the burst');
    const published = diagnostics.seen.filter((p) => p.uri === uri).length - before;
    assert.ok(published < 2000, `${published} publications for 2,000 edits`);

    await shutDownCleanly(connection, server);
  } finally {
    connection.dispose();
    if (server.child.exitCode === null) server.child.kill();
    fs.rmSync(workspace, { recursive: true, force: true });
  }
});
