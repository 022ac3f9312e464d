-- The connection to `gloss serve`: starts it with Neovim's own LSP client (vim.lsp.start on 0.8+,
-- vim.lsp.start_client on 0.7), attaches the workspace's buffers so the daemon sees unsaved text,
-- and wraps requests so callers get partial results (`partialResultToken`, routed from the
-- `$/progress` handler), cancellation and work-done progress for the statusline.
local config = require("gloss.config")

local M = {}

local REQUEST_CANCELLED = -32800

local state = {
  client_id = nil,
  root = nil,
  next_token = 0,
  partial = {}, -- partialResultToken -> function(value)
  pending = {}, -- request id -> request record
  progress = {}, -- work-done token -> { title, message, percentage }
}

-- Every work-done progress value seen, oldest first: the statusline reads the live ones, tests
-- and :checkhealth read the history.
M.progress_log = {}

local function fire(pattern)
  vim.api.nvim_exec_autocmds("User", { pattern = pattern, modeline = false })
end

local function exists(path)
  return vim.loop.fs_stat(path) ~= nil
end

-- The nearest folder upwards from `path` holding one of the root markers, else nil.
function M.find_root(path)
  local dir = vim.fn.fnamemodify(path, ":p")
  if vim.fn.isdirectory(dir) == 0 then
    dir = vim.fn.fnamemodify(dir, ":h")
  end
  dir = dir:gsub("/$", "")
  while dir ~= "" do
    for _, marker in ipairs(config.values.root_markers) do
      if exists(dir .. "/" .. marker) then
        return dir
      end
    end
    local parent = vim.fn.fnamemodify(dir, ":h")
    if parent == dir then
      break
    end
    dir = parent
  end
  return nil
end

function M.get()
  if not state.client_id then
    return nil
  end
  local client = vim.lsp.get_client_by_id(state.client_id)
  if not client or (client.is_stopped and client.is_stopped()) then
    return nil
  end
  return client
end

function M.root()
  return state.root
end

local function in_root(buf)
  if not state.root or vim.bo[buf].buftype ~= "" then
    return false
  end
  local name = vim.api.nvim_buf_get_name(buf)
  return name ~= "" and vim.startswith(name, state.root .. "/")
end

function M.attach(buf)
  if state.client_id and in_root(buf) and vim.api.nvim_buf_is_loaded(buf) then
    vim.lsp.buf_attach_client(buf, state.client_id)
  end
end

local function finish(req, err, result)
  if req.done then
    return
  end
  req.done = true
  state.pending[req.id] = nil
  if req.token then
    state.partial[req.token] = nil
  end
  req.on_result(err, result)
end

-- A work-done value (begin/report/end) for the statusline; anything else is passed on untouched.
local function record_progress(token, value)
  if type(value) ~= "table" or not value.kind then
    return
  end
  table.insert(M.progress_log, { token = token, kind = value.kind, title = value.title, message = value.message })
  if value.kind == "begin" then
    state.progress[token] = { title = value.title, message = value.message, percentage = value.percentage }
  elseif value.kind == "report" and state.progress[token] then
    state.progress[token].message = value.message
    state.progress[token].percentage = value.percentage
  elseif value.kind == "end" then
    state.progress[token] = nil
  end
  fire("GlossProgress")
end

local function progress_handler(err, result, ctx, cfg)
  local on_partial = state.partial[result.token]
  if on_partial then
    on_partial(result.value)
    return
  end
  record_progress(result.token, result.value)
  local default = vim.lsp.handlers["$/progress"]
  if default then
    return default(err, result, ctx, cfg)
  end
end

-- Neovim's RPC layer hides a RequestCancelled (-32800) reply from the request's handler: the
-- reply only clears `client.requests[id]`. So a cancelled request whose entry is gone and whose
-- handler was not called has been answered with -32800; the check is scheduled because the
-- handler of a reply that did carry a result runs after this autocommand.
local function settle_cancelled()
  local client = M.get()
  for id, req in pairs(state.pending) do
    if req.cancelled and (not client or client.requests[id] == nil) then
      vim.schedule(function()
        finish(req, { code = REQUEST_CANCELLED, message = "cancelled" }, nil)
      end)
    end
  end
end

local function on_exit()
  state.client_id = nil
  state.progress = {}
  for _, req in pairs(state.pending) do
    vim.schedule(function()
      finish(req, { code = -32099, message = "gloss stopped" }, nil)
    end)
  end
  fire("GlossProgress")
end

function M.start(root)
  if M.get() then
    return state.client_id
  end
  state.root = root
  local cfg = {
    name = "gloss",
    cmd = config.cmd(),
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = vim.fn.fnamemodify(root, ":t") } },
    init_options = config.values.settings,
    capabilities = vim.lsp.protocol.make_client_capabilities(),
    handlers = { ["$/progress"] = progress_handler },
    on_exit = vim.schedule_wrap(on_exit),
  }
  -- vim.lsp.start attaches the buffer it is given; with no workspace buffer open there is
  -- nothing to attach yet, and start_client (still present up to 0.10) starts it unattached.
  local buf = vim.api.nvim_get_current_buf()
  if vim.lsp.start and in_root(buf) then
    state.client_id = vim.lsp.start(cfg, { bufnr = buf })
  elseif vim.lsp.start_client then
    state.client_id = vim.lsp.start_client(cfg)
  else
    state.client_id = vim.lsp.start(cfg, { attach = false })
  end
  if not state.client_id then
    vim.notify("gloss: could not start " .. table.concat(cfg.cmd, " "), vim.log.levels.ERROR)
    return nil
  end
  for _, b in ipairs(vim.api.nvim_list_bufs()) do
    M.attach(b)
  end
  return state.client_id
end

function M.stop()
  local client = M.get()
  if client then
    client.stop()
  end
end

local function next_token()
  state.next_token = state.next_token + 1
  return "gloss-nvim-" .. state.next_token
end

-- Sends `method`; opts.on_partial(value) gets each partial result, opts.on_result(err, result)
-- the answer exactly once (err.code -32800 after cancel()). Returns the request record, whose
-- cancel() sends $/cancelRequest, or nil when the daemon is not running.
function M.request(method, params, opts)
  local client = M.get()
  if not client then
    opts.on_result({ code = -32099, message = "gloss is not running (see :checkhealth gloss)" }, nil)
    return nil
  end
  params = vim.deepcopy(params or {})
  local req = { method = method, on_result = opts.on_result, done = false, cancelled = false }
  if opts.on_partial then
    req.token = next_token()
    params.partialResultToken = req.token
    state.partial[req.token] = opts.on_partial
  end
  local ok, id = client.request(method, params, function(err, result)
    finish(req, err, result)
  end, opts.bufnr)
  if not ok then
    req.id = -1
    finish(req, { code = -32099, message = "gloss is not running" }, nil)
    return nil
  end
  req.id = id
  state.pending[id] = req
  function req.cancel()
    if req.done or req.cancelled then
      return
    end
    req.cancelled = true
    local c = M.get()
    if c then
      c.cancel_request(id)
    end
  end
  return req
end

-- Cancels every request still waiting for its answer; returns how many.
function M.cancel_all()
  local n = 0
  for _, req in pairs(state.pending) do
    if not req.cancelled then
      req.cancel()
      n = n + 1
    end
  end
  return n
end

function M.is_cancelled(err)
  return err ~= nil and err.code == REQUEST_CANCELLED
end

function M.request_sync(method, params, timeout_ms)
  local client = M.get()
  if not client then
    return nil, "gloss is not running"
  end
  local reply, err = client.request_sync(method, params or {}, timeout_ms or 2000)
  if not reply then
    return nil, err
  end
  if reply.err then
    return nil, reply.err.message
  end
  return reply.result
end

-- Live work-done progress, oldest token first.
function M.active_progress()
  local out = {}
  for _, p in pairs(state.progress) do
    table.insert(out, p)
  end
  return out
end

function M.setup_autocmds()
  local group = vim.api.nvim_create_augroup("gloss_client", { clear = true })
  vim.api.nvim_create_autocmd({ "BufReadPost", "BufNewFile" }, {
    group = group,
    callback = function(args)
      M.attach(args.buf)
    end,
  })
  -- LspRequest is a User autocommand up to 0.8 and an event of its own from 0.9.
  if vim.fn.exists("##LspRequest") == 1 then
    vim.api.nvim_create_autocmd("LspRequest", { group = group, callback = settle_cancelled })
  else
    vim.api.nvim_create_autocmd("User", { group = group, pattern = "LspRequest", callback = settle_cancelled })
  end
  vim.api.nvim_create_autocmd("VimLeavePre", { group = group, callback = M.stop })
end

return M
