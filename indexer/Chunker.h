// Splits a source file into chunks that follow its structure (DESIGN.md §4) and lists the
// definitions it holds. A `Chunker` owns a tree-sitter parser reused from file to file: keep one
// per thread, no locks needed. The rules are described at the top of Chunker.cpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "indexer/Chunk.h"
#include "indexer/Language.h"

namespace gloss::indexer {

struct ChunkOptions {
  std::size_t maxChunkChars = 1500;  // non-blank characters in a code chunk
  std::size_t maxChunkLines = 60;
  std::size_t textWindowLines = 50;   // plain text and unparsable files
  std::size_t maxChunkBytes = 16384;  // the only reason to cut inside a (very long) line
  // Parse time limit: base plus a share per MiB, after which the file falls back to text
  // windows (tree-sitter is roughly linear, so the limit grows with the file).
  std::uint64_t parseTimeoutMicros = 2'000'000;
  std::uint64_t parseTimeoutMicrosPerMiB = 1'000'000;
};

// Symbol::kind strings produced: "function", "method", "constructor", "class", "struct",
// "enum", "interface", "trait", "impl", "type", "namespace", "module", "macro".
// Symbol::endLine/endColumn is the exclusive end (LSP style); columns count bytes.
// Symbol::parent names the enclosing definition in the same file (empty at top level), so
// Go methods and out-of-line C++ members have no parent even though their qualified names do.
struct ChunkResult {
  std::vector<Chunk> chunks;    // sorted, contiguous, covering the whole file
  std::vector<Symbol> symbols;  // every definition found, in document order
  bool hadSyntaxErrors = false;
  bool parsed = false;  // false: plain text, or the parse failed or timed out (text windows)
};

class Chunker {
 public:
  explicit Chunker(ChunkOptions options = {});
  ~Chunker();
  Chunker(Chunker&&) noexcept;
  Chunker& operator=(Chunker&&) noexcept;
  Chunker(const Chunker&) = delete;
  Chunker& operator=(const Chunker&) = delete;

  ChunkResult chunk(Language language, std::string_view text);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// One-off convenience; builds a parser per call, so loops should keep a Chunker.
ChunkResult chunkFile(Language language, std::string_view text, const ChunkOptions& options = {});

}  // namespace gloss::indexer
