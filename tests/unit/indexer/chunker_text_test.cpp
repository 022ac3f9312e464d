#include <gtest/gtest.h>

#include "chunker_test_helpers.h"

namespace gloss::indexer {
namespace {

using testing::expectChunks;
using testing::expectPartition;
using K = ChunkKind;

TEST(ChunkerText, WindowsCutAtParagraphBreaks) {
  std::string text = testing::readChunkerData("notes.txt");
  ChunkOptions options;
  options.textWindowLines = 6;
  ChunkResult result = chunkFile(Language::Text, text, options);
  expectPartition(result, text);
  EXPECT_FALSE(result.parsed);
  EXPECT_TRUE(result.symbols.empty());
  // Six-line windows would end mid-paragraph; each cut moves back to the blank line.
  expectChunks(result, {
                           {0, 4, K::Text, "", "", "", ""},
                           {5, 9, K::Text, "", "", "", ""},
                           {10, 12, K::Text, "", "", "", ""},
                       });
}

TEST(ChunkerText, DefaultWindowHoldsASmallFile) {
  std::string text = testing::readChunkerData("notes.txt");
  ChunkResult result = chunkFile(Language::Text, text);
  expectPartition(result, text);
  expectChunks(result, {{0, 12, K::Text, "", "", "", ""}});
}

TEST(ChunkerText, OverlongLineIsCutAtTheByteLimit) {
  std::string text(100000, 'x');
  ChunkResult result = chunkFile(Language::Text, text);
  expectPartition(result, text);
  ASSERT_EQ(result.chunks.size(), 7u);  // 16 KiB pieces
  EXPECT_EQ(result.chunks[0].endByte, 16384u);
}

TEST(ChunkerText, EmptyFileHasNoChunksInAnyLanguage) {
  for (const LanguageInfo& info : allLanguages()) {
    SCOPED_TRACE(std::string(info.name));
    ChunkResult result = chunkFile(info.language, "");
    EXPECT_TRUE(result.chunks.empty());
    EXPECT_TRUE(result.symbols.empty());
  }
}

TEST(ChunkerText, BlankFileIsOneChunk) {
  std::string text = "\n\n   \n";
  ChunkResult result = chunkFile(Language::Python, text);
  expectPartition(result, text);
  expectChunks(result, {{0, 2, K::Preamble, "", "", "", ""}});
}

TEST(ChunkerText, LeadingBlankLinesJoinTheFirstDefinition) {
  std::string text = "\n\nfunc f() {}";  // no final newline either
  ChunkResult result = chunkFile(Language::Go, text);
  expectPartition(result, text);
  expectChunks(result, {{0, 2, K::Function, "f", "f", "", "func f()"}});
}

TEST(ChunkerText, OversizedGlueIsSplitWithinBudget) {
  std::string text;
  for (int i = 0; i < 200; ++i) text += "import module_" + std::to_string(i) + "\n";
  text += "\ndef main():\n    pass\n";
  ChunkResult result = chunkFile(Language::Python, text);
  expectPartition(result, text);
  ASSERT_GE(result.chunks.size(), 5u);
  for (std::size_t i = 0; i + 1 < result.chunks.size(); ++i) {
    EXPECT_EQ(result.chunks[i].kind, K::Preamble);
    EXPECT_LE(result.chunks[i].endLine - result.chunks[i].startLine + 1, 60u);
  }
  EXPECT_EQ(result.chunks.back().symbol, "main");
}

TEST(ChunkerText, ReusedChunkerMatchesAFreshOne) {
  std::string python = testing::readChunkerData("sample.py");
  std::string c = testing::readChunkerData("sample.c");
  Chunker chunker;
  chunker.chunk(Language::C, c);
  chunker.chunk(Language::Text, python);
  ChunkResult reused = chunker.chunk(Language::Python, python);
  ChunkResult fresh = chunkFile(Language::Python, python);
  ASSERT_EQ(reused.chunks.size(), fresh.chunks.size());
  for (std::size_t i = 0; i < fresh.chunks.size(); ++i) {
    EXPECT_EQ(reused.chunks[i].startByte, fresh.chunks[i].startByte);
    EXPECT_EQ(reused.chunks[i].qualifiedName, fresh.chunks[i].qualifiedName);
  }
  EXPECT_EQ(reused.symbols.size(), fresh.symbols.size());
}

TEST(ChunkerText, ParseTimeoutFallsBackToTextWindows) {
  std::string text;
  for (int i = 0; i < 20000; ++i) text += "int f" + std::to_string(i) + "(void) { return 0; }\n";
  ChunkOptions options;
  options.parseTimeoutMicros = 1;  // far too short for 600 KB: the parse must give up
  options.parseTimeoutMicrosPerMiB = 0;
  Chunker chunker(options);
  ChunkResult result = chunker.chunk(Language::C, text);
  expectPartition(result, text);
  EXPECT_FALSE(result.parsed);
  EXPECT_EQ(result.chunks.front().kind, K::Text);
  // The parser starts afresh afterwards instead of resuming the abandoned parse.
  std::string small = "int g(void) { return 1; }\n";
  ChunkResult next = chunker.chunk(Language::C, small);
  expectPartition(next, small);
  EXPECT_TRUE(next.parsed);
  ASSERT_EQ(next.symbols.size(), 1u);
  EXPECT_EQ(next.symbols[0].name, "g");
}

}  // namespace
}  // namespace gloss::indexer
