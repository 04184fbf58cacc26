-- Run by tests/neovim.rs in a headless Neovim (0.7 or later): start
-- `vapi-spec lsp` with the built-in client, open the spec, wait for its
-- diagnostics (and, with MODE=base, for a breaking change after an unsaved
-- edit), and write them to OUT as JSON.
local bin, file, out, mode = vim.env.VAPI_BIN, vim.env.SPEC, vim.env.OUT, vim.env.MODE

vim.cmd('edit ' .. vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()
local id = vim.lsp.start_client({
  name = 'vapi-spec',
  cmd = { bin, 'lsp' },
  root_dir = vim.fn.fnamemodify(file, ':h'),
})
vim.lsp.buf_attach_client(buf, id)

local function wait_for(pred)
  return vim.wait(60000, function() return pred(vim.diagnostic.get(buf)) end, 50)
end

local function from_base(list)
  for _, d in ipairs(list) do
    if d.source and d.source:find('vapi%-spec diff', 1) then return true end
  end
  return false
end

local ok = wait_for(function(list) return #list > 0 end)
if mode == 'base' then
  -- Typed, never saved: the server compares the buffer itself.
  local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  for i, line in ipairs(lines) do
    if line:find('id: {type: string', 1, true) then
      lines[i] = (line:gsub('type: string', 'type: integer'))
    end
  end
  vim.api.nvim_buf_set_lines(buf, 0, -1, false, lines)
  ok = wait_for(from_base)
end

local items = {}
for _, d in ipairs(vim.diagnostic.get(buf)) do
  local lsp = d.user_data and d.user_data.lsp or {}
  table.insert(items, {
    code = d.code or lsp.code,
    line = d.lnum,
    col = d.col,
    end_line = d.end_lnum,
    end_col = d.end_col,
    severity = d.severity,
    message = d.message,
    source = d.source,
  })
end
vim.fn.writefile({ vim.fn.json_encode({ ok = ok, modified = vim.bo[buf].modified, diagnostics = items }) }, out)
vim.lsp.stop_client(id)
vim.wait(5000, function() return vim.lsp.client_is_stopped(id) end, 50)
vim.cmd('qa!')
