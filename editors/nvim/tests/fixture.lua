-- The fixture workspace, written at run time into a temporary folder: a helper module, a
-- function using it, a caller, an existing pytest test, and a `.git` folder marking the root.
local M = {}

local files = {
  ["pytest.ini"] = "[pytest]\ntestpaths = tests\n",
  ["pkg/__init__.py"] = "",
  ["pkg/textutil.py"] = [[
"""Text helpers shared by the reports."""


def normalize(text):
    """Lower-case the text and strip surrounding blanks."""
    return text.strip().lower()


def tokenize(text):
    """Split normalized text into words."""
    return [w for w in normalize(text).split() if w]
]],
  ["pkg/report.py"] = [[
from pkg.textutil import tokenize


def word_count(text):
    """Count the words of a text."""
    words = tokenize(text)
    return len(words)


def longest_word(text):
    """The longest word of a text."""
    return max(tokenize(text), key=len)
]],
  ["app.py"] = [[
from pkg.report import word_count


def main():
    total = word_count("a b c")
    print(total)
]],
  ["tests/test_textutil.py"] = [[
import pytest

from pkg.textutil import normalize


def test_normalize():
    assert normalize("  A ") == "a"
]],
}

function M.write(root)
  vim.fn.mkdir(root .. "/.git", "p")
  for path, text in pairs(files) do
    local full = root .. "/" .. path
    vim.fn.mkdir(vim.fn.fnamemodify(full, ":h"), "p")
    vim.fn.writefile(vim.split((text:gsub("\n$", "")), "\n", { plain = true }), full)
  end
  return root
end

return M
