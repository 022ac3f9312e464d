// Per-build file loading for the context builder (ChunkSource.h).
#include "commands/context/ChunkSource.h"

#include <algorithm>

#include "indexer/OverlayChunks.h"

namespace gloss::commands {
namespace {

using indexer::ChunkKind;
using indexer::ChunkRow;

FileChunks fromUnsavedText(const std::string& path, const std::string& text) {
  indexer::ChunkResult result = indexer::chunkText(path, text);
  FileChunks file;
  file.path = path;
  file.unsaved = true;
  file.symbols = std::move(result.symbols);
  for (indexer::Chunk& chunk : result.chunks) {
    ChunkRow row;
    row.path = path;
    row.text = chunk.kind == ChunkKind::Outline
                   ? chunk.outline
                   : text.substr(chunk.startByte, chunk.endByte - chunk.startByte);
    chunk.outline.clear();
    row.chunk = std::move(chunk);
    file.chunks.push_back(std::move(row));
  }
  file.lineCount = static_cast<std::uint32_t>(std::count(text.begin(), text.end(), '\n'));
  if (!text.empty() && text.back() != '\n') ++file.lineCount;
  return file;
}

std::uint32_t span(const ChunkRow& row) {
  return row.chunk.endLine - row.chunk.startLine;
}

}  // namespace

const char* chunkKindName(ChunkKind kind) {
  switch (kind) {
    case ChunkKind::Function:
      return "function";
    case ChunkKind::Method:
      return "method";
    case ChunkKind::Class:
      return "class";
    case ChunkKind::Outline:
      return "outline";
    case ChunkKind::Module:
      return "module";
    case ChunkKind::Preamble:
      return "preamble";
    case ChunkKind::Text:
      return "text";
  }
  return "text";
}

std::string chunkKey(const ChunkRow& row) {
  if (row.id != 0) return "#" + std::to_string(row.id);
  return row.path + ":" + std::to_string(row.chunk.startLine) + "-" +
         std::to_string(row.chunk.endLine) + ":" + chunkKindName(row.chunk.kind);
}

const FileChunks* ChunkSource::file(const std::string& path) {
  auto found = files_.find(path);
  if (found != files_.end()) return found->second ? &*found->second : nullptr;
  std::optional<FileChunks> loaded;
  std::optional<std::string> text = unsaved_ ? unsaved_(path) : std::nullopt;
  if (text) {
    loaded = fromUnsavedText(path, *text);
  } else {
    auto chunks = valueOrThrow(index_.chunksOfFile(path));
    if (!chunks.empty() || valueOrThrow(index_.fileStamp(path))) {
      loaded.emplace();
      loaded->path = path;
      for (const ChunkRow& row : chunks)
        loaded->lineCount = std::max(loaded->lineCount, row.chunk.endLine + 1);
      loaded->chunks = std::move(chunks);
      for (indexer::SymbolRow& row : valueOrThrow(index_.symbolsOfFile(path)))
        loaded->symbols.push_back(std::move(row.symbol));
    }
  }
  auto [it, inserted] = files_.emplace(path, std::move(loaded));
  return it->second ? &*it->second : nullptr;
}

std::optional<ChunkSource::Definition> ChunkSource::definitionChunk(
    const indexer::SymbolRow& symbol) {
  const FileChunks* source = file(symbol.path);
  if (!source) return std::nullopt;
  const std::string& qualified = symbol.symbol.qualifiedName;
  std::uint32_t line = symbol.symbol.nameLine;
  if (source->unsaved) {
    // The index's line numbers may be stale for an edited file: find the name again.
    for (const indexer::Symbol& current : source->symbols) {
      if (current.qualifiedName == qualified && current.kind == symbol.symbol.kind) {
        line = current.nameLine;
        break;
      }
    }
  }
  const ChunkRow* own = nullptr;
  const ChunkRow* outline = nullptr;
  for (const ChunkRow& row : source->chunks) {
    if (row.chunk.qualifiedName != qualified) continue;
    if (row.chunk.kind == ChunkKind::Outline) {
      if (!outline) outline = &row;
    } else if (!own || (row.chunk.startLine <= line && line <= row.chunk.endLine)) {
      own = &row;
    }
  }
  if (own) return Definition{*own, true};
  if (outline) return Definition{*outline, false};
  if (const ChunkRow* at = smallestChunkAt(*source, line)) return Definition{*at, false};
  return std::nullopt;
}

const ChunkRow* smallestChunkAt(const FileChunks& file, std::uint32_t line) {
  const ChunkRow* best = nullptr;
  for (const ChunkRow& row : file.chunks) {
    if (row.chunk.startLine > line || row.chunk.endLine < line) continue;
    if (!best || span(row) < span(*best) ||
        (span(row) == span(*best) && best->chunk.kind == ChunkKind::Outline &&
         row.chunk.kind != ChunkKind::Outline)) {
      best = &row;
    }
  }
  return best;
}

const indexer::Symbol* innermostSymbol(const FileChunks& file, std::uint32_t first,
                                       std::uint32_t last) {
  const indexer::Symbol* best = nullptr;
  for (const indexer::Symbol& symbol : file.symbols) {
    // endLine is exclusive-style (LSP): a definition ending at column 0 does not hold that line.
    std::uint32_t end = symbol.endColumn == 0 && symbol.endLine > symbol.startLine
                            ? symbol.endLine - 1
                            : symbol.endLine;
    if (symbol.startLine > first || end < last) continue;
    if (!best || symbol.startByte >= best->startByte) best = &symbol;
  }
  return best;
}

}  // namespace gloss::commands
