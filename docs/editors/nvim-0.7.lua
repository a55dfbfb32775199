-- xcfg language server for Neovim 0.7 (Debian 12's), which has no vim.lsp.start: one client per project
-- root, started with vim.lsp.start_client and attached to each Xen config buffer from an autocmd.
-- Put this in ~/.config/nvim/init.lua (or a file it requires). Needs `xcfg` on PATH (or change `cmd`).

local xcfg = {
  cmd = { 'xcfg', 'lsp' },
  -- Files that are Xen domain configs. Add your own, e.g. '*/guests/*.cfg'.
  patterns = { '*.xl', '*.xm', '/etc/xen/*', '*/xen/*.cfg' },
  -- The project root is the nearest folder holding one of these; the server reads every config below it.
  root_markers = { '.xcfg.toml', '.git' },
  -- Sent as initializationOptions and answered to workspace/configuration ("xcfg" section). Every key is
  -- optional: dialect ('xl' or 'xm'), xenVersion ('4.17' on Debian 12, '4.20' on Debian 13, else '4.22'),
  -- rules ({ XCFG0101 = 'off' }), useProjectConfig (false: ignore .xcfg.toml). A project's .xcfg.toml wins.
  settings = { xcfg = { dialect = 'xl', xenVersion = '4.17' } },
}

local function find_root(file)
  local dir = vim.fn.fnamemodify(file, ':p:h')
  while true do
    for _, marker in ipairs(xcfg.root_markers) do
      if vim.loop.fs_stat(dir .. '/' .. marker) then
        return dir
      end
    end
    local parent = vim.fn.fnamemodify(dir, ':h')
    if parent == dir then
      return vim.fn.fnamemodify(file, ':p:h')
    end
    dir = parent
  end
end

local function on_attach(_, bufnr)
  vim.api.nvim_buf_set_option(bufnr, 'omnifunc', 'v:lua.vim.lsp.omnifunc') -- completion: <C-x><C-o>
  local function map(lhs, rhs)
    vim.api.nvim_buf_set_keymap(bufnr, 'n', lhs, rhs, { noremap = true, silent = true })
  end
  map('K', '<cmd>lua vim.lsp.buf.hover()<CR>')
  map('<space>ca', '<cmd>lua vim.lsp.buf.code_action()<CR>')
  map('<space>f', '<cmd>lua vim.lsp.buf.formatting()<CR>')
  map('gr', '<cmd>lua vim.lsp.buf.references()<CR>')
  map('[d', '<cmd>lua vim.diagnostic.goto_prev()<CR>')
  map(']d', '<cmd>lua vim.diagnostic.goto_next()<CR>')
end

local clients = {} -- project root -> client id

vim.api.nvim_create_autocmd({ 'BufRead', 'BufNewFile' }, {
  pattern = xcfg.patterns,
  group = vim.api.nvim_create_augroup('xcfg', { clear = true }),
  callback = function(args)
    local root = find_root(vim.api.nvim_buf_get_name(args.buf))
    if clients[root] == nil or vim.lsp.get_client_by_id(clients[root]) == nil then
      clients[root] = vim.lsp.start_client({
        name = 'xcfg',
        cmd = xcfg.cmd,
        root_dir = root,
        init_options = xcfg.settings,
        settings = xcfg.settings,
        on_attach = on_attach,
      })
    end
    if clients[root] ~= nil then
      vim.lsp.buf_attach_client(args.buf, clients[root])
    end
  end,
})
