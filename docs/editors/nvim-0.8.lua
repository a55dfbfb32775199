-- xcfg language server for Neovim 0.8 and later: vim.lsp.start finds or starts the client for the buffer's
-- project root and attaches it. Put this in ~/.config/nvim/init.lua (or a file it requires). Needs `xcfg` on
-- PATH (or change `cmd`). Neovim 0.10 and later map K (hover), gra (code action) and grr (references) and set
-- omnifunc by themselves; the on_attach below does it for 0.8 and 0.9.

local xcfg = {
  cmd = { 'xcfg', 'lsp' },
  -- Files that are Xen domain configs. Add your own, e.g. '*/guests/*.cfg'.
  patterns = { '*.xl', '*.xm', '/etc/xen/*', '*/xen/*.cfg' },
  -- The project root is the nearest folder holding one of these; the server reads every config below it.
  root_markers = { '.xcfg.toml', '.git' },
  -- Sent as initializationOptions and answered to workspace/configuration ("xcfg" section). Every key is
  -- optional: dialect ('xl' or 'xm'), xenVersion ('4.17' on Debian 12, '4.20' on Debian 13, else '4.22'),
  -- rules ({ XCFG0101 = 'off' }), useProjectConfig (false: ignore .xcfg.toml). A project's .xcfg.toml wins.
  settings = { xcfg = { dialect = 'xl', xenVersion = '4.20' } },
}

local function on_attach(_, bufnr)
  vim.bo[bufnr].omnifunc = 'v:lua.vim.lsp.omnifunc' -- completion: <C-x><C-o>
  local function map(lhs, rhs)
    vim.keymap.set('n', lhs, rhs, { buffer = bufnr, silent = true })
  end
  map('K', vim.lsp.buf.hover)
  map('<space>ca', vim.lsp.buf.code_action)
  map('<space>f', function() vim.lsp.buf.format({ async = true }) end)
  map('gr', vim.lsp.buf.references)
  map('[d', vim.diagnostic.goto_prev)
  map(']d', vim.diagnostic.goto_next)
end

vim.api.nvim_create_autocmd({ 'BufRead', 'BufNewFile' }, {
  pattern = xcfg.patterns,
  group = vim.api.nvim_create_augroup('xcfg', { clear = true }),
  callback = function(args)
    local file = vim.api.nvim_buf_get_name(args.buf)
    local marker = vim.fs.find(xcfg.root_markers, { path = vim.fs.dirname(file), upward = true })[1]
    vim.lsp.start({
      name = 'xcfg',
      cmd = xcfg.cmd,
      root_dir = marker and vim.fs.dirname(marker) or vim.fs.dirname(file),
      init_options = xcfg.settings,
      settings = xcfg.settings,
      on_attach = on_attach,
    }, { bufnr = args.buf })
  end,
})
