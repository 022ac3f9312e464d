-- What a command is about, as the `gloss/*` methods take it (server/CommandParams.h): an
-- argument (`parse_args`, `src/x.py:42`) as `target`, else the visual range, else the cursor.
local client = require("gloss.client")

local M = {}

local function relative(path)
  local root = client.root()
  if root and vim.startswith(path, root .. "/") then
    return path:sub(#root + 2)
  end
  return vim.fn.fnamemodify(path, ":~:.")
end

-- `opts` is what a user command receives (args, range, line1, line2). Returns params and a
-- short label for titles, or nil and a reason.
function M.from_command(opts)
  local arg = vim.trim(opts.args or "")
  if arg ~= "" then
    return { target = arg }, arg
  end
  local buf = vim.api.nvim_get_current_buf()
  local name = vim.api.nvim_buf_get_name(buf)
  if name == "" or vim.bo[buf].buftype ~= "" then
    return nil, "put the cursor in a file of the workspace, or name a target"
  end
  local doc = { uri = vim.uri_from_bufnr(buf) }
  if opts.range and opts.range > 0 then
    -- Whole lines: the end is the start of the line after the selection, which the server
    -- does not count as selected.
    local range = { start = { line = opts.line1 - 1, character = 0 }, ["end"] = { line = opts.line2, character = 0 } }
    return { textDocument = doc, range = range }, string.format("%s:%d-%d", relative(name), opts.line1, opts.line2)
  end
  local c = client.get()
  local params = vim.lsp.util.make_position_params(0, c and c.offset_encoding or "utf-16")
  local label = string.format("%s:%d", relative(name), params.position.line + 1)
  return { textDocument = doc, position = params.position }, label
end

M.relative = relative

return M
