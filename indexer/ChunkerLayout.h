// Turning a file's definitions into a partition of its bytes: which definitions get a chunk,
// which containers are split into an outline and their members, where glue goes, what merges.
// The rules are documented at the top of Chunker.cpp.
#pragma once

#include <tree_sitter/api.h>

#include <cstdint>
#include <vector>

#include "indexer/ChunkerDefinitions.h"
#include "indexer/ChunkerText.h"
#include "indexer/ChunkerWindows.h"

namespace gloss::indexer::chunker {

enum class PieceKind : std::uint8_t {
  Definition,  // a whole definition (or several tiny ones)
  Part,        // a window of a definition too large for one chunk
  Outline,     // the header of a container split into its members
  Glue,        // code between definitions
  Gap,         // not yet settled: only while laying out
};

struct Piece {
  std::uint32_t start = 0;
  std::uint32_t end = 0;
  PieceKind kind = PieceKind::Glue;
  int def = -1;     // the definition, for Definition, Part and Outline
  int parent = -1;  // the enclosing definition
  bool tiny = false;
};

struct LayoutLimits {
  Budget budget;
  std::size_t maxBytes = 0;  // hard cap inside a single over-long line
};

// Contiguous pieces covering [0, lines.size()), none empty.
std::vector<Piece> layOutPieces(const std::vector<Definition>& defs, const LineIndex& lines,
                                const LayoutLimits& limits, TSTreeCursor& cursor);

}  // namespace gloss::indexer::chunker
