// A chunk: a piece of a file that follows the code's structure (DESIGN.md §4). Every byte of a
// file belongs to exactly one chunk.
#pragma once

#include <cstdint>
#include <string>

namespace gloss::indexer {

enum class ChunkKind {
  Function,  // free function or lambda bound to a name
  Method,    // function inside a class/struct/impl/interface
  Class,     // class, struct, union, interface, trait, impl block, enum
  Outline,   // collapsed view of a large container: member signatures, bodies elided
  Module,    // namespace, module, package-level block
  Preamble,  // imports, includes, top-level glue merged together
  Text,      // line window of a file without a grammar
};

struct Chunk {
  ChunkKind kind = ChunkKind::Text;
  std::string symbol;         // short name ("parse_args"), empty for glue and text
  std::string qualifiedName;  // "Parser.parse_args", "ns::fn"
  std::string signature;      // the definition's first line, trimmed
  std::string parent;         // qualified name of the enclosing definition, if any
  std::uint32_t startByte = 0;
  std::uint32_t endByte = 0;    // exclusive
  std::uint32_t startLine = 0;  // 0-based, inclusive
  std::uint32_t endLine = 0;    // 0-based, inclusive (the line holding endByte - 1)
  std::string outline;  // Outline chunks only: the collapsed text, indexed instead of the slice
};

// A definition found in a file, whether or not it got a chunk of its own (small methods merged
// into their class chunk are still symbols).
struct Symbol {
  std::string name;
  std::string qualifiedName;
  std::string kind;  // LSP-flavoured: "function", "method", "class", "struct", ...
  std::string signature;
  std::string parent;  // qualified name of the container
  std::uint32_t startByte = 0;
  std::uint32_t endByte = 0;
  std::uint32_t startLine = 0;
  std::uint32_t startColumn = 0;  // byte column of the definition's start
  std::uint32_t endLine = 0;
  std::uint32_t endColumn = 0;
  std::uint32_t nameLine = 0;  // where the name itself is (selectionRange)
  std::uint32_t nameColumn = 0;
};

}  // namespace gloss::indexer
