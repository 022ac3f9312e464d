-- gloss.nvim configuration: the defaults and the merge with what the user passes to setup(),
-- kept in one place so every module reads the same effective values.
local M = {}

M.defaults = {
  -- The daemon's command line; nil means { binary, "serve" }.
  cmd = nil,
  binary = "gloss",
  -- Files or folders whose presence marks a workspace root, searched upwards from the buffer.
  root_markers = { ".git", ".hg", ".svn", ".gloss", "pyproject.toml", "package.json", "go.mod", "Cargo.toml" },
  -- Start the daemon from setup() for the root of the current buffer (or the working directory).
  autostart = true,
  -- Sent as initializationOptions (docs/protocol.md: flat or nested under "gloss").
  settings = {},
  -- Where result and chat windows open.
  split = "botright vsplit",
  grep = { max_results = 2000 },
}

M.values = vim.deepcopy(M.defaults)

function M.apply(opts)
  M.values = vim.tbl_deep_extend("force", vim.deepcopy(M.defaults), opts or {})
  return M.values
end

function M.cmd()
  return M.values.cmd or { M.values.binary, "serve" }
end

return M
