// Finding definitions in a syntax tree: one cursor walk that records every definition with the
// byte range its chunk would take (leading comments, decorators, attributes and wrappers such as
// `export` or `template<>` included), its names and its place in the nesting.
#pragma once

#include <tree_sitter/api.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "indexer/Chunk.h"
#include "indexer/ChunkerRules.h"
#include "indexer/ChunkerText.h"

namespace gloss::indexer::chunker {

struct Definition {
  TSNode node{};
  TSNode body{};            // null when the definition has none
  std::uint32_t start = 0;  // chunk range: leading comments and wrappers included
  std::uint32_t end = 0;
  std::uint32_t nameByte = 0;
  int parent = -1;  // index of the enclosing definition
  int firstMember = -1;
  int lastMember = -1;
  int nextSibling = -1;
  int depth = 0;
  ChunkKind kind = ChunkKind::Function;
  std::string_view symbolKind;
  bool container = false;  // may be split into its members
  bool classLike = false;  // functions directly inside are methods
  std::string name;
  std::string qualifiedName;
  std::string parentName;
  std::string memberPrefix;  // what members are qualified with (anonymous namespaces add none)
  std::string signature;
};

// Walks `root` with `cursor` (reused between files by the caller). Definitions come out in
// document order (pre-order), so a container precedes its members.
std::vector<Definition> findDefinitions(const CompiledRules& rules, const LineIndex& lines,
                                        TSNode root, TSTreeCursor& cursor);

}  // namespace gloss::indexer::chunker
