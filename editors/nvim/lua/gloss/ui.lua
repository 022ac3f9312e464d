-- Scratch windows for gloss: Markdown result buffers that fill as deltas stream in, with `q` to
-- close and <C-c> to cancel, and the helpers the commands share (appending streamed text,
-- references as quickfix items, messages). `M.last_result` is the newest result buffer, which
-- :GlossRefs uses when called from elsewhere.
local config = require("gloss.config")

local M = {}

function M.notify(msg, level)
  vim.notify("gloss: " .. msg, level or vim.log.levels.INFO)
end

-- Fired after each streamed piece lands in a buffer, so statuslines and tests can follow along.
function M.streamed()
  vim.api.nvim_exec_autocmds("User", { pattern = "GlossStream", modeline = false })
end

local function set_modifiable(buf, on)
  vim.bo[buf].modifiable = on
end

-- The buffer named exactly `name` (bufnr() would treat it as a pattern), or nil.
function M.find_buffer(name)
  for _, buf in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_get_name(buf) == name then
      return buf
    end
  end
  return nil
end

function M.scratch(name, bufhidden)
  local buf = M.find_buffer(name)
  if not buf then
    buf = vim.api.nvim_create_buf(false, true)
    vim.api.nvim_buf_set_name(buf, name)
  end
  vim.bo[buf].buftype = "nofile"
  vim.bo[buf].bufhidden = bufhidden or "wipe"
  vim.bo[buf].swapfile = false
  vim.bo[buf].filetype = "markdown"
  vim.keymap.set("n", "q", function()
    -- The last window cannot be closed; leave the buffer instead.
    vim.cmd(#vim.api.nvim_list_wins() > 1 and "close" or "enew")
  end, { buffer = buf, nowait = true, desc = "close" })
  return buf
end

-- Shows `buf` in its own window (reusing one that already shows it) and returns the window.
function M.show(buf)
  for _, win in ipairs(vim.api.nvim_list_wins()) do
    if vim.api.nvim_win_get_buf(win) == buf then
      return win
    end
  end
  vim.cmd(config.values.split)
  local win = vim.api.nvim_get_current_win()
  vim.api.nvim_win_set_buf(win, buf)
  vim.wo[win].wrap = true
  vim.wo[win].linebreak = true
  return win
end

function M.set_text(buf, text)
  set_modifiable(buf, true)
  vim.api.nvim_buf_set_lines(buf, 0, -1, false, vim.split(text, "\n", { plain = true }))
  set_modifiable(buf, false)
end

-- Appends streamed text: the first line of `text` continues the buffer's last line.
function M.append(buf, text)
  if not vim.api.nvim_buf_is_valid(buf) or text == "" then
    return
  end
  set_modifiable(buf, true)
  local last = vim.api.nvim_buf_line_count(buf)
  local tail = vim.api.nvim_buf_get_lines(buf, last - 1, last, false)[1] or ""
  vim.api.nvim_buf_set_lines(buf, last - 1, last, false, vim.split(tail .. text, "\n", { plain = true }))
  set_modifiable(buf, false)
  for _, win in ipairs(vim.api.nvim_list_wins()) do
    if vim.api.nvim_win_get_buf(win) == buf and win ~= vim.api.nvim_get_current_win() then
      vim.api.nvim_win_set_cursor(win, { vim.api.nvim_buf_line_count(buf), 0 })
    end
  end
end

function M.reference_items(refs)
  local items = {}
  for _, ref in ipairs(refs or {}) do
    local start = ref.range and ref.range.start or { line = 0, character = 0 }
    local label = ref.role or "reference"
    if ref.symbol and ref.symbol ~= "" then
      label = label .. " " .. ref.symbol
    end
    if ref.why and ref.why ~= "" then
      label = label .. ": " .. ref.why
    end
    table.insert(items, {
      filename = vim.uri_to_fname(ref.uri),
      lnum = start.line + 1,
      col = start.character + 1,
      text = label,
    })
  end
  return items
end

-- Opens the references stored on a result buffer as a new quickfix list (older lists, such as
-- a grep, stay reachable with :colder).
function M.open_references(buf)
  if not (vim.api.nvim_buf_is_valid(buf) and vim.b[buf].gloss_references) and M.last_result then
    buf = M.last_result
  end
  local ok, refs = pcall(vim.api.nvim_buf_get_var, buf, "gloss_references")
  if not ok or #refs == 0 then
    M.notify("no references in this buffer")
    return
  end
  local title = vim.b[buf].gloss_title or "gloss"
  vim.fn.setqflist({}, " ", { title = "gloss references: " .. title, items = M.reference_items(refs) })
  vim.cmd("botright copen")
end

-- A result window for one streamed request. `view.start(request)` ties <C-c> to it; deltas go
-- through `view.delta(value)`; `view.done(err, result)` settles the buffer's final text.
function M.result_view(title)
  local buf = M.scratch("gloss://" .. title)
  vim.b[buf].gloss_title = title
  vim.b[buf].gloss_state = "running"
  vim.b[buf].gloss_deltas = 0
  M.set_text(buf, "")
  local view = { buf = buf, streamed = "" }
  M.last_result = buf
  M.show(buf)
  vim.keymap.set("n", "<C-c>", function()
    if view.request then
      view.request.cancel()
    end
  end, { buffer = buf, desc = "cancel" })
  vim.keymap.set("n", "gr", function()
    M.open_references(buf)
  end, { buffer = buf, desc = "references to quickfix" })

  function view.delta(value)
    if type(value) == "table" and value.kind == "delta" and type(value.text) == "string" then
      view.streamed = view.streamed .. value.text
      vim.b[buf].gloss_deltas = vim.b[buf].gloss_deltas + 1
      M.append(buf, value.text)
      M.streamed()
    end
  end

  function view.done(err, result)
    if not vim.api.nvim_buf_is_valid(buf) then
      return
    end
    if err then
      local cancelled = err.code == -32800
      vim.b[buf].gloss_state = cancelled and "cancelled" or "error"
      local note = cancelled and "_cancelled_" or ("**error:** " .. tostring(err.message))
      M.append(buf, (view.streamed == "" and "" or "\n\n") .. note)
      M.notify(title .. (cancelled and " cancelled" or (": " .. tostring(err.message))),
        cancelled and vim.log.levels.INFO or vim.log.levels.ERROR)
      return
    end
    -- The final answer repeats the whole text: it wins over whatever the stream left.
    if type(result) == "table" and type(result.content) == "string" then
      M.set_text(buf, result.content)
    end
    vim.b[buf].gloss_references = (type(result) == "table" and result.references) or {}
    vim.b[buf].gloss_state = "done"
  end

  return view
end

return M
