// Fuzzes the unified-diff parser (commands/diff/UnifiedDiff) on whatever text `git diff` might
// be replaced by. Beyond not crashing, the result must be self-consistent: a hunk never holds
// more lines than its header counts, its added lines come with their text and rise one by one,
// a file's totals are the sum of its hunks, and a truncated parse is the full parse without its
// last file. Separately, unquotePath must undo git's C-style quoting of any byte string.
//
// Input: the diff text. The same bytes, as a path, go through quote-then-unquote.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "commands/diff/UnifiedDiff.h"

namespace {

using namespace gloss::commands::diff;

void check(bool ok) {
  if (!ok) __builtin_trap();
}

void checkHunk(const DiffHunk& hunk) {
  check(hunk.addedLines.size() == hunk.addedText.size());
  check(hunk.addedLines.size() <= hunk.newCount);
  check(hunk.removedLines.size() <= hunk.oldCount);
  for (std::size_t i = 1; i < hunk.addedLines.size(); ++i)
    check(hunk.addedLines[i] > hunk.addedLines[i - 1]);
  for (std::size_t i = 1; i < hunk.removedLines.size(); ++i)
    check(hunk.removedLines[i] > hunk.removedLines[i - 1]);
}

void checkFile(const FileDiff& file) {
  std::size_t added = 0, removed = 0;
  for (const DiffHunk& hunk : file.hunks) {
    checkHunk(hunk);
    added += hunk.addedLines.size();
    removed += hunk.removedLines.size();
  }
  check(added == static_cast<std::size_t>(file.added));
  check(removed == static_cast<std::size_t>(file.removed));
  if (file.status == FileStatus::Added) check(file.oldPath.empty());
  if (file.status == FileStatus::Deleted) check(file.newPath.empty());
}

bool sameFile(const FileDiff& a, const FileDiff& b) {
  return a.oldPath == b.oldPath && a.newPath == b.newPath && a.status == b.status &&
         a.added == b.added && a.removed == b.removed && a.hunks.size() == b.hunks.size();
}

// git's quoting (quote_c_style): the path in double quotes, with \" \\ \a \b \t \n \v \f \r
// escaped and any other control or non-ASCII byte as three octal digits.
std::string gitQuote(std::string_view path) {
  std::string out = "\"";
  for (unsigned char c : path) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\a':
        out += "\\a";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\v':
        out += "\\v";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (c < 0x20 || c >= 0x7f) {
          char octal[5];
          std::snprintf(octal, sizeof octal, "\\%03o", c);
          out += octal;
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  return out + "\"";
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  ParsedDiff full = parseUnifiedDiff(text);
  ParsedDiff cut = parseUnifiedDiff(text, true);
  check(!full.truncated && cut.truncated);
  for (const FileDiff& file : full.files) checkFile(file);
  check(cut.files.size() == (full.files.empty() ? 0 : full.files.size() - 1));
  for (std::size_t i = 0; i < cut.files.size(); ++i) check(sameFile(cut.files[i], full.files[i]));
  check(unquotePath(gitQuote(text)) == text);
  return 0;
}
