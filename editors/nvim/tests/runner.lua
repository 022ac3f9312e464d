-- A tiny test runner for headless Neovim (no plenary): tests register with `test(name, fn)`,
-- run in order, each printed with PASS or FAIL and the failure's message; Neovim exits 1 when
-- any failed. Loaded by run.sh; the tests themselves are in plugin_test.lua.
local here = debug.getinfo(1, "S").source:sub(2):match("(.*/)")
package.path = here .. "?.lua;" .. package.path

local T = { tests = {}, messages = {} }

-- Messages for the user are kept for assertions instead of being printed between results.
vim.notify = function(msg)
  table.insert(T.messages, msg)
end

function T.said(part)
  for _, m in ipairs(T.messages) do
    if m:find(part, 1, true) then
      return true
    end
  end
  return false
end

function T.test(name, fn)
  table.insert(T.tests, { name = name, fn = fn })
end

local function fail(msg, level)
  error(msg, (level or 1) + 1)
end

function T.ok(cond, msg)
  if not cond then
    fail("assertion failed: " .. (msg or "?"), 2)
  end
end

function T.eq(got, want, msg)
  if not vim.deep_equal(got, want) then
    fail(string.format("%s: expected %s, got %s", msg or "values differ", vim.inspect(want), vim.inspect(got)), 2)
  end
end

function T.contains(text, part, msg)
  if type(text) ~= "string" or not text:find(part, 1, true) then
    fail(string.format("%s: %q not found in:\n%s", msg or "missing text", part, tostring(text)), 2)
  end
end

-- Lets Neovim run (RPC replies, scheduled callbacks) until cond() holds; fails after timeout.
function T.wait(cond, what, timeout)
  if not vim.wait(timeout or 20000, cond, 10) then
    fail("timed out waiting for " .. what, 2)
  end
end

function T.buffer_text(buf)
  return table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), "\n")
end

local function say(line)
  io.stdout:write(line .. "\n")
  io.stdout:flush()
end

function T.run()
  local failed = 0
  for _, t in ipairs(T.tests) do
    local ok, err = xpcall(t.fn, debug.traceback)
    if ok then
      say("PASS " .. t.name)
    else
      failed = failed + 1
      say("FAIL " .. t.name .. "\n  " .. tostring(err):gsub("\n", "\n  "))
    end
    pcall(vim.cmd, "silent! only | enew!")
  end
  say(string.format("%d tests, %d failed", #T.tests, failed))
  return failed
end

_G.T = T
local ok, err = xpcall(function()
  dofile(here .. "plugin_test.lua")
end, debug.traceback)
local failed = ok and T.run() or 1
if not ok then
  say("FAIL loading the tests\n  " .. tostring(err))
end
pcall(function()
  require("gloss").stop()
  vim.wait(5000, function()
    return require("gloss.client").get() == nil
  end, 20)
end)
vim.cmd(failed == 0 and "qall!" or "cquit 1")
