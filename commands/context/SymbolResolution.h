// From a name the user typed ("parse_args", "Parser.parse_args", "ns::fn") to the definition it
// means, or to the list of candidates when several fit equally well.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "commands/context/ChunkSource.h"

namespace gloss::commands {

struct SymbolResolution {
  std::optional<indexer::SymbolRow> symbol;  // the best definition; nullopt when none matched
  std::optional<indexer::ChunkRow> chunk;    // its chunk
  // Several definitions fit and nothing tells them apart: all of them, best first (`symbol` is
  // the first). Empty when the choice is clear.
  std::vector<SymbolCandidate> candidates;
  bool ambiguous() const { return !candidates.empty(); }
};

inline constexpr std::size_t kMaxCandidates = 20;

// Exact names first, then case-insensitive ones. A qualified name matches definitions whose
// qualified name ends with the same parts, whatever the separator (`.`, `::`, `#`, `->`); when
// some definition's qualified name is exactly the name typed, only those count. When no
// qualified name fits, the leading parts may name the file's folder (a Go package:
// `json.Marshal`) or module (`textutil.tokenize`).
// With `preferredPath`, definitions in that file win when there are any. Definitions sharing one
// qualified name (a declaration and its body, a class and its constructor) count once, by the
// one with its own chunk.
SymbolResolution resolveSymbol(ChunkSource& source, const std::string& name,
                               const std::string& preferredPath = {});

// "Parser.parse_args" → {"Parser", "parse_args"}.
std::vector<std::string> splitQualifiedName(const std::string& name);

}  // namespace gloss::commands
