// Fuzzes the tree-sitter chunker (indexer/Chunker) on arbitrary bytes for every grammar and for
// the line-window fallback, checking what DESIGN.md §4 and Chunker.h promise: every byte in
// exactly one chunk (sorted, contiguous, non-empty, covering the input), line numbers that match
// the bytes, Outline chunks and only they carrying outline text, and every symbol inside the
// file with its start, end and name positions where its bytes are.
//
// Input: the first byte picks the language (low four bits, modulo the language count) and, with
// bit 4, a tiny budget so that splitting and merging are reached by small inputs; the rest is
// the file. One Chunker per budget is reused across inputs, as the indexer reuses one per thread.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "indexer/Chunker.h"

namespace {

using namespace gloss::indexer;

void check(bool ok) {
  if (!ok) __builtin_trap();
}

class Lines {
 public:
  explicit Lines(std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i)
      if (text[i] == '\n') newlines_.push_back(static_cast<std::uint32_t>(i));
  }
  // The 0-based line holding byte `at` (or starting at it, for an end position).
  std::uint32_t lineOf(std::uint32_t at) const {
    return static_cast<std::uint32_t>(std::lower_bound(newlines_.begin(), newlines_.end(), at) -
                                      newlines_.begin());
  }
  std::uint32_t columnOf(std::uint32_t at) const {
    std::uint32_t line = lineOf(at);
    return line == 0 ? at : at - newlines_[line - 1] - 1;
  }

 private:
  std::vector<std::uint32_t> newlines_;
};

void checkChunks(const ChunkResult& result, std::string_view text, const Lines& lines) {
  if (text.empty()) return check(result.chunks.empty() && result.symbols.empty());
  check(!result.chunks.empty());
  std::uint32_t pos = 0;
  for (const Chunk& chunk : result.chunks) {
    check(chunk.startByte == pos && chunk.startByte < chunk.endByte);
    check(chunk.endByte <= text.size());
    check(chunk.startLine == lines.lineOf(chunk.startByte));
    check(chunk.endLine == lines.lineOf(chunk.endByte - 1));
    check((chunk.kind == ChunkKind::Outline) == !chunk.outline.empty());
    pos = chunk.endByte;
  }
  check(pos == text.size());
}

void checkSymbols(const ChunkResult& result, std::string_view text, const Lines& lines) {
  for (const Symbol& symbol : result.symbols) {
    check(!symbol.name.empty() && !symbol.kind.empty());
    check(symbol.startByte < symbol.endByte && symbol.endByte <= text.size());
    check(symbol.startLine == lines.lineOf(symbol.startByte));
    check(symbol.startColumn == lines.columnOf(symbol.startByte));
    check(symbol.endLine == lines.lineOf(symbol.endByte));
    check(symbol.endColumn == lines.columnOf(symbol.endByte));
    check(symbol.startLine <= symbol.nameLine && symbol.nameLine <= symbol.endLine);
  }
}

ChunkOptions tinyBudget() {
  ChunkOptions options;
  options.maxChunkChars = 120;
  options.maxChunkLines = 6;
  options.textWindowLines = 4;
  options.maxChunkBytes = 256;
  return options;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static Chunker normal;
  static Chunker tiny(tinyBudget());
  const std::vector<LanguageInfo>& languages = allLanguages();
  Language language = languages[(data[0] & 0x0f) % languages.size()].language;
  Chunker& chunker = (data[0] & 0x10) ? tiny : normal;
  std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  ChunkResult result = chunker.chunk(language, text);
  Lines lines(text);
  checkChunks(result, text, lines);
  checkSymbols(result, text, lines);
  return 0;
}
