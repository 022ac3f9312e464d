-- :GlossChat [message]: a chat split holding the conversation. The answer streams in as
-- `$/progress` deltas; the session id is kept so the next message continues the session, and
-- :GlossChat! starts a new one. Slash commands complete from gloss/commands.
local client = require("gloss.client")
local target = require("gloss.target")
local ui = require("gloss.ui")

local M = {}

M.session_id = nil
M.request = nil

local BUFFER_NAME = "gloss://chat"

function M.buffer()
  local buf = ui.find_buffer(BUFFER_NAME)
  if buf then
    return buf
  end
  buf = ui.scratch(BUFFER_NAME, "hide")
  ui.set_text(buf, "")
  vim.b[buf].gloss_deltas = 0
  vim.keymap.set("n", "<C-c>", M.cancel, { buffer = buf, desc = "cancel the answer" })
  for _, key in ipairs({ "i", "a", "<CR>" }) do
    vim.keymap.set("n", key, M.prompt, { buffer = buf, desc = "send a message" })
  end
  return buf
end

local function is_empty(buf)
  local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  return #lines == 1 and lines[1] == ""
end

local function set_session(buf, id, title)
  M.session_id = id
  vim.b[buf].gloss_session = id
  if title then
    vim.b[buf].gloss_session_title = title
  end
end

-- Editor context for the message: the selection or the cursor of the file it was sent from.
local function editor_context(opts)
  if vim.bo.buftype ~= "" or vim.api.nvim_buf_get_name(0) == "" or not client.root() then
    return {}
  end
  local params = target.from_command({ args = "", range = opts.range, line1 = opts.line1, line2 = opts.line2 })
  return params or {}
end

function M.send(message, opts)
  opts = opts or {}
  local context = editor_context(opts)
  local buf = M.buffer()
  ui.show(buf)
  if M.request then
    ui.notify("an answer is still streaming (<C-c> in the chat cancels it)", vim.log.levels.WARN)
    return nil
  end
  ui.append(buf, (is_empty(buf) and "" or "\n\n") .. "## You\n\n" .. message .. "\n\n## gloss\n\n")
  local answer_line = vim.api.nvim_buf_line_count(buf)
  local params = vim.tbl_extend("force", context, { message = message, sessionId = M.session_id })
  local streamed = false
  M.request = client.request("gloss/chat", params, {
    on_partial = function(value)
      if type(value) == "table" and value.kind == "delta" and type(value.text) == "string" then
        streamed = true
        vim.b[buf].gloss_deltas = vim.b[buf].gloss_deltas + 1
        ui.append(buf, value.text)
        ui.streamed()
      end
    end,
    on_result = function(err, result)
      M.request = nil
      if err then
        local cancelled = client.is_cancelled(err)
        vim.b[buf].gloss_state = cancelled and "cancelled" or "error"
        local note = cancelled and "_cancelled_" or ("**error:** " .. tostring(err.message))
        ui.append(buf, (streamed and "\n\n" or "") .. note)
        ui.notify(cancelled and "chat cancelled" or ("chat failed: " .. tostring(err.message)),
          cancelled and vim.log.levels.INFO or vim.log.levels.ERROR)
        return
      end
      set_session(buf, result.sessionId, result.title)
      vim.b[buf].gloss_references = result.references or {}
      vim.b[buf].gloss_state = "done"
      -- The reply repeats the whole answer: it replaces what the stream wrote.
      vim.bo[buf].modifiable = true
      local answer = vim.split(result.content or "", "\n", { plain = true })
      vim.api.nvim_buf_set_lines(buf, answer_line - 1, -1, false, answer)
      vim.bo[buf].modifiable = false
    end,
  })
  if M.request then
    vim.b[buf].gloss_state = "running"
  end
  return M.request
end

function M.cancel()
  if M.request then
    M.request.cancel()
  end
end

function M.prompt()
  vim.ui.input({ prompt = "gloss> " }, function(message)
    if message and vim.trim(message) ~= "" then
      M.send(message)
    end
  end)
end

-- Starts over: the next message opens a new session (the old one stays in :GlossSessions).
function M.reset()
  local buf = M.buffer()
  M.cancel()
  set_session(buf, nil, nil)
  vim.b[buf].gloss_session_title = nil
  ui.set_text(buf, "")
end

-- Shows a stored session (gloss/sessions/get) and continues it.
function M.load(session, messages)
  local buf = M.buffer()
  local parts = {}
  for _, m in ipairs(messages) do
    local who = m.role == "user" and "You" or (m.role == "assistant" and "gloss" or m.role)
    local note = m.status == "incomplete" and " (incomplete)" or ""
    table.insert(parts, "## " .. who .. note .. "\n\n" .. (m.content or ""))
  end
  ui.set_text(buf, table.concat(parts, "\n\n"))
  set_session(buf, session.id, session.title)
  ui.show(buf)
end

function M.complete(lead, line)
  local first = line:match("^%S*GlossChat!?%s+(%S*)$")
  if not first or first:sub(1, 1) ~= "/" then
    return {}
  end
  local result = client.request_sync("gloss/commands", { prefix = lead }, 1000)
  local names = {}
  for _, c in ipairs(result and result.commands or {}) do
    table.insert(names, c.name)
  end
  return names
end

function M.register()
  vim.api.nvim_create_user_command("GlossChat", function(opts)
    if opts.bang then
      M.reset()
    end
    local message = vim.trim(opts.args)
    if message == "" then
      ui.show(M.buffer())
      if not opts.bang then
        M.prompt()
      end
      return
    end
    M.send(message, opts)
  end, { nargs = "*", bang = true, range = true, complete = M.complete, desc = "gloss: chat (! starts a new session)" })
end

return M
