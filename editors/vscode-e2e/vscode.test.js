// The VS Code extension inside real VS Code: code-server (Code-OSS with its real Node extension host) shown in
// Debian's chromium, driven through its UI by puppeteer-core. It installs the linux-x64 .vsix into a VS Code
// whose PATH (and login shell's PATH) has no xcfg, opens a workspace of configs, and checks what a user sees:
// the server bundled in the .vsix starts, the cross-file conflict is squiggled and listed in the Problems panel
// with its related location in the other file, hover explains the disk, and a quick fix picked from the menu
// changes the file on disk.
//
// Run it with run.sh (which installs code-server and Node 24 first). The tests are one session, in order: each
// builds on the editor state the one before left. Screenshots and logs go to
// $XCFG_TEST_RESULTS/editors/vscode (default: test-results/ at the repository root).
// When run.sh found a prerequisite missing it sets XCFG_E2E_UNAVAILABLE: the tests then skip, with the reason,
// except under CI=true, where they fail.
'use strict';

const { test, before, after, afterEach } = require('node:test');
const assert = require('node:assert/strict');
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const here = __dirname;
const repositoryRoot = path.resolve(here, '..', '..');
const extensionManifest = require('../vscode/package.json');
const vsix = process.env.XCFG_VSIX || path.join(repositoryRoot, 'editors', 'vscode', 'xcfg-vscode-linux-x64.vsix');
const results = path.join(process.env.XCFG_TEST_RESULTS || path.join(repositoryRoot, 'test-results'), 'editors', 'vscode');
const chromium = process.env.XCFG_CHROMIUM || '/usr/bin/chromium';
const codeServer = path.join(here, 'node_modules', '.bin', 'code-server');
const unavailable = process.env.XCFG_E2E_UNAVAILABLE;
// CI sets CI=true; .ci/run also sets XCFG_REQUIRE_HOST_TESTS=1, as the .NET tests that need host tools read it.
const requiredByCi = process.env.CI === 'true' || process.env.XCFG_REQUIRE_HOST_TESTS === '1';

const WAIT_MS = 90_000;
const TEST_MS = 4 * 60_000;

/** Everything one session started or made, so that after() can stop and remove all of it. */
const session = {
  scratch: undefined,
  server: undefined,
  browser: undefined,
  page: undefined,
  extensionsDir: undefined,
  userDataDir: undefined,
  workspace: undefined,
};

function skipOrFailWhenUnavailable(t) {
  if (unavailable === undefined || unavailable === '') return false;
  assert.ok(!requiredByCi, `CI (CI=true or XCFG_REQUIRE_HOST_TESTS=1) requires the VS Code end-to-end test to run, but: ${unavailable}`);
  t.skip(unavailable);
  return true;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function freePort() {
  const listener = net.createServer();
  await new Promise((resolve) => listener.listen(0, '127.0.0.1', resolve));
  const { port } = listener.address();
  await new Promise((resolve) => listener.close(resolve));
  return port;
}

async function waitForHttp(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const status = await new Promise((resolve) => {
      const request = http.get(url, (response) => {
        response.resume();
        resolve(response.statusCode);
      });
      request.on('error', () => resolve(undefined));
      request.setTimeout(5000, () => request.destroy());
    });
    if (status === 200) return;
    if (session.server.exitCode !== null) throw new Error(`code-server exited with ${session.server.exitCode}; see ${results}/code-server.log`);
    await sleep(250);
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

/** Every place where the extension host could find an xcfg: the PATH given, the login shell's, ~/.dotnet/tools. */
function xcfgVisibleTo(env) {
  const shell = spawnSync(env.SHELL, ['-i', '-l', '-c', 'printf "%s" "$PATH"'], { env, encoding: 'utf8', timeout: 30_000 });
  assert.equal(shell.status, 0, `${env.SHELL} -ilc failed: ${shell.stderr}`);
  const directories = [...env.PATH.split(':'), ...shell.stdout.split(':'), path.join(env.HOME, '.dotnet', 'tools')];
  return directories.filter((d) => d !== '').map((d) => path.join(d, 'xcfg')).filter((candidate) => fs.existsSync(candidate));
}

function copyTree(from, to) {
  fs.cpSync(from, to, { recursive: true });
}

async function chord(...keys) {
  const { keyboard } = session.page;
  for (const key of keys.slice(0, -1)) await keyboard.down(key);
  await keyboard.press(keys[keys.length - 1]);
  for (const key of keys.slice(0, -1).reverse()) await keyboard.up(key);
}

/** Opens a file through Quick Open (Ctrl+P), as a user would. */
async function openFile(name) {
  const { page } = session;
  await chord('Control', 'KeyP');
  await page.waitForSelector('.quick-input-widget input', { visible: true, timeout: WAIT_MS });
  await page.keyboard.type(name, { delay: 30 });
  await page.waitForFunction(
    (n) => [...document.querySelectorAll('.quick-input-list .monaco-list-row')].some((row) => row.textContent.includes(n)),
    { timeout: WAIT_MS },
    name,
  );
  await page.keyboard.press('Enter');
  await page.waitForFunction(
    (n) => document.querySelector('.tab.active')?.textContent.includes(n),
    { timeout: WAIT_MS },
    name,
  );
}

/** Moves the cursor with Go to Line (Ctrl+G), "line:column", one-based as VS Code shows them. */
async function goTo(line, column) {
  const { page } = session;
  await chord('Control', 'KeyG');
  await page.waitForSelector('.quick-input-widget input', { visible: true, timeout: WAIT_MS });
  await page.keyboard.type(`${line}:${column}`, { delay: 30 });
  await page.keyboard.press('Enter');
  // The status bar follows the preview while typing, so it alone does not say Enter was handled: wait for the
  // box to close and the editor to have the keyboard again, or the next key may go to the closing box.
  await page.waitForFunction(
    (text) =>
      [...document.querySelectorAll('.statusbar-item')].some((item) => item.textContent.trim() === text) &&
      [...document.querySelectorAll('.quick-input-widget')].every((box) => box.offsetParent === null) &&
      document.activeElement !== null && document.activeElement.closest('.editor-instance') !== null,
    { timeout: WAIT_MS },
    `Ln ${line}, Col ${column}`,
  );
}

/** The "Xen config" output channel, as VS Code writes it to the logs folder of the user data dir. */
function outputChannelText() {
  const found = [];
  const walk = (directory) => {
    for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
      const full = path.join(directory, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/^\d+-Xen config\.log$/.test(entry.name)) found.push(full);
    }
  };
  walk(path.join(session.userDataDir, 'logs'));
  return found.map((file) => fs.readFileSync(file, 'utf8')).join('');
}

async function waitFor(condition, what, timeoutMs = WAIT_MS) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = condition();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(250);
  }
}

before(async () => {
  if (unavailable) return;
  fs.mkdirSync(results, { recursive: true });
  for (const old of fs.readdirSync(results)) fs.rmSync(path.join(results, old), { recursive: true, force: true });
  console.log(`vscode-e2e: screenshots and logs go to ${results}`);
  assert.ok(fs.existsSync(vsix), `${vsix} is missing: run npm run package:linux-x64 in editors/vscode first`);

  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'xcfg-vscode-e2e-'));
  session.scratch = scratch;
  const home = path.join(scratch, 'home');
  const tmp = path.join(scratch, 'tmp');
  session.userDataDir = path.join(scratch, 'user-data');
  session.extensionsDir = path.join(scratch, 'extensions');
  session.workspace = path.join(scratch, 'workspace');
  for (const directory of [home, tmp, path.join(session.userDataDir, 'User'), session.extensionsDir]) {
    fs.mkdirSync(directory, { recursive: true });
  }
  copyTree(path.join(here, 'workspace'), session.workspace);
  // A quiet, predictable window: no trust prompt, welcome page, tips, chat or update checks.
  fs.writeFileSync(
    path.join(session.userDataDir, 'User', 'settings.json'),
    JSON.stringify(
      {
        'security.workspace.trust.enabled': false,
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'workbench.enableExperiments': false,
        'workbench.secondarySideBar.defaultVisibility': 'hidden',
        'chat.disableAIFeatures': true,
        'telemetry.telemetryLevel': 'off',
        'extensions.autoUpdate': false,
        'extensions.autoCheckUpdates': false,
        'update.mode': 'none',
        'editor.hover.delay': 100,
      },
      null,
      2,
    ),
  );

  // Its own HOME and TMPDIR, and a PATH with Node 24 (code-server runs on it) and the system's folders only.
  const env = {
    HOME: home,
    TMPDIR: tmp,
    PATH: `${path.dirname(process.execPath)}:/usr/local/bin:/usr/bin:/bin`,
    SHELL: '/bin/bash',
    LANG: 'C.UTF-8',
  };
  const visible = xcfgVisibleTo(env);
  assert.deepEqual(visible, [], 'an xcfg is visible to the extension host: the test must show the bundled server is enough');

  const install = spawnSync(
    codeServer,
    ['--user-data-dir', session.userDataDir, '--extensions-dir', session.extensionsDir, '--install-extension', vsix],
    { env, encoding: 'utf8', timeout: 120_000 },
  );
  assert.equal(install.status, 0, `installing ${vsix} failed:\n${install.stdout}\n${install.stderr}`);
  assert.match(install.stdout, /Extension 'xcfg-vscode-linux-x64\.vsix' was successfully installed\./);

  const port = await freePort();
  const log = fs.openSync(path.join(results, 'code-server.log'), 'w');
  // detached: code-server leads its own process group (setsid), so after() can stop it with every extension
  // host and language server it started.
  session.server = spawn(
    codeServer,
    [
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--user-data-dir', session.userDataDir,
      '--extensions-dir', session.extensionsDir,
      session.workspace,
    ],
    { env, detached: true, stdio: ['ignore', log, log] },
  );
  fs.closeSync(log);
  const started = Date.now();
  await waitForHttp(`http://127.0.0.1:${port}/healthz`, WAIT_MS);

  const { default: puppeteer } = await import('puppeteer-core');
  session.browser = await puppeteer.launch({
    executablePath: chromium,
    headless: true,
    userDataDir: path.join(scratch, 'chromium'),
    defaultViewport: { width: 1400, height: 900 },
    // As root chromium needs --no-sandbox; the rest keep it off the network, which is closed here anyway.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    env: { ...process.env, HOME: home, TMPDIR: tmp },
  });
  session.page = await session.browser.newPage();
  await session.page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(session.workspace)}`, { waitUntil: 'domcontentloaded' });
  await session.page.waitForSelector('.monaco-workbench', { timeout: WAIT_MS });
  console.log(`vscode-e2e: code-server and the workbench up in ${Date.now() - started} ms`);
}, { timeout: 5 * 60_000 });

let shot = 0;
afterEach(async (t) => {
  if (session.page === undefined) return;
  shot += 1;
  const name = `${String(shot).padStart(2, '0')}-${t.name.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').slice(0, 60)}.png`;
  await session.page.screenshot({ path: path.join(results, name) }).catch((error) => console.log(`screenshot ${name} failed: ${error.message}`));
});

after(async () => {
  if (session.browser !== undefined) await session.browser.close().catch(() => undefined);
  if (session.server !== undefined && session.server.pid !== undefined) {
    const group = -session.server.pid;
    const alive = () => {
      try {
        process.kill(group, 0);
        return true;
      } catch {
        return false;
      }
    };
    if (alive()) process.kill(group, 'SIGTERM');
    const deadline = Date.now() + 10_000;
    while (alive() && Date.now() < deadline) await sleep(100);
    if (alive()) process.kill(group, 'SIGKILL');
  }
  if (session.userDataDir !== undefined && fs.existsSync(path.join(session.userDataDir, 'logs'))) {
    fs.cpSync(path.join(session.userDataDir, 'logs'), path.join(results, 'vscode-logs'), { recursive: true });
  }
  if (session.scratch !== undefined) fs.rmSync(session.scratch, { recursive: true, force: true });
});

test('the linux-x64 .vsix starts the server it carries, with no xcfg on PATH', { timeout: TEST_MS }, async (t) => {
  if (skipOrFailWhenUnavailable(t)) return;
  await openFile('web-a.cfg');
  await session.page.waitForFunction(
    () => [...document.querySelectorAll('.statusbar-item')].some((item) => item.textContent.trim() === 'Xen domain config'),
    { timeout: WAIT_MS },
  );
  const installed = fs.readdirSync(session.extensionsDir).filter((name) => name.startsWith('xencfgtools.xcfg-vscode-'));
  assert.equal(installed.length, 1, `one installed extension expected: ${installed}`);
  const bundled = path.join(session.extensionsDir, installed[0], 'server', 'xcfg');
  const expected = `Starting the xcfg language server bundled with the extension: ${bundled} lsp`;
  const channel = await waitFor(() => outputChannelText().includes('Starting the xcfg language server') && outputChannelText(), 'the output channel');
  assert.equal(channel.split('\n')[0], expected);
  assert.ok(installed[0].startsWith(`xencfgtools.xcfg-vscode-${extensionManifest.version}`), installed[0]);
});

test('the cross-file conflict is squiggled where web-a writes the shared disk', { timeout: TEST_MS }, async (t) => {
  if (skipOrFailWhenUnavailable(t)) return;
  const { page } = session;
  await page.waitForSelector('.squiggly-error', { timeout: WAIT_MS });
  // The squiggle's overlay and the text it underlines are drawn at the same height: line 8, the second disk.
  const placement = await page.evaluate(() => {
    const squiggles = [...document.querySelectorAll('.editor-instance .squiggly-error')];
    const lines = [...document.querySelectorAll('.editor-instance .view-line')];
    // The editor draws blanks as no-break spaces.
    const disk = lines.find((line) => line.textContent.replace(/\u00a0/g, ' ').includes("'phy:/dev/vg0/www-data,xvdb,w' ]"));
    return {
      squiggles: squiggles.length,
      squiggleTop: squiggles[0]?.parentElement.style.top,
      diskLineTop: disk?.style.top,
    };
  });
  assert.equal(placement.squiggles, 1, JSON.stringify(placement));
  assert.ok(placement.diskLineTop !== undefined, 'the second disk line is on screen');
  assert.equal(placement.squiggleTop, placement.diskLineTop, JSON.stringify(placement));
});

test('the Problems panel lists XCFG0300 in both files, each with its related location in the other', { timeout: TEST_MS }, async (t) => {
  if (skipOrFailWhenUnavailable(t)) return;
  const { page } = session;
  await chord('Control', 'Shift', 'KeyM');
  // Each row as "tree level|text": 1 a file, 2 a finding, 3 a related location.
  const rowsText = () =>
    [...document.querySelectorAll('.markers-panel .monaco-list-row')].map((row) => `${row.getAttribute('aria-level')}|${row.textContent}`);
  await page.waitForFunction(
    () => [...document.querySelectorAll('.markers-panel .monaco-list-row')].filter((row) => row.textContent.includes('XCFG0300')).length === 2,
    { timeout: WAIT_MS },
  );
  const rows = await page.evaluate(rowsText);
  const at = (prefix) => rows.findIndex((row) => row.startsWith(prefix));
  const webA = at('1|web-a.cfg');
  const webB = at('1|web-b.cfg');
  assert.ok(webA >= 0 && webB >= 0, rows.join('\n'));
  // Under each file: the finding, then its related location in the other file.
  assert.match(rows[webA + 1], /^2\|`\/dev\/vg0\/www-data` is written by `web-a` here and also used by `web-b` \(web-b\.cfg\).*xcfgXCFG0300\[Ln 8, Col 17\]$/);
  assert.equal(rows[webA + 2], '3|web-b.cfg[Ln 8, Col 54]:disk xvdb of `web-b` (written)');
  assert.match(rows[webB + 1], /^2\|`\/dev\/vg0\/www-data` is written by `web-b` here and also used by `web-a` \(web-a\.cfg\).*xcfgXCFG0300\[Ln 8, Col 54\]$/);
  assert.equal(rows[webB + 2], '3|web-a.cfg[Ln 8, Col 17]:disk xvdb of `web-a` (written)');
});

test('hovering the squiggle shows the finding and how xl reads the disk', { timeout: TEST_MS }, async (t) => {
  if (skipOrFailWhenUnavailable(t)) return;
  const { page } = session;
  const box = await page.$eval('.editor-instance .squiggly-error', (squiggle) => {
    const r = squiggle.getBoundingClientRect();
    return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
  });
  await page.mouse.move(box.x, box.y);
  await page.waitForFunction(
    () => [...document.querySelectorAll('.monaco-hover')].some((hover) => hover.innerText.includes('As xl reads it')),
    { timeout: WAIT_MS },
  );
  const hover = await page.$$eval('.monaco-hover', (hovers) => hovers.map((h) => h.innerText).find((text) => text.includes('As xl reads it')));
  assert.match(hover, /is written by `web-a` here and also used by `web-b`/);
  assert.match(hover, /XCFG0300/);
  assert.match(hover, /web-b\.cfg\(8, 54\): disk xvdb of `web-b` \(written\)/);
  assert.match(hover, /disk 2 of 2 · xvdb/);
  assert.match(hover, /target\t\/dev\/vg0\/www-data\n/);
  assert.match(hover, /access\tread-write\n/);
});

test('a quick fix picked from the Ctrl+. menu changes the file on disk', { timeout: TEST_MS }, async (t) => {
  if (skipOrFailWhenUnavailable(t)) return;
  const { page } = session;
  await page.mouse.move(5, 5); // away from the hover the test before left open
  const file = path.join(session.workspace, 'xen', 'vm.cfg');
  const before = fs.readFileSync(file, 'utf8');
  assert.equal(before, 'name = "vm" memory = 512\nvcpus = 2\n');
  await openFile('vm.cfg');
  await page.waitForSelector('.editor-instance .squiggly-error', { timeout: WAIT_MS });
  await goTo(1, 13); // where XCFG0014 starts: the second setting on the line
  // The light bulb shows once VS Code has the code actions at the cursor; Ctrl+. before that can find none. It is
  // drawn in the gutter (codicon-gutter-lightbulb-...) or, with the gutter off, after the text (codicon-lightbulb-...).
  await page.waitForSelector('.editor-instance [class*="lightbulb"]', { visible: true, timeout: WAIT_MS });
  await chord('Control', 'Period');
  await page.waitForSelector('.action-widget .monaco-list-row.action', { visible: true, timeout: WAIT_MS });
  const offered = await page.$$eval('.action-widget .monaco-list-row.action', (rows) => rows.map((row) => row.getAttribute('aria-label')));
  assert.deepEqual(offered, ['Add the missing `;`, Quick Fix']);
  await page.keyboard.press('Enter');
  await chord('Control', 'KeyS');
  const after = await waitFor(() => {
    const text = fs.readFileSync(file, 'utf8');
    return text !== before && text;
  }, 'vm.cfg to be saved with the fix');
  assert.equal(after, 'name = "vm"; memory = 512\nvcpus = 2\n');
  // The server re-checks the fixed text: the squiggle goes.
  await page.waitForFunction(() => document.querySelectorAll('.editor-instance .squiggly-error').length === 0, { timeout: WAIT_MS });
});
