// Maps the hunks of a diff to the definitions they touch. Each changed file's old and new text
// is chunked with tree-sitter; a changed line belongs to the innermost definition holding it
// (blank lines count for nothing). Old and new definitions are paired by qualified name and
// kind within a file, then across files by qualified name with an identical body (moved), then
// by identical body with the name taken out (renamed). What is left is added or removed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "commands/diff/UnifiedDiff.h"

namespace gloss::commands::diff {

enum class ChangeKind { Added, Removed, Modified, Renamed, Moved };

const char* toString(ChangeKind kind);

struct LineSpan {
  std::uint32_t start = 0, end = 0;  // 1-based, inclusive; 0 when the side does not exist
  bool empty() const { return start == 0; }
};

struct SymbolChange {
  ChangeKind change = ChangeKind::Modified;
  std::string kind;  // "function", "class", "method", ...
  std::string name, qualifiedName;
  std::string oldQualifiedName;  // renamed: the name before
  std::string path;              // where it is now (removed: where it was)
  std::string oldPath;           // where it was, when that differs from `path`
  LineSpan oldLines, newLines;
  std::string signature, oldSignature;  // oldSignature only when it differs
  int added = 0, removed = 0;           // changed lines inside the definition
  bool isPublic = false;                // by the language's convention (RiskNotes.h)
};

struct FileChange {
  FileDiff diff;
  std::string language;        // "python", "cpp", ...; "text" without a grammar
  bool symbolsMapped = false;  // both existing versions were chunked
  int outsideLines = 0;        // non-blank changed lines outside any definition (imports, glue)
};

struct ChangeSet {
  std::vector<FileChange> files;
  std::vector<SymbolChange> symbols;  // by path, then line, then name
};

// Old and new texts are parallel to `files` (nullopt: that version is absent or not loaded).
ChangeSet mapChangedSymbols(std::vector<FileDiff> files,
                            const std::vector<std::optional<std::string>>& oldTexts,
                            const std::vector<std::optional<std::string>>& newTexts);

}  // namespace gloss::commands::diff
