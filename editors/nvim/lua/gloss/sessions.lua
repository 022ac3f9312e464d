-- :GlossSessions: the stored chat sessions (gloss/sessions/list) in a buffer, one a line.
-- <CR> opens one in the chat window (and continues it), r renames, d deletes after asking,
-- e exports it to a Markdown buffer, R reloads the list.
local client = require("gloss.client")
local ui = require("gloss.ui")

local M = {}

local BUFFER_NAME = "gloss://sessions"

local function when(ms)
  if type(ms) ~= "number" then
    return "?"
  end
  return os.date("%Y-%m-%d %H:%M", math.floor(ms / 1000))
end

function M.format(session)
  local title = session.title ~= "" and session.title or "(untitled)"
  return string.format("#%-5d %s  · updated %s · %d messages", session.id, title, when(session.updatedAt),
    session.messageCount or 0)
end

local function session_under_cursor(buf)
  local ids = vim.b[buf].gloss_session_ids or {}
  return ids[vim.api.nvim_win_get_cursor(0)[1]]
end

local function call(method, params, on_ok)
  client.request(method, params, {
    on_result = function(err, result)
      if err then
        ui.notify(method .. ": " .. tostring(err.message), vim.log.levels.ERROR)
        return
      end
      on_ok(result)
    end,
  })
end

function M.open(id)
  call("gloss/sessions/get", { sessionId = id, limit = 200 }, function(result)
    require("gloss.chat").load(result.session, result.messages)
  end)
end

function M.rename(id, buf)
  vim.ui.input({ prompt = "New title: " }, function(title)
    if title and vim.trim(title) ~= "" then
      call("gloss/sessions/rename", { sessionId = id, title = title }, function()
        M.refresh(buf)
      end)
    end
  end)
end

function M.delete(id, buf)
  vim.ui.select({ "Delete", "Keep" }, { prompt = "Delete session #" .. id .. "?" }, function(choice)
    if choice == "Delete" then
      call("gloss/sessions/delete", { sessionId = id }, function()
        M.refresh(buf)
      end)
    end
  end)
end

function M.export(id)
  call("gloss/sessions/export", { sessionId = id, format = "markdown" }, function(result)
    local buf = ui.scratch("gloss://session-" .. id .. ".md")
    ui.set_text(buf, result.content)
    ui.show(buf)
  end)
end

-- Fills `buf` with the list; `on_done(sessions)` runs once it is shown.
function M.refresh(buf, on_done)
  call("gloss/sessions/list", { limit = 200 }, function(result)
    if not vim.api.nvim_buf_is_valid(buf) then
      return
    end
    local lines, ids = {}, {}
    for _, s in ipairs(result.sessions) do
      table.insert(lines, M.format(s))
      ids[#lines] = s.id
    end
    if #lines == 0 then
      lines = { "(no sessions yet: :GlossChat starts one)" }
    end
    vim.b[buf].gloss_session_ids = ids
    ui.set_text(buf, table.concat(lines, "\n"))
    if on_done then
      on_done(result.sessions)
    end
  end)
end

local function map(buf, key, fn, desc)
  vim.keymap.set("n", key, function()
    local id = session_under_cursor(buf)
    if id then
      fn(id, buf)
    end
  end, { buffer = buf, desc = desc })
end

function M.show(on_done)
  local buf = ui.scratch(BUFFER_NAME)
  vim.bo[buf].filetype = "gloss-sessions"
  map(buf, "<CR>", M.open, "open the session in the chat")
  map(buf, "r", M.rename, "rename")
  map(buf, "d", M.delete, "delete")
  map(buf, "e", M.export, "export to Markdown")
  vim.keymap.set("n", "R", function()
    M.refresh(buf)
  end, { buffer = buf, desc = "reload" })
  ui.show(buf)
  M.refresh(buf, on_done)
  return buf
end

function M.register()
  vim.api.nvim_create_user_command("GlossSessions", function()
    M.show()
  end, { desc = "gloss: chat sessions" })
end

return M
