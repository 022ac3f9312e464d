// Splitting a byte range into consecutive windows within a budget, cutting at the best line
// boundary near each window's end: statement starts for code (shallowest first), paragraph
// breaks for text. Used for plain-text files, oversized functions and oversized glue.
#pragma once

#include <tree_sitter/api.h>

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "indexer/ChunkerText.h"

namespace gloss::indexer::chunker {

struct Cut {
  std::uint32_t pos = 0;   // a line start
  std::uint32_t rank = 0;  // lower is a better place to cut
};

struct WindowLimits {
  std::size_t maxChars = 0;  // non-blank characters
  std::size_t maxLines = 0;
  std::size_t maxBytes = 0;  // only ever forces a cut inside a line longer than this
};

struct ByteRange {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
};

// Windows covering [begin, end) exactly; `cuts` must be sorted by position.
std::vector<ByteRange> splitWindows(const LineIndex& lines, std::uint32_t begin, std::uint32_t end,
                                    std::span<const Cut> cuts, const WindowLimits& limits);

// Line starts in (begin, end) ranked for prose and glue: paragraph breaks (at or after a blank
// line) first, then unindented lines.
std::vector<Cut> textCuts(const LineIndex& lines, std::uint32_t begin, std::uint32_t end);

// Line starts in (begin, end) where a syntax node under `node` begins its line, ranked by depth.
std::vector<Cut> syntaxCuts(const LineIndex& lines, TSNode node, std::uint32_t begin,
                            std::uint32_t end, TSTreeCursor& cursor);

}  // namespace gloss::indexer::chunker
