// A parser for the unified diffs `git diff` prints: file headers (renames, copies, new and
// deleted files, mode changes, binary files) and hunks, reduced to what the symbol mapping needs:
// which old lines were removed and which new lines were added. Pure code, no git involved.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gloss::commands::diff {

enum class FileStatus { Added, Deleted, Modified, Renamed, Copied };

const char* toString(FileStatus status);

struct DiffHunk {
  std::uint32_t oldStart = 0, oldCount = 0;  // as in "@@ -oldStart,oldCount ...", 1-based
  std::uint32_t newStart = 0, newCount = 0;
  std::vector<std::uint32_t> removedLines;  // 1-based lines of the old file
  std::vector<std::uint32_t> addedLines;    // 1-based lines of the new file
  std::vector<std::string> addedText;       // parallel to addedLines, without the '+'
  std::string text;                         // the hunk as printed, header included
};

struct FileDiff {
  std::string oldPath;  // empty for an added file
  std::string newPath;  // empty for a deleted file
  FileStatus status = FileStatus::Modified;
  bool binary = false;
  std::string oldMode, newMode;  // set when the mode changed or the file was added/deleted
  int similarity = -1;           // renames and copies: git's percentage
  std::vector<DiffHunk> hunks;
  int added = 0, removed = 0;  // lines

  // The path a reader knows the file by: the new one, else the old one.
  const std::string& path() const { return newPath.empty() ? oldPath : newPath; }
};

struct ParsedDiff {
  std::vector<FileDiff> files;
  bool truncated = false;  // the text ended inside a file (the diff was cut at a size limit)
};

// Parses the output of `git diff --src-prefix=a/ --dst-prefix=b/` (quoted paths are unquoted).
// `truncated` input drops the last, possibly incomplete, file.
ParsedDiff parseUnifiedDiff(std::string_view text, bool truncated = false);

// Undoes git's C-style quoting of a path ("a\tb" → a<TAB>b); unquoted text is returned as is.
std::string unquotePath(std::string_view text);

}  // namespace gloss::commands::diff
