-- The plugin against the real daemon (offline provider): start and indexing progress, explain
-- at the cursor, on a visual range and by name, a test proposal written on request, grep hits
-- streamed into the quickfix list, a folder summary, a streamed chat round trip listed in
-- :GlossSessions, cancellation, slash-command completion and :checkhealth.
local T = _G.T
local test, ok, eq, contains, wait, text_of = T.test, T.ok, T.eq, T.contains, T.wait, T.buffer_text

local gloss_binary = assert(os.getenv("GLOSS_BINARY"), "GLOSS_BINARY is not set")
local tmp = assert(os.getenv("GLOSS_TEST_TMP"), "GLOSS_TEST_TMP is not set")
local root = require("fixture").write(tmp .. "/workspace")

vim.o.columns = 240
vim.o.lines = 60
vim.lsp.set_log_level("debug") -- the cancellation test reads the RPC layer's log
vim.cmd("cd " .. vim.fn.fnameescape(root))

-- Statusline texts seen while progress was reported.
local statuses = {}
vim.api.nvim_create_autocmd("User", {
  pattern = "GlossProgress",
  callback = function()
    table.insert(statuses, require("gloss").status())
  end,
})

require("gloss").setup({
  cmd = {
    gloss_binary, "serve", "--test-methods", "--db", tmp .. "/index.db", "--sessions-db", tmp .. "/sessions.db",
  },
})
local client = require("gloss.client")

local function result_buffer(view)
  wait(function()
    return vim.b[view.buf].gloss_state ~= "running"
  end, "the answer in " .. vim.api.nvim_buf_get_name(view.buf))
  eq(vim.b[view.buf].gloss_state, "done", "state of " .. vim.api.nvim_buf_get_name(view.buf))
  return text_of(view.buf)
end

-- The view a :Gloss* command opened: the current window's buffer.
local function current_view()
  return { buf = vim.api.nvim_get_current_buf() }
end

test("start: the daemon runs in the workspace root and reports indexing progress", function()
  ok(client.get() ~= nil, "client started")
  eq(client.root(), root, "root found by .git")
  local ended = false
  wait(function()
    for _, p in ipairs(client.progress_log) do
      if p.kind == "end" then
        for _, q in ipairs(client.progress_log) do
          ended = ended or (q.kind == "begin" and q.token == p.token and (q.title or ""):find("indexing") ~= nil)
        end
      end
    end
    return ended
  end, "the indexing progress to end")
  -- The pass's progress ends before the index says ready (the search index is built after it).
  wait(function()
    local status = client.request_sync("gloss/status", {}, 5000)
    return status ~= nil and status.index.state == "ready"
  end, "the index to be ready")
  local shown_indexing = false
  for _, s in ipairs(statuses) do
    shown_indexing = shown_indexing or s:find("^gloss: indexing") ~= nil
  end
  ok(shown_indexing, "the statusline showed indexing: " .. vim.inspect(statuses))
  eq(require("gloss").status(), "gloss", "idle statusline")
end)

test("explain at the cursor: the card names the function and its caller's location", function()
  vim.cmd("edit pkg/report.py")
  local buf = vim.api.nvim_get_current_buf()
  wait(function()
    return #vim.lsp.buf_get_clients(buf) > 0
  end, "the buffer to be attached")
  vim.api.nvim_win_set_cursor(0, { 6, 4 })
  vim.cmd("GlossExplain")
  local view = current_view()
  local text = result_buffer(view)
  contains(text, "word_count")
  contains(text, "app.py:5")
  ok(vim.b[view.buf].gloss_deltas > 0, "deltas streamed in")
  ok(#vim.b[view.buf].gloss_references > 0, "references kept")
  vim.cmd("GlossRefs")
  local qf = vim.fn.getqflist({ title = 0, items = 0 })
  contains(qf.title, "gloss references")
  ok(#qf.items > 0, "references in the quickfix list")
  vim.api.nvim_set_current_win(vim.fn.bufwinid(view.buf))
  vim.api.nvim_feedkeys("q", "x", false)
  eq(vim.fn.bufwinid(view.buf), -1, "q closed the result window")
end)

test("explain a visual range, and a symbol named as an argument", function()
  vim.cmd("edit pkg/report.py")
  vim.cmd("normal! 10GV12G\27")
  vim.api.nvim_win_set_cursor(0, { 1, 0 }) -- the range, not the cursor, says what to explain
  vim.cmd("'<,'>GlossExplain")
  local view = current_view()
  contains(vim.api.nvim_buf_get_name(view.buf), "pkg/report.py:10-12")
  local ranged = result_buffer(view)
  contains(ranged, "longest_word")
  vim.cmd("only")
  vim.cmd("GlossExplain tokenize")
  local named = result_buffer(current_view())
  contains(named, "Split normalized text into words.")
end)

test("GlossTests proposes tests and writes the file only when asked", function()
  local path = root .. "/tests/test_report.py"
  vim.cmd("GlossTests word_count")
  local view = current_view()
  local text = result_buffer(view)
  contains(text, "def test_")
  local files = vim.b[view.buf].gloss_files
  eq(files[1].path, path, "proposed path")
  ok(vim.loop.fs_stat(path) == nil, "nothing written before asked")
  vim.api.nvim_feedkeys("w", "x", false)
  wait(function()
    return vim.loop.fs_stat(path) ~= nil
  end, "the test file")
  contains(table.concat(vim.fn.readfile(path), "\n"), "def test_word_count")
end)

test("GlossGrep streams hits into the quickfix list, then the sorted whole", function()
  vim.cmd("GlossGrep -w tokenize")
  local grep = require("gloss.grep")
  wait(function()
    return grep.last.state ~= "running"
  end, "the grep result")
  eq(grep.last.state, "done", "grep state")
  ok(grep.last.batches >= 1, "at least one batch arrived through $/progress")
  ok((grep.last.size_at_first_batch or 0) >= 1, "the quickfix list had hits before the final answer")
  local qf = vim.fn.getqflist({ title = 0, items = 0 })
  contains(qf.title, "gloss grep tokenize")
  local got = {}
  for _, item in ipairs(qf.items) do
    table.insert(got, vim.fn.fnamemodify(vim.api.nvim_buf_get_name(item.bufnr), ":.") .. ":" .. item.lnum)
  end
  eq(got, { "pkg/report.py:1", "pkg/report.py:6", "pkg/report.py:12", "pkg/textutil.py:9" }, "hits")
  eq(qf.items[4].col, 5, "column of `def tokenize`")
  contains(qf.items[2].text, "[word_count]", "enclosing symbol")
  ok(T.said("gloss grep tokenize: 4 matches in 2 files"), "summary shown")
end)

test("GlossSummarize outlines a folder", function()
  vim.cmd("GlossSummarize pkg")
  local text = result_buffer(current_view())
  contains(text, "pkg/textutil.py")
  contains(text, "Lower-case the text")
  ok(not text:find("app.py", 1, true), "app.py is not in pkg/")
end)

test("GlossSummarize diff summarizes the files changed against HEAD", function()
  local function git(...)
    local cmd = { "git", "-C", root, "-c", "user.name=t", "-c", "user.email=t@example.com" }
    local out = vim.fn.system(vim.list_extend(cmd, { ... }))
    eq(vim.v.shell_error, 0, "git " .. table.concat({ ... }, " ") .. ": " .. out)
  end
  git("init", "-q")
  git("add", "-A")
  git("commit", "-qm", "fixture")
  vim.cmd("edit pkg/textutil.py")
  vim.api.nvim_buf_set_lines(0, -1, -1, false, { "", "", "def shout(text):", "    return text.upper()" })
  vim.cmd("silent write")
  vim.cmd("GlossSummarize diff")
  local text = result_buffer(current_view())
  contains(text, "# pkg/textutil.py")
  contains(text, "normalize")
  ok(not text:find("app.py", 1, true), "unchanged files are left out")
end)

test("chat: the answer streams into the chat buffer, the session continues and is listed", function()
  local chat = require("gloss.chat")
  local snapshots = {}
  local group = vim.api.nvim_create_augroup("gloss_test_stream", { clear = true })
  vim.api.nvim_create_autocmd("User", {
    group = group,
    pattern = "GlossStream",
    callback = function()
      table.insert(snapshots, text_of(chat.buffer()))
    end,
  })
  vim.cmd("GlossChat! How does `word_count` use pkg/textutil.py?")
  local buf = chat.buffer()
  wait(function()
    return vim.b[buf].gloss_state ~= "running"
  end, "the chat answer")
  vim.api.nvim_del_augroup_by_id(group)
  eq(vim.b[buf].gloss_state, "done", "chat state")
  local final = text_of(buf)
  contains(final, "## You\n\nHow does `word_count` use pkg/textutil.py?")
  contains(final, "word_count")
  ok(#snapshots >= 3, "several buffer states while streaming: " .. #snapshots)
  for i = 2, #snapshots do
    ok(#snapshots[i] > #snapshots[i - 1], "the buffer grew with each delta")
    eq(snapshots[i]:sub(1, #snapshots[i - 1]), snapshots[i - 1], "earlier text kept")
  end
  ok(#snapshots[1] < #final, "the first state was partial")
  local session = chat.session_id
  ok(type(session) == "number", "session id kept")

  vim.cmd("GlossChat and tokenize?")
  wait(function()
    return vim.b[buf].gloss_state ~= "running"
  end, "the second answer")
  eq(chat.session_id, session, "the same session continues")
  contains(text_of(buf), "## You\n\nand tokenize?")

  local listed
  require("gloss.sessions").show(function(sessions)
    listed = sessions
  end)
  wait(function()
    return listed ~= nil
  end, "the session list")
  local list = vim.api.nvim_get_current_buf()
  eq(#listed, 1, "one session")
  contains(text_of(list), "How does")
  contains(text_of(list), "4 messages")
  contains(text_of(list), "#" .. session)

  chat.reset()
  vim.api.nvim_set_current_win(vim.fn.bufwinid(list))
  vim.api.nvim_win_set_cursor(0, { 1, 0 })
  vim.api.nvim_feedkeys("\r", "x", false)
  wait(function()
    return chat.session_id == session
  end, "the session to open in the chat")
  contains(text_of(buf), "and tokenize?")
end)

test("sessions: rename, export and delete from the list", function()
  local sessions = require("gloss.sessions")
  local listed
  local buf = sessions.show(function(s)
    listed = s
  end)
  wait(function()
    return listed ~= nil
  end, "the session list")
  local id = listed[1].id
  local function press(key)
    vim.api.nvim_set_current_win(vim.fn.bufwinid(buf))
    vim.api.nvim_win_set_cursor(0, { 1, 0 })
    vim.api.nvim_feedkeys(key, "x", false)
  end
  local input, select = vim.ui.input, vim.ui.select
  vim.ui.input = function(_, on_confirm)
    on_confirm("Word counting")
  end
  press("r")
  wait(function()
    return text_of(buf):find("Word counting", 1, true) ~= nil
  end, "the new title in the list")
  press("e")
  local exported
  wait(function()
    exported = require("gloss.ui").find_buffer("gloss://session-" .. id .. ".md")
    return exported ~= nil
  end, "the export")
  contains(text_of(exported), "# Word counting")
  contains(text_of(exported), "and tokenize?")
  local asked
  vim.ui.select = function(items, opts, on_choice)
    asked = opts.prompt
    on_choice(items[1])
  end
  press("d")
  wait(function()
    return text_of(buf):find("no sessions yet", 1, true) ~= nil
  end, "the list without the deleted session")
  contains(asked, "Delete session #" .. id)
  vim.ui.input, vim.ui.select = input, select
end)

test("cancellation: the daemon answers -32800 and the window says cancelled", function()
  local log = vim.lsp.get_log_path()
  local before = vim.fn.getfsize(log)
  local got_err
  local view = require("gloss.commands").run_in_view("gloss/test/sleep", { ms = 60000 }, "sleep", function(_, err)
    got_err = err
  end)
  ok(view.request ~= nil, "request sent")
  vim.wait(100) -- let it start: cancel a running request, not a queued one
  vim.cmd("GlossCancel")
  wait(function()
    return got_err ~= nil
  end, "the cancelled answer")
  eq(got_err.code, -32800, "error code")
  eq(vim.b[view.buf].gloss_state, "cancelled", "view state")
  contains(text_of(view.buf), "_cancelled_")
  ok(T.said("sleep cancelled"), "the user was told: " .. vim.inspect(T.messages))
  local f = assert(io.open(log, "r"))
  f:seek("set", math.max(before, 0))
  local logged = f:read("*a")
  f:close()
  contains(logged, "Received cancellation ack")
  contains(logged, "-32800")
  local status = client.request_sync("gloss/status", {}, 5000)
  ok(status ~= nil, "the daemon still answers")
end)

test("slash commands complete from gloss/commands", function()
  eq(require("gloss.chat").complete("/ge", "GlossChat /ge"), { "/generate-tests" })
  eq(vim.fn.getcompletion("GlossChat /expl", "cmdline"), { "/explain" })
end)

test("checkhealth reports binary, version, provider, index and sessions", function()
  local version = vim.trim(vim.fn.system({ gloss_binary, "--version" }))
  vim.cmd("silent checkhealth gloss")
  local text = text_of(0)
  contains(text, "binary: " .. gloss_binary)
  contains(text, "version: " .. version)
  contains(text, "provider: offline")
  contains(text, "index: ready")
  contains(text, "sessions: " .. tmp .. "/sessions.db (open)")
  vim.cmd("tabclose")
end)
