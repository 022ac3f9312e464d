// The collapsed view of a container split into member chunks: its header, one line per member
// (definitions as their signature with the body elided, other members as their first line) and
// its closing line. It is what gets indexed for the container's Outline chunk.
#pragma once

#include <tree_sitter/api.h>

#include <string>
#include <vector>

#include "indexer/ChunkerDefinitions.h"
#include "indexer/ChunkerRules.h"
#include "indexer/ChunkerText.h"

namespace gloss::indexer::chunker {

std::string buildOutline(const std::vector<Definition>& defs, int index, const LineIndex& lines,
                         const CompiledRules& rules, TSTreeCursor& cursor);

}  // namespace gloss::indexer::chunker
