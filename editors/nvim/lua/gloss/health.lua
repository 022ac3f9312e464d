-- :checkhealth gloss — the binary (path and version), whether the daemon runs, and what it
-- reports in gloss/status: provider, index state and size, where sessions are stored.
local client = require("gloss.client")
local config = require("gloss.config")

local M = {}

-- vim.health.start/ok/... from 0.10, report_* before; 0.7 has them in the `health` module.
local health = vim.health or require("health")
local start = health.start or health.report_start
local ok = health.ok or health.report_ok
local warn = health.warn or health.report_warn
local report_error = health.error or health.report_error
local info = health.info or health.report_info

local function check_binary()
  local binary = config.cmd()[1]
  local path = vim.fn.exepath(binary)
  if path == "" then
    report_error("gloss binary not found: " .. binary, {
      "Build gloss and put it on PATH, or set `binary` / `cmd` in setup()",
    })
    return
  end
  ok("binary: " .. path)
  local version = vim.fn.system({ path, "--version" })
  if vim.v.shell_error == 0 then
    ok("version: " .. vim.trim(version))
  else
    report_error("`" .. path .. " --version` failed: " .. vim.trim(version))
  end
end

local function check_status(status)
  local provider = status.provider or {}
  local name = provider.name or "?"
  if provider.model and provider.model ~= "" then
    name = name .. " (" .. provider.model .. ")"
  end
  if provider.offline then
    info("provider: " .. name .. " — answers come from the index, no model is asked")
  elseif provider.health and provider.health.ok == false then
    warn("provider: " .. name .. " — " .. tostring(provider.health.message))
  else
    ok("provider: " .. name)
  end
  if provider.configError then
    warn("provider settings were not used: " .. provider.configError)
  end
  local index = status.index or {}
  local files = index.files and (", " .. index.files .. " files") or ""
  if index.state == "ready" then
    ok("index: ready" .. files .. " (" .. tostring(index.database) .. ")")
  elseif index.state == "failed" then
    report_error("index: failed: " .. tostring(index.error))
  else
    info("index: " .. tostring(index.state) .. files)
  end
  local sessions = status.sessions or {}
  local msg = "sessions: " .. tostring(sessions.path) .. " (" .. tostring(sessions.state) .. ")"
  if sessions.state == "failed" then
    report_error(msg .. ": " .. tostring(sessions.error))
  else
    ok(msg)
  end
end

function M.check()
  start("gloss")
  check_binary()
  local c = client.get()
  if not c then
    warn("the daemon is not running", { "Call require('gloss').setup() or :GlossStart in a workspace" })
    return
  end
  ok("daemon running (client " .. c.id .. ", root " .. tostring(client.root()) .. ")")
  local status, err = client.request_sync("gloss/status", {}, 3000)
  if not status then
    report_error("gloss/status failed: " .. tostring(err))
    return
  end
  check_status(status)
end

return M
