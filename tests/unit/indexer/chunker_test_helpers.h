// Shared checks for the chunker tests: loading golden sources, the partition invariant, and
// compact expectations for chunk lists and symbols.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "indexer/Chunker.h"

namespace gloss::indexer::testing {

inline std::string readChunkerData(const std::string& name) {
  std::ifstream in(std::string(GLOSS_TEST_DATA_DIR) + "/chunker/" + name, std::ios::binary);
  EXPECT_TRUE(in.good()) << "missing test data " << name;
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// Line numbers by counting newlines, independently of the chunker's own bookkeeping.
class LineCounter {
 public:
  explicit LineCounter(std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\n') newlines_.push_back(static_cast<std::uint32_t>(i));
    }
  }
  std::uint32_t lineAt(std::uint32_t byte) const {
    return static_cast<std::uint32_t>(std::lower_bound(newlines_.begin(), newlines_.end(), byte) -
                                      newlines_.begin());
  }

 private:
  std::vector<std::uint32_t> newlines_;
};

// Every byte in exactly one chunk: sorted, contiguous, non-empty, covering the text, with line
// numbers that match the bytes; symbols inside the file with their name inside their range.
inline void expectPartition(const ChunkResult& result, std::string_view text) {
  if (text.empty()) {
    EXPECT_TRUE(result.chunks.empty());
    return;
  }
  ASSERT_FALSE(result.chunks.empty());
  LineCounter lines(text);
  std::uint32_t pos = 0;
  for (const Chunk& chunk : result.chunks) {
    ASSERT_EQ(chunk.startByte, pos) << "gap or overlap before chunk at line " << chunk.startLine;
    ASSERT_LT(chunk.startByte, chunk.endByte) << "empty chunk at byte " << pos;
    ASSERT_LE(chunk.endByte, text.size());
    EXPECT_EQ(chunk.startLine, lines.lineAt(chunk.startByte));
    EXPECT_EQ(chunk.endLine, lines.lineAt(chunk.endByte - 1));
    EXPECT_EQ(chunk.kind == ChunkKind::Outline, !chunk.outline.empty());
    pos = chunk.endByte;
  }
  EXPECT_EQ(pos, text.size());
  for (const Symbol& symbol : result.symbols) {
    EXPECT_LT(symbol.startByte, symbol.endByte) << symbol.qualifiedName;
    EXPECT_LE(symbol.endByte, text.size()) << symbol.qualifiedName;
    EXPECT_EQ(symbol.startLine, lines.lineAt(symbol.startByte)) << symbol.qualifiedName;
    EXPECT_LE(symbol.startLine, symbol.nameLine) << symbol.qualifiedName;
    EXPECT_LE(symbol.nameLine, symbol.endLine) << symbol.qualifiedName;
  }
}

struct ExpectedChunk {
  std::uint32_t startLine;
  std::uint32_t endLine;
  ChunkKind kind;
  std::string symbol;
  std::string qualifiedName;
  std::string parent;
  std::string signature;
};

inline std::string describe(const Chunk& c) {
  std::ostringstream out;
  out << "[" << c.startLine << "-" << c.endLine << "] kind=" << static_cast<int>(c.kind)
      << " symbol=" << c.symbol << " qualified=" << c.qualifiedName << " parent=" << c.parent
      << " signature=<" << c.signature << ">";
  return out.str();
}

inline void expectChunks(const ChunkResult& result, const std::vector<ExpectedChunk>& expected) {
  ASSERT_EQ(result.chunks.size(), expected.size()) << [&] {
    std::string all;
    for (const Chunk& c : result.chunks) all += describe(c) + "\n";
    return all;
  }();
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const Chunk& c = result.chunks[i];
    const ExpectedChunk& e = expected[i];
    SCOPED_TRACE("chunk " + std::to_string(i) + ": " + describe(c));
    EXPECT_EQ(c.startLine, e.startLine);
    EXPECT_EQ(c.endLine, e.endLine);
    EXPECT_EQ(c.kind, e.kind);
    EXPECT_EQ(c.symbol, e.symbol);
    EXPECT_EQ(c.qualifiedName, e.qualifiedName);
    EXPECT_EQ(c.parent, e.parent);
    EXPECT_EQ(c.signature, e.signature);
  }
}

struct ExpectedSymbol {
  std::string qualifiedName;
  std::string kind;
  std::string parent;
  std::uint32_t startLine;
  std::uint32_t nameLine;
};

inline void expectSymbols(const ChunkResult& result, const std::vector<ExpectedSymbol>& expected) {
  ASSERT_EQ(result.symbols.size(), expected.size()) << [&] {
    std::string all;
    for (const Symbol& s : result.symbols) all += s.kind + " " + s.qualifiedName + "\n";
    return all;
  }();
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const Symbol& s = result.symbols[i];
    SCOPED_TRACE("symbol " + std::to_string(i) + ": " + s.qualifiedName);
    EXPECT_EQ(s.qualifiedName, expected[i].qualifiedName);
    EXPECT_EQ(s.kind, expected[i].kind);
    EXPECT_EQ(s.parent, expected[i].parent);
    EXPECT_EQ(s.startLine, expected[i].startLine);
    EXPECT_EQ(s.nameLine, expected[i].nameLine);
  }
}

inline ChunkOptions smallBudget(std::size_t maxLines) {
  ChunkOptions options;
  options.maxChunkLines = maxLines;
  return options;
}

}  // namespace gloss::indexer::testing
