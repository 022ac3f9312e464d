-- The code-aware commands: :GlossExplain, :GlossTests (+ :GlossTestsWrite), :GlossSummarize,
-- :GlossRefs and :GlossCancel, each a streamed request shown in a result window; and the
-- registration of every :Gloss* command (grep, chat and sessions live in their own modules).
local client = require("gloss.client")
local target = require("gloss.target")
local ui = require("gloss.ui")

local M = {}

-- Runs one streamed request into a new result window; returns the view.
function M.run_in_view(method, params, title, on_done)
  local view = ui.result_view(title)
  view.request = client.request(method, params, {
    on_partial = view.delta,
    on_result = function(err, result)
      view.done(err, result)
      if on_done then
        on_done(view, err, result)
      end
    end,
  })
  return view
end

local function code_command(method, verb, on_done)
  return function(opts)
    local params, label = target.from_command(opts)
    if not params then
      ui.notify(label, vim.log.levels.WARN)
      return nil
    end
    return M.run_in_view(method, params, verb .. " " .. label, on_done)
  end
end

M.explain = code_command("gloss/explain", "explain")

M.tests = code_command("gloss/generateTests", "tests", function(view, err, result)
  if err or type(result) ~= "table" or type(result.files) ~= "table" or #result.files == 0 then
    return
  end
  vim.b[view.buf].gloss_files = result.files
  vim.keymap.set("n", "w", function()
    M.write_tests(view.buf)
  end, { buffer = view.buf, desc = "write the proposed test file" })
  ui.notify("proposed " .. target.relative(result.files[1].path) .. " (press w or :GlossTestsWrite to write it)")
end)

local function write_file(file)
  local text = file.content:gsub("\n$", "")
  vim.fn.mkdir(vim.fn.fnamemodify(file.path, ":h"), "p")
  if vim.fn.writefile(vim.split(text, "\n", { plain = true }), file.path) ~= 0 then
    ui.notify("could not write " .. file.path, vim.log.levels.ERROR)
    return
  end
  ui.notify("wrote " .. target.relative(file.path))
  vim.cmd("wincmd p")
  vim.cmd("edit " .. vim.fn.fnameescape(file.path))
end

-- Writes the first proposed file of a :GlossTests buffer; an existing file only after asking.
function M.write_tests(buf)
  local ok, files = pcall(vim.api.nvim_buf_get_var, buf or 0, "gloss_files")
  if not ok or #files == 0 then
    ui.notify("no test proposal here: run :GlossTests first", vim.log.levels.WARN)
    return
  end
  local file = files[1]
  if vim.loop.fs_stat(file.path) == nil then
    write_file(file)
    return
  end
  vim.ui.select({ "Overwrite", "Cancel" }, { prompt = file.path .. " exists:" }, function(choice)
    if choice == "Overwrite" then
      write_file(file)
    end
  end)
end

local function latest_tests_buffer()
  for _, buf in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_valid(buf) and vim.b[buf].gloss_files then
      return buf
    end
  end
  return nil
end

-- Files changed against HEAD, for `:GlossSummarize diff`.
local function changed_files()
  local root = client.root()
  local lines = vim.fn.systemlist({ "git", "-C", root, "diff", "--name-only", "HEAD" })
  if vim.v.shell_error ~= 0 then
    return nil, "git diff failed: " .. table.concat(lines, " ")
  end
  return vim.tbl_filter(function(p)
    return p ~= "" and vim.loop.fs_stat(root .. "/" .. p) ~= nil
  end, lines)
end

-- One summary after another into one window, each under its own heading.
local function summarize_each(paths)
  local view = ui.result_view("summarize diff")
  local parts = {}
  local function step(i)
    if i > #paths then
      view.done(nil, { content = table.concat(parts, "\n\n") })
      return
    end
    local heading = "# " .. paths[i] .. "\n\n"
    ui.append(view.buf, (i > 1 and "\n\n" or "") .. heading)
    view.request = client.request("gloss/summarize", { path = paths[i] }, {
      on_partial = view.delta,
      on_result = function(err, result)
        if err then
          view.done(err, nil)
          return
        end
        table.insert(parts, heading .. result.content)
        step(i + 1)
      end,
    })
  end
  step(1)
  return view
end

function M.summarize(opts)
  local arg = vim.trim(opts.args or "")
  if arg == "diff" then
    local paths, err = changed_files()
    if not paths then
      ui.notify(err, vim.log.levels.ERROR)
      return nil
    end
    if #paths == 0 then
      ui.notify("no changes against HEAD")
      return nil
    end
    return summarize_each(paths)
  end
  if arg:match("^[%%#]") then
    arg = vim.fn.expand(arg)
  end
  local params = arg == "" and {} or { path = arg }
  return M.run_in_view("gloss/summarize", params, "summarize " .. (arg == "" and "workspace" or target.relative(arg)))
end

local function complete_paths(lead)
  local out = { "diff" }
  vim.list_extend(out, vim.fn.getcompletion(lead, "file"))
  return vim.tbl_filter(function(c)
    return vim.startswith(c, lead)
  end, out)
end

function M.register()
  local cmd = vim.api.nvim_create_user_command
  cmd("GlossExplain", M.explain, { nargs = "?", range = true, desc = "gloss: explain the code here" })
  cmd("GlossTests", M.tests, { nargs = "?", range = true, desc = "gloss: propose tests" })
  cmd("GlossTestsWrite", function()
    M.write_tests(vim.b.gloss_files and 0 or latest_tests_buffer())
  end, { desc = "gloss: write the proposed test file" })
  cmd("GlossSummarize", M.summarize, { nargs = "?", complete = complete_paths, desc = "gloss: summarize" })
  cmd("GlossRefs", function()
    ui.open_references(vim.api.nvim_get_current_buf())
  end, { desc = "gloss: references of this answer" })
  cmd("GlossCancel", function()
    ui.notify("cancelling " .. client.cancel_all() .. " request(s)")
  end, { desc = "gloss: cancel every running request" })
  require("gloss.grep").register()
  require("gloss.chat").register()
  require("gloss.sessions").register()
end

return M
