// CommonMark's fenced code blocks and inline code spans, as far as chat needs them: which text
// is code (never read for commands) and what a block holds. Every function here runs in time
// linear in its input, since messages and answers can be megabytes long.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace gloss::commands::chat {

// Lines of `text` without their "\n" or "\r\n"; views into `text`. A final line break does
// not start another line, so "" has no lines and "a\n" has one.
std::vector<std::string_view> splitLines(std::string_view text);

struct FencedBlock {
  std::size_t openLine = 0;  // index of the opening fence line
  std::size_t endLine = 0;   // one past the closing fence line, or the line count if unclosed
  bool closed = false;
  std::string_view info;  // the trimmed info string
  std::string code;       // the content lines, each ending with '\n'
};

// Blocks opened by three or more '`' or '~' indented at most three spaces, closed by a fence
// of the same character at least as long; an unclosed block runs to the end.
std::vector<FencedBlock> findFencedBlocks(const std::vector<std::string_view>& lines);

struct FenceInfo {
  std::string language;
  std::string path;  // a file name the info string gives, else empty
};

// `python`, `ts title="x.test.ts"`, `tests/test_x.py`, `python:tests/test_x.py`.
FenceInfo parseFenceInfo(std::string_view info);

struct CodeSpan {
  std::size_t begin = 0;  // offsets into the scanned text; [begin, end) includes the backticks
  std::size_t end = 0;
  std::size_t contentBegin = 0;
  std::size_t contentEnd = 0;
};

// Inline code spans of one paragraph, in order: a run of N backticks up to the next run of
// exactly N; a run without a partner is plain text.
std::vector<CodeSpan> findCodeSpans(std::string_view paragraph);

}  // namespace gloss::commands::chat
