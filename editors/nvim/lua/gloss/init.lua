-- gloss.nvim: code-aware assistance from the gloss daemon. setup() reads the options, defines
-- the :Gloss* commands and starts `gloss serve` for the workspace of the current buffer (or of
-- the working directory); status() is a statusline component showing indexing progress.
local client = require("gloss.client")
local config = require("gloss.config")

local M = {}

-- Starts the daemon for the workspace holding `path` (default: the current buffer, else the
-- working directory); returns the LSP client id, or nil when no root was found.
function M.start(path)
  path = path or vim.api.nvim_buf_get_name(0)
  if path == "" then
    path = vim.loop.cwd()
  end
  local root = client.find_root(path)
  if not root then
    vim.notify("gloss: no workspace root above " .. path .. " (markers: "
      .. table.concat(config.values.root_markers, ", ") .. ")", vim.log.levels.WARN)
    return nil
  end
  return client.start(root)
end

function M.setup(opts)
  config.apply(opts)
  client.setup_autocmds()
  require("gloss.commands").register()
  vim.api.nvim_create_user_command("GlossStart", function(o)
    M.start(o.args ~= "" and vim.fn.fnamemodify(o.args, ":p") or nil)
  end, { nargs = "?", complete = "dir", desc = "gloss: start the daemon" })
  vim.api.nvim_create_user_command("GlossStop", client.stop, { desc = "gloss: stop the daemon" })
  if config.values.autostart then
    M.start()
  end
end

-- For a statusline: "" when not running, "gloss" when idle, else the live progress, e.g.
-- "gloss: indexing 120/900 files (13%)".
function M.status()
  if not client.get() then
    return ""
  end
  local live = client.active_progress()
  if #live == 0 then
    return "gloss"
  end
  local p = live[1]
  local title = (p.title or ""):gsub("^gloss: ", "")
  local text = "gloss: " .. title
  if p.message and p.message ~= "" then
    text = text .. " " .. p.message
  end
  if p.percentage then
    text = text .. string.format(" (%d%%)", p.percentage)
  end
  return text
end

M.request = client.request
M.stop = client.stop

return M
