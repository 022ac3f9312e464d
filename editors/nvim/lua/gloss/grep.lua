-- :GlossGrep {pattern}: gloss/grep with a partialResultToken; each batch of hits is appended to
-- a quickfix list as it arrives, and the final answer (every hit, sorted) replaces it.
-- :GlossGrep! cancels the search in flight.
local client = require("gloss.client")
local config = require("gloss.config")
local ui = require("gloss.ui")

local M = {}

-- The search in flight, and a record of the last one (batches seen, quickfix size when the
-- first batch landed), which :GlossGrep reports and the tests read.
M.current = nil
M.last = nil

local FLAGS = {
  ["-w"] = { "wordRegexp", true },
  ["-F"] = { "fixedStrings", true },
  ["-i"] = { "caseSensitivity", "insensitive" },
  ["-s"] = { "caseSensitivity", "sensitive" },
  ["-S"] = { "caseSensitivity", "smart" },
}

-- "-w -g '*.py' foo bar" -> params with pattern "foo bar". Flags come first, as in `gloss grep`.
function M.parse(args)
  local params = { maxResults = config.values.grep.max_results }
  local rest = vim.trim(args)
  while true do
    local flag, after = rest:match("^(%-%S+)%s+(.*)$")
    if not flag then
      break
    end
    if FLAGS[flag] then
      params[FLAGS[flag][1]] = FLAGS[flag][2]
      rest = after
    elseif flag == "-g" or flag == "-t" then
      local value, tail = after:match("^(%S+)%s*(.*)$")
      if not value then
        break
      end
      local key = flag == "-g" and "include" or "types"
      if flag == "-g" and value:sub(1, 1) == "!" then
        key, value = "exclude", value:sub(2)
      end
      params[key] = params[key] or {}
      table.insert(params[key], value)
      rest = tail
    elseif flag == "--" then
      rest = after
      break
    else
      break
    end
  end
  params.pattern = rest
  return params
end

local function utf16_to_byte(text, col)
  local ok, byte = pcall(vim.str_byteindex, text, col, true)
  return ok and byte or col
end

function M.items(matches)
  local items = {}
  for _, m in ipairs(matches or {}) do
    if not m.context then
      local col = 1
      local first = m.ranges and m.ranges[1]
      if first and not m.textStart then
        col = utf16_to_byte(m.text, first.start.character) + 1
      end
      local text = m.text:gsub("\r$", "")
      if type(m.symbol) == "table" and m.symbol.name then
        text = text .. "  [" .. m.symbol.name .. "]"
      end
      table.insert(items, { filename = vim.uri_to_fname(m.uri), lnum = m.line + 1, col = col, text = text })
    end
  end
  return items
end

function M.cancel()
  if M.current then
    M.current.cancel()
  else
    ui.notify("no search is running")
  end
end

function M.run(args)
  local params = M.parse(args)
  if params.pattern == "" then
    ui.notify("usage: :GlossGrep [-w] [-F] [-i|-s] [-g GLOB] [-t TYPE] PATTERN", vim.log.levels.WARN)
    return nil
  end
  if M.current then
    M.current.cancel()
  end
  local title = "gloss grep " .. params.pattern
  vim.fn.setqflist({}, " ", { title = title .. " (searching)", items = {} })
  local qf = vim.fn.getqflist({ id = 0 }).id
  local record = { pattern = params.pattern, batches = 0, streamed = 0, size_at_first_batch = nil, state = "running" }
  M.last = record
  local req
  req = client.request("gloss/grep", params, {
    on_partial = function(value)
      if type(value) ~= "table" or type(value.matches) ~= "table" then
        return
      end
      local items = M.items(value.matches)
      vim.fn.setqflist({}, "a", { id = qf, items = items })
      record.batches = record.batches + 1
      record.streamed = record.streamed + #items
      if not record.size_at_first_batch then
        record.size_at_first_batch = vim.fn.getqflist({ id = qf, size = 0 }).size
      end
    end,
    on_result = function(err, result)
      if M.current == req then
        M.current = nil
      end
      if err then
        record.state = client.is_cancelled(err) and "cancelled" or "error"
        record.error = err
        vim.fn.setqflist({}, "a", { id = qf, title = title .. " (" .. record.state .. ")" })
        ui.notify(title .. (record.state == "cancelled" and ": cancelled" or (": " .. tostring(err.message))),
          record.state == "cancelled" and vim.log.levels.INFO or vim.log.levels.ERROR)
        return
      end
      local items = M.items(result.matches)
      local summary = string.format("%d matches in %d files%s", result.matchCount or #items, result.filesMatched or 0,
        result.truncated and " (truncated)" or "")
      vim.fn.setqflist({}, "r", { id = qf, items = items, title = title .. ": " .. summary })
      record.state = "done"
      record.result = result
      ui.notify(title .. ": " .. summary)
    end,
  })
  M.current = req
  return req
end

function M.register()
  vim.api.nvim_create_user_command("GlossGrep", function(opts)
    if opts.bang then
      M.cancel()
    else
      M.run(opts.args)
    end
  end, { nargs = "*", bang = true, desc = "gloss: search the workspace (! cancels)" })
  vim.api.nvim_create_autocmd("FileType", {
    group = vim.api.nvim_create_augroup("gloss_grep", { clear = true }),
    pattern = "qf",
    callback = function(args)
      vim.keymap.set("n", "<C-c>", M.cancel, { buffer = args.buf, desc = "gloss: cancel the search" })
    end,
  })
end

return M
