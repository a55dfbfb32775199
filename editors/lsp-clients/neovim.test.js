// Neovim driven headless through the config docs/editors.md documents (the very file, docs/editors/nvim-0.7.lua,
// loaded with -u): keys are typed as a user would (K, <C-x><C-o>, <space>ca, <space>f, :w) over Neovim's RPC,
// and what Neovim then holds (diagnostics, the hover window, the completion menu, buffer text, bytes on disk)
// is checked. The server is the `xcfg` named by XCFG_PATH (default: the Release build in the checkout), put on
// PATH as `xcfg`, as the config expects.
// Without nvim the tests skip, with the reason, except under CI=true, where they fail.
'use strict';

const { test, after } = require('node:test');
const assert = require('node:assert/strict');
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { attach } = require('neovim');

const repositoryRoot = path.resolve(__dirname, '..', '..');
const configFile = path.join(repositoryRoot, 'docs', 'editors', 'nvim-0.7.lua');
const xcfg = process.env.XCFG_PATH || path.join(repositoryRoot, 'src', 'XenCfg.Cli', 'bin', 'Release', 'net10.0', 'xcfg');
const results = path.join(process.env.XCFG_TEST_RESULTS || path.join(repositoryRoot, 'test-results'), 'editors', 'neovim');
// CI sets CI=true; .ci/run also sets XCFG_REQUIRE_HOST_TESTS=1, as the .NET tests that need host tools read it.
const requiredByCi = process.env.CI === 'true' || process.env.XCFG_REQUIRE_HOST_TESTS === '1';
const WAIT_MS = 20_000;
const TEST_MS = 60_000;

const nvimVersion = (() => {
  const probe = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  return probe.status === 0 ? probe.stdout.split('\n')[0] : undefined;
})();

function skipOrFailWithoutNeovim(t) {
  if (nvimVersion !== undefined) return false;
  assert.ok(!requiredByCi, 'CI (CI=true or XCFG_REQUIRE_HOST_TESTS=1) requires the Neovim tests to run, but nvim is not installed (Debian package neovim)');
  t.skip('nvim is not installed (Debian package neovim)');
  return true;
}

// The configs the tests open: web-a writes a volume web-b reads under another name (XCFG0300 in both); vm.cfg has
// two settings on one line (XCFG0014, fixed by a `;`); fmt.cfg has irregular blanks (none of its `=` padded to a
// column, which the formatter would take as an alignment to keep).
const WEB_A = `name   = "web-a"
type   = "pv"
memory = 512
kernel = "/boot/vmlinuz"
disk   = [ 'phy:/dev/vg0/web-a-root,xvda,w',
           'phy:/dev/vg0/www-data,xvdb,w' ]
`;
const WEB_B = `name   = "web-b"
type   = "pv"
memory = 512
kernel = "/boot/vmlinuz"
disk   = [ 'phy:/dev/vg0/web-b-root,xvda,w',
           'format=raw, vdev=xvdb, access=ro, target=/dev/mapper/vg0-www--data' ]
`;
const VM = 'name = "vm" memory = 512\nvcpus = 2\n';
const FMT = 'name="fmt"\nmemory =  512\nvcpus= 2\n';

const scratchRoots = [];
after(() => scratchRoots.forEach((root) => fs.rmSync(root, { recursive: true, force: true })));

/** A project (with a .git marker) of the four configs, a HOME, and a bin folder with `xcfg` in it. */
function makeScratch() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'xcfg-nvim-'));
  scratchRoots.push(root);
  const project = path.join(root, 'project');
  fs.mkdirSync(path.join(project, '.git'), { recursive: true });
  fs.mkdirSync(path.join(project, 'xen'));
  const files = { webA: 'web-a.cfg', webB: 'web-b.cfg', vm: 'vm.cfg', fmt: 'fmt.cfg' };
  const contents = { webA: WEB_A, webB: WEB_B, vm: VM, fmt: FMT };
  for (const [key, name] of Object.entries(files)) {
    files[key] = path.join(project, 'xen', name);
    fs.writeFileSync(files[key], contents[key]);
  }
  const bin = path.join(root, 'bin');
  fs.mkdirSync(bin);
  const run = xcfg.endsWith('.dll') ? `exec dotnet '${xcfg}' "$@"` : `exec '${xcfg}' "$@"`;
  fs.writeFileSync(path.join(bin, 'xcfg'), `#!/bin/sh\n${run}\n`, { mode: 0o755 });
  fs.mkdirSync(path.join(root, 'home'));
  return { root, project, files, bin, home: path.join(root, 'home') };
}

/** One headless Neovim (its own process group) on a scratch project, started with the documented config. */
async function startNeovim(scratch) {
  assert.ok(fs.existsSync(xcfg), `${xcfg} does not exist: build it (dotnet build src/XenCfg.Cli -c Release) or set XCFG_PATH`);
  const env = {
    ...process.env,
    HOME: scratch.home,
    XDG_CONFIG_HOME: path.join(scratch.home, '.config'),
    XDG_DATA_HOME: path.join(scratch.home, '.local', 'share'),
    XDG_STATE_HOME: path.join(scratch.home, '.local', 'state'),
    XDG_CACHE_HOME: path.join(scratch.home, '.cache'),
    PATH: `${scratch.bin}:${process.env.PATH}`,
  };
  const proc = spawn('nvim', ['--embed', '--headless', '-i', 'NONE', '-n', '-u', configFile], {
    cwd: scratch.project,
    env,
    detached: true,
  });
  const quiet = () => undefined;
  // Our own logger: the library's default one takes over console.* to keep stdio free for RPC.
  const nvim = attach({ proc, options: { logger: { info: quiet, warn: quiet, error: quiet, debug: quiet, level: 'error' } } });
  const session = {
    nvim,
    lua: (code, args = []) => nvim.lua(code, args),
    async waitFor(probe, what) {
      const deadline = Date.now() + WAIT_MS;
      for (;;) {
        const value = await probe();
        if (value) return value;
        if (Date.now() > deadline) {
          const messages = await nvim.request('nvim_exec', ['messages', true]).catch(() => '?');
          throw new Error(`timed out after ${WAIT_MS} ms waiting for ${what}; Neovim's messages: ${JSON.stringify(messages)}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    async edit(file) {
      await nvim.command(`edit ${file}`);
      await session.waitFor(
        () => session.lua('return #vim.lsp.buf_get_clients(0) > 0'),
        `the xcfg client to attach to ${path.basename(file)}`,
      );
    },
    diagnostics: (file) =>
      session.lua(
        `local bufnr = vim.fn.bufnr(...)
         local found = {}
         for _, d in ipairs(vim.diagnostic.get(bufnr)) do
           local lsp = (d.user_data or {}).lsp or {}
           table.insert(found, { lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
             severity = d.severity, source = d.source, code = d.code or lsp.code, message = d.message,
             related = lsp.relatedInformation or {} })
         end
         return found`,
        [file],
      ),
    line: (n) => nvim.call('getline', [n]),
    async stop() {
      // :qa! gets no answer (nvim is gone before it replies), so wait for the process instead.
      const exited =
        proc.exitCode !== null ||
        (await Promise.race([
          new Promise((resolve) => {
            proc.once('exit', () => resolve(true));
            nvim.command('qa!').catch(() => undefined);
          }),
          new Promise((resolve) => setTimeout(() => resolve(false), 10_000)),
        ]));
      // nvim stops its language server on the way out; whatever is left of its group goes now.
      try {
        process.kill(-proc.pid, 'SIGKILL');
      } catch {
        // the group is gone already
      }
      const log = path.join(scratch.home, '.cache', 'nvim', 'lsp.log');
      if (fs.existsSync(log)) {
        fs.mkdirSync(results, { recursive: true });
        fs.copyFileSync(log, path.join(results, `lsp-${path.basename(scratch.root)}.log`));
      }
      assert.ok(exited, 'nvim did not exit within 10 s of :qa!');
    },
  };
  return session;
}

/** Runs body with a fresh scratch project and Neovim, and always stops Neovim. */
function neovimTest(name, body) {
  test(name, { timeout: TEST_MS }, async (t) => {
    if (skipOrFailWithoutNeovim(t)) return;
    const scratch = makeScratch();
    const session = await startNeovim(scratch);
    try {
      await body(session, scratch);
    } finally {
      await session.stop();
    }
  });
}

neovimTest('diagnostics: the cross-file conflict in both files, with the related location, cleared by an edit', async (nvim, { files }) => {
  await nvim.edit(files.webA);
  const [conflict] = await nvim.waitFor(async () => {
    const found = await nvim.diagnostics(files.webA);
    return found.length > 0 && found;
  }, 'diagnostics on web-a.cfg');
  assert.deepEqual(
    { ...conflict, message: undefined, related: undefined },
    { lnum: 5, col: 16, end_lnum: 5, end_col: 33, severity: 1, source: 'xcfg', code: 'XCFG0300', message: undefined, related: undefined },
  );
  assert.match(conflict.message, /^`\/dev\/vg0\/www-data` is written by `web-a` here and also used by `web-b` \(web-b\.cfg\)/);
  assert.deepEqual(conflict.related, [
    {
      message: 'disk xvdb of `web-b` (read)',
      location: { uri: pathToFileURL(files.webB).href, range: { start: { line: 5, character: 53 }, end: { line: 5, character: 78 } } },
    },
  ]);
  // web-b.cfg is not open, yet its finding is there too (the server analyses the whole project).
  const partner = await nvim.waitFor(async () => {
    const found = await nvim.diagnostics(files.webB);
    return found.length > 0 && found;
  }, 'diagnostics on web-b.cfg');
  assert.deepEqual(partner.map((d) => [d.code, d.lnum, d.col]), [['XCFG0300', 5, 53]]);

  // Make web-a's disk read-only (`w` -> `r`, typed in normal mode): the conflict goes from both files.
  await nvim.nvim.call('cursor', [6, 40]);
  assert.equal(await nvim.lua("return vim.fn.getline('.'):sub(vim.fn.col('.'), vim.fn.col('.'))"), 'w');
  await nvim.nvim.input('rr');
  await nvim.waitFor(async () => (await nvim.diagnostics(files.webA)).length === 0, 'web-a.cfg to be clean');
  await nvim.waitFor(async () => (await nvim.diagnostics(files.webB)).length === 0, 'web-b.cfg to be clean');
});

neovimTest('hover: K on the disk shows how xl reads it', async (nvim, { files }) => {
  await nvim.edit(files.webA);
  // Hover names the findings at the cursor: wait until the server has found the conflict.
  await nvim.waitFor(async () => (await nvim.diagnostics(files.webA)).some((d) => d.code === 'XCFG0300'), 'XCFG0300');
  await nvim.nvim.call('cursor', [6, 20]);
  await nvim.nvim.input('K');
  const lines = await nvim.waitFor(
    () =>
      nvim.lua(`for _, win in ipairs(vim.api.nvim_list_wins()) do
                  if vim.api.nvim_win_get_config(win).relative ~= '' then
                    return vim.api.nvim_buf_get_lines(vim.api.nvim_win_get_buf(win), 0, -1, false)
                  end
                end
                return false`),
    'the hover window',
  );
  assert.equal(lines[0], '**disk 2 of 2** · `xvdb`');
  assert.ok(lines.includes('| target | `/dev/vg0/www-data` |'), lines.join('\n'));
  assert.ok(lines.includes('| access | read-write |'), lines.join('\n'));
  assert.ok(lines.some((line) => line.startsWith('**XCFG0300** Storage written by one domain and used by another')), lines.join('\n'));
});

neovimTest('completion: <C-x><C-o> after vdev= offers the virtual devices the domain does not use yet', async (nvim, { files }) => {
  await nvim.edit(files.webA);
  await nvim.nvim.call('cursor', [6, 1]);
  await nvim.nvim.input("$hi, 'vdev=<C-x><C-o>"); // before the closing " ]" of the disk list
  const info = await nvim.waitFor(async () => {
    const current = await nvim.nvim.call('complete_info', [['items', 'pum_visible']]);
    return current.items.length > 0 && current;
  }, 'the completion menu');
  assert.deepEqual(info.items.map((item) => item.word).slice(0, 2), ['xvdc', 'xvdd']);
  assert.ok(!info.items.some((item) => ['xvda', 'xvdb'].includes(item.word)), 'devices in use are not offered');
  await nvim.nvim.input('<C-y><Esc>');
  await nvim.waitFor(async () => (await nvim.nvim.request('nvim_get_mode', [])).mode === 'n', 'normal mode');
  assert.equal(await nvim.line(6), "           'phy:/dev/vg0/www-data,xvdb,w', 'vdev=xvdc ]");
});

/** <space>ca, then the first entry of the menu Neovim 0.7 shows (vim.ui.select: a numbered prompt), then :w. */
async function applyFirstCodeAction(nvim, file) {
  await nvim.nvim.input(' ca');
  await nvim.waitFor(async () => (await nvim.nvim.request('nvim_get_mode', [])).blocking, 'the code action menu');
  await nvim.nvim.input('1<CR>');
  await nvim.waitFor(async () => (await nvim.line(1)) !== VM.split('\n')[0], 'the code action to change the buffer');
  await nvim.nvim.command('write');
  return fs.readFileSync(file, 'utf8');
}

neovimTest('code action: <space>ca on the finding applies its quick fix', async (nvim, { files }) => {
  await nvim.edit(files.vm);
  await nvim.waitFor(async () => (await nvim.diagnostics(files.vm)).some((d) => d.code === 'XCFG0014'), 'XCFG0014');
  await nvim.nvim.call('cursor', [1, 13]); // on `memory`, where XCFG0014 starts
  assert.equal(await applyFirstCodeAction(nvim, files.vm), 'name = "vm"; memory = 512\nvcpus = 2\n');
});

// Neovim sends an empty range at the cursor plus the line's diagnostics (context.diagnostics): the server must
// offer the fix for those, wherever the cursor is on the line.
neovimTest('code action: <space>ca with the cursor anywhere on the line applies the quick fix for that line', async (nvim, { files }) => {
  await nvim.edit(files.vm);
  await nvim.waitFor(async () => (await nvim.diagnostics(files.vm)).some((d) => d.code === 'XCFG0014'), 'XCFG0014');
  await nvim.nvim.call('cursor', [1, 1]); // on `name`, outside the finding's range
  assert.equal(await applyFirstCodeAction(nvim, files.vm), 'name = "vm"; memory = 512\nvcpus = 2\n');
});

neovimTest('formatting: <space>f normalises the blanks, :w writes them', async (nvim, { files }) => {
  await nvim.edit(files.fmt);
  await nvim.nvim.input(' f');
  await nvim.waitFor(async () => (await nvim.line(1)) === 'name = "fmt"', 'the formatted text');
  await nvim.nvim.command('write');
  assert.equal(fs.readFileSync(files.fmt, 'utf8'), 'name = "fmt"\nmemory = 512\nvcpus = 2\n');
});

test('the Neovim 0.8+ config (docs/editors/nvim-0.8.lua) is valid Lua', { timeout: TEST_MS }, (t) => {
  if (skipOrFailWithoutNeovim(t)) return;
  // This machine's Neovim may be older than 0.8 (Debian 12 has 0.7.2), so the config is compiled, not run.
  const file = path.join(repositoryRoot, 'docs', 'editors', 'nvim-0.8.lua');
  const check = spawnSync(
    'nvim',
    ['--headless', '--clean', '-c', `lua local f, err = loadfile(${JSON.stringify(file)}); io.stderr:write(f and 'ok' or err)`, '-c', 'qa!'],
    { encoding: 'utf8', timeout: 30_000 },
  );
  assert.equal(check.stderr.trim(), 'ok');
});
