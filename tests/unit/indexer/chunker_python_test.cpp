#include <gtest/gtest.h>

#include "chunker_test_helpers.h"

namespace gloss::indexer {
namespace {

using testing::expectChunks;
using testing::expectPartition;
using testing::expectSymbols;
using K = ChunkKind;

std::string_view chunkText(std::string_view text, const Chunk& chunk) {
  return text.substr(chunk.startByte, chunk.endByte - chunk.startByte);
}

TEST(ChunkerPython, GoldenChunks) {
  std::string text = testing::readChunkerData("sample.py");
  ChunkResult result = chunkFile(Language::Python, text);
  expectPartition(result, text);
  EXPECT_TRUE(result.parsed);
  EXPECT_FALSE(result.hadSyntaxErrors);
  expectChunks(
      result,
      {
          {0, 7, K::Preamble, "", "", "", ""},
          {8, 16, K::Function, "greet", "greet", "", "def greet(name: str = DEFAULT_NAME) -> str"},
          {17, 24, K::Function, "cached_square", "cached_square", "", "def cached_square(value)"},
          {25, 38, K::Class, "Greeter", "Greeter", "", "class Greeter(Base)"},
          {39, 42, K::Function, "one", "one", "", "def one()"},  // two() merged in: both tiny
          {43, 48, K::Function, "fetch", "fetch", "", "async def fetch(url, timeout=10)"},
          {49, 50, K::Preamble, "", "", "", ""},
      });
}

TEST(ChunkerPython, SymbolsIncludeMergedMembers) {
  std::string text = testing::readChunkerData("sample.py");
  ChunkResult result = chunkFile(Language::Python, text);
  expectSymbols(result, {
                            {"greet", "function", "", 8, 10},
                            {"cached_square", "function", "", 17, 19},
                            {"Greeter", "class", "", 25, 25},
                            {"Greeter.__init__", "method", "Greeter", 30, 30},
                            {"Greeter.upper_name", "method", "Greeter", 34, 35},
                            {"one", "function", "", 39, 39},
                            {"two", "function", "", 40, 40},
                            {"fetch", "function", "", 43, 43},
                        });
  const Symbol& upper = result.symbols[4];
  EXPECT_EQ(upper.name, "upper_name");
  EXPECT_EQ(upper.signature, "def upper_name(self)");
  EXPECT_EQ(upper.nameColumn, 8u);
  EXPECT_EQ(upper.startColumn, 4u);
  EXPECT_EQ(upper.endLine, 36u);
}

TEST(ChunkerPython, CommentsAndDecoratorsTravelWithTheDefinition) {
  std::string text = testing::readChunkerData("sample.py");
  ChunkResult result = chunkFile(Language::Python, text);
  ASSERT_GE(result.chunks.size(), 3u);
  EXPECT_TRUE(chunkText(text, result.chunks[1]).starts_with("# Returns the greeting for a name."));
  EXPECT_TRUE(chunkText(text, result.chunks[2]).starts_with("@functools.lru_cache"));
}

TEST(ChunkerPython, CommentSeparatedByABlankLineStaysGlue) {
  std::string text = "# detached\n\ndef f():\n    pass\n";
  ChunkResult result = chunkFile(Language::Python, text);
  expectPartition(result, text);
  expectChunks(result, {
                           {0, 1, K::Preamble, "", "", "", ""},
                           {2, 3, K::Function, "f", "f", "", "def f()"},
                       });
}

TEST(ChunkerPython, LargeClassBecomesOutlineAndMembers) {
  std::string text = testing::readChunkerData("sample.py");
  ChunkResult result = chunkFile(Language::Python, text, testing::smallBudget(10));
  expectPartition(result, text);
  expectChunks(
      result,
      {
          {0, 7, K::Preamble, "", "", "", ""},
          {8, 16, K::Function, "greet", "greet", "", "def greet(name: str = DEFAULT_NAME) -> str"},
          {17, 24, K::Function, "cached_square", "cached_square", "", "def cached_square(value)"},
          {25, 29, K::Outline, "Greeter", "Greeter", "", "class Greeter(Base)"},
          {30, 33, K::Method, "__init__", "Greeter.__init__", "Greeter",
           "def __init__(self, name)"},
          {34, 38, K::Method, "upper_name", "Greeter.upper_name", "Greeter",
           "def upper_name(self)"},
          {39, 42, K::Function, "one", "one", "", "def one()"},
          {43, 48, K::Function, "fetch", "fetch", "", "async def fetch(url, timeout=10)"},
          {49, 50, K::Preamble, "", "", "", ""},
      });
  const std::string& outline = result.chunks[3].outline;
  EXPECT_EQ(outline,
            "class Greeter(Base):\n"
            "    \"\"\"Greets people by name.\"\"\"\n"
            "    greeting = \"Hello\"\n"
            "    def __init__(self, name): ...\n"
            "    def upper_name(self): ...\n");
  EXPECT_EQ(outline.find("self.name = name"), std::string::npos);
  EXPECT_EQ(outline.find("upper()"), std::string::npos);
}

TEST(ChunkerPython, LargeFunctionIsCutIntoWindowsAtStatements) {
  std::string text = "def big(values):\n";
  for (int i = 0; i < 150; ++i) {
    text += "    total_" + std::to_string(i) + " = compute(values, " + std::to_string(i) + ")\n";
  }
  text += "    return total_0\n";
  ChunkResult result = chunkFile(Language::Python, text);
  expectPartition(result, text);
  ASSERT_GE(result.chunks.size(), 3u);
  for (const Chunk& chunk : result.chunks) {
    SCOPED_TRACE(testing::describe(chunk));
    EXPECT_EQ(chunk.kind, K::Function);
    EXPECT_EQ(chunk.symbol, "big");
    EXPECT_EQ(chunk.signature, "def big(values)");
    EXPECT_LE(chunk.endLine - chunk.startLine + 1, 60u);
    std::string_view body = chunkText(text, chunk);
    std::size_t nonBlank =
        std::count_if(body.begin(), body.end(), [](char c) { return c != ' ' && c != '\n'; });
    EXPECT_LE(nonBlank, 1500u);
    // Each window starts at a statement (or the definition), never inside a line.
    EXPECT_TRUE(body.starts_with("def big") || body.starts_with("    total_") ||
                body.starts_with("    return"));
  }
}

}  // namespace
}  // namespace gloss::indexer
