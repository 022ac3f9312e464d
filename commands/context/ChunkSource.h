// The chunks the context builder reads, one file at a time: a file the editor holds unsaved is
// chunked from that text (indexer::chunkText), any other comes from the index. Files are loaded
// once per build, so the stages can ask for the same file again without another query.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "commands/context/ContextBuilder.h"
#include "indexer/IndexReader.h"

namespace gloss::commands {

// A database failure inside a build; ContextBuilder::build turns it into its error value.
struct ContextDbFailure {
  std::string message;
};

template <typename T>
T valueOrThrow(Expected<T, indexer::DbError> result) {
  if (!result) throw ContextDbFailure{std::move(result).error().message};
  return std::move(result).value();
}

struct FileChunks {
  std::string path;
  std::vector<indexer::ChunkRow> chunks;  // in file order; ids are 0 for unsaved text
  std::vector<indexer::Symbol> symbols;   // every definition in the file
  bool unsaved = false;                   // chunked from the editor's text
  std::uint32_t lineCount = 0;
};

// "function", "method", "class", "outline", "module", "preamble", "text".
const char* chunkKindName(indexer::ChunkKind kind);

// Identifies a chunk for deduplication: its id, or its place when it has none.
std::string chunkKey(const indexer::ChunkRow& row);

class ChunkSource {
 public:
  ChunkSource(indexer::IndexReader& index, const UnsavedText& unsaved)
      : index_(index), unsaved_(unsaved) {}

  indexer::IndexReader& index() { return index_; }

  // nullptr when the file is neither open with unsaved text nor in the index.
  const FileChunks* file(const std::string& path);

  // The chunk whose own code defines `symbol`, else its container's outline, else the smallest
  // chunk holding its name; `ownChunk` says whether the first applied.
  struct Definition {
    indexer::ChunkRow chunk;
    bool ownChunk = false;
  };
  std::optional<Definition> definitionChunk(const indexer::SymbolRow& symbol);

 private:
  indexer::IndexReader& index_;
  const UnsavedText& unsaved_;
  std::map<std::string, std::optional<FileChunks>> files_;
};

// The smallest chunk holding `line` (ties: real code before an outline, then file order), as
// IndexReader::chunkAt picks it; nullptr when no chunk does.
const indexer::ChunkRow* smallestChunkAt(const FileChunks& file, std::uint32_t line);

// The innermost definition whose lines hold [first, last]; nullptr when none does.
const indexer::Symbol* innermostSymbol(const FileChunks& file, std::uint32_t first,
                                       std::uint32_t last);

}  // namespace gloss::commands
