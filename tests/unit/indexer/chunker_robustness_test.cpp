// Hostile inputs for every grammar: the chunker must neither crash nor hang, and the partition
// invariant must hold whatever the tree looks like.
#include <gtest/gtest.h>

#include <random>

#include "chunker_test_helpers.h"

namespace gloss::indexer {
namespace {

using testing::expectPartition;

const std::vector<std::string>& goldenFiles() {
  static const std::vector<std::string> files = {
      testing::readChunkerData("sample.py"),   testing::readChunkerData("sample.js"),
      testing::readChunkerData("sample.ts"),   testing::readChunkerData("sample.tsx"),
      testing::readChunkerData("sample.c"),    testing::readChunkerData("sample.cpp"),
      testing::readChunkerData("sample.go"),   testing::readChunkerData("sample.rs"),
      testing::readChunkerData("Sample.java"), testing::readChunkerData("notes.txt"),
  };
  return files;
}

// Small budgets force outlines and windows everywhere, so those paths see the damage too.
ChunkOptions tightBudget() {
  ChunkOptions options;
  options.maxChunkChars = 120;
  options.maxChunkLines = 5;
  return options;
}

void chunkEverywhere(const std::string& text, const std::string& what, bool tightToo = true) {
  for (const LanguageInfo& info : allLanguages()) {
    SCOPED_TRACE(what + " as " + std::string(info.name));
    Chunker chunker;
    expectPartition(chunker.chunk(info.language, text), text);
    if (!tightToo) continue;
    Chunker tight(tightBudget());
    expectPartition(tight.chunk(info.language, text), text);
  }
}

TEST(ChunkerRobustness, GoldenFilesInEveryGrammar) {
  for (const std::string& text : goldenFiles()) chunkEverywhere(text, text.substr(0, 30));
}

TEST(ChunkerRobustness, TruncatedPrefixes) {
  std::vector<Chunker> chunkers;
  for (std::size_t i = 0; i < allLanguages().size(); ++i) chunkers.emplace_back(tightBudget());
  for (const std::string& text : goldenFiles()) {
    for (std::size_t cut = 1; cut < text.size(); cut += 29) {
      std::string prefix = text.substr(0, cut);
      for (const LanguageInfo& info : allLanguages()) {
        SCOPED_TRACE(std::string(info.name) + " cut at " + std::to_string(cut));
        Chunker& chunker = chunkers[static_cast<std::size_t>(info.language)];
        ASSERT_NO_FATAL_FAILURE(expectPartition(chunker.chunk(info.language, prefix), prefix));
      }
    }
  }
}

TEST(ChunkerRobustness, RandomBytes) {
  std::mt19937 random(20240611);
  std::uniform_int_distribution<int> byte(0, 255);
  for (int round = 0; round < 3; ++round) {
    std::string text(3000, '\0');
    for (char& c : text) c = static_cast<char>(byte(random));
    chunkEverywhere(text, "random round " + std::to_string(round));
  }
}

TEST(ChunkerRobustness, RandomCodeTokens) {
  const std::vector<std::string> tokens = {
      "{",        "}",        "(",          ")",          "[",       "]",
      ";",        "\n",       "  ",         "def ",       "class ",  "fn ",
      "func ",    "struct ",  "impl ",      "namespace ", "export ", "template <class T> ",
      "@dec\n",   "#[a]\n",   "// c\n",     "/* c */",    "# c\n",   "\"s\"",
      "'",        "x",        "Foo::bar",   "=>",         ":",       "=",
      "\t",       "public ",  "interface ", "type ",      "mod ",    "#ifdef X\n",
      "#endif\n", "\xC3\xA9", "\xFF"};
  std::mt19937 random(7);
  std::uniform_int_distribution<std::size_t> pick(0, tokens.size() - 1);
  for (int round = 0; round < 3; ++round) {
    std::string text;
    for (int i = 0; i < 1000; ++i) text += tokens[pick(random)];
    chunkEverywhere(text, "tokens round " + std::to_string(round));
  }
}

TEST(ChunkerRobustness, DeeplyNestedBrackets) {
  // Parses this deep end in text windows, so one budget is enough.
  chunkEverywhere(std::string(100000, '{'), "100k {", false);
  chunkEverywhere(std::string(30000, '(') + std::string(30000, ')'), "balanced parens", false);
  std::string nested;
  for (int i = 0; i < 2000; ++i) nested += "class C" + std::to_string(i) + " {\n";
  chunkEverywhere(nested, "unclosed classes");
}

// Inputs that crash tree-sitter 0.20.7 itself when parsed unguarded (a node with 65536 or more
// children); the parse guard must cancel them, leaving line windows.
TEST(ChunkerRobustness, RuntimeCrashShapesFallBackToWindows) {
  std::string unclosedIfs;
  for (int i = 0; i < 70000; ++i) unclosedIfs += "#if X\n";
  std::string brokenDefs;
  for (int i = 0; i < 40000; ++i) brokenDefs += "def f(:\n";
  std::string strings;
  for (int i = 0; i < 100000; ++i) strings += "\"a\" ";
  const std::pair<Language, std::string> cases[] = {
      {Language::Python, std::string(100000, '{')},
      {Language::Java, std::string(100000, '{')},
      {Language::C, unclosedIfs},
      {Language::Go, brokenDefs},
      {Language::Go, strings},
  };
  Chunker chunker;
  for (const auto& [language, text] : cases) {
    SCOPED_TRACE(std::string(languageInfo(language).name) + " " + text.substr(0, 12));
    ChunkResult result = chunker.chunk(language, text);
    expectPartition(result, text);
    EXPECT_FALSE(result.parsed);
    EXPECT_EQ(result.chunks.front().kind, ChunkKind::Text);
  }
}

TEST(ChunkerRobustness, GuardLetsLargeValidFilesParse) {
  std::string text;
  for (int i = 0; i < 20000; ++i) {
    text += "static int f" + std::to_string(i) + "(int a) {\n\treturn a * " + std::to_string(i) +
            ";\n}\n\n";
  }
  // The structural guard is under test, not the time limit: a slow machine (a sanitizer build,
  // a loaded CI runner) must not turn this into a timeout.
  ChunkOptions options;
  options.parseTimeoutMicros = 600'000'000;
  ChunkResult result = chunkFile(Language::C, text, options);
  expectPartition(result, text);
  EXPECT_TRUE(result.parsed);
  EXPECT_FALSE(result.hadSyntaxErrors);
  EXPECT_EQ(result.symbols.size(), 20000u);
}

TEST(ChunkerRobustness, InvalidUtf8AndNulBytes) {
  std::string text = testing::readChunkerData("sample.py");
  for (std::size_t i = 5; i < text.size(); i += 37) text[i] = static_cast<char>(0xC0 + i % 64);
  chunkEverywhere(text, "invalid utf-8");
  std::string nul = testing::readChunkerData("sample.c");
  for (std::size_t i = 3; i < nul.size(); i += 29) nul[i] = '\0';
  chunkEverywhere(nul, "nul bytes");
}

TEST(ChunkerRobustness, SyntaxErrorsStillChunk) {
  std::string text = testing::readChunkerData("sample.py");
  text.insert(text.find("class Greeter"), "def broken(:\n    )))\n\n");
  ChunkResult result = chunkFile(Language::Python, text);
  expectPartition(result, text);
  EXPECT_TRUE(result.parsed);
  EXPECT_TRUE(result.hadSyntaxErrors);
  bool foundGreeter = false;
  for (const Symbol& symbol : result.symbols) foundGreeter |= symbol.qualifiedName == "Greeter";
  EXPECT_TRUE(foundGreeter);
}

TEST(ChunkerRobustness, HugeSingleLine) {
  std::string statement = "function f(a){return a+1};var x=[1,2,3];";
  std::string text;
  while (text.size() < 400'000) text += statement;
  Chunker chunker;
  ChunkResult result = chunker.chunk(Language::JavaScript, text);
  expectPartition(result, text);
  for (const Chunk& chunk : result.chunks) {
    ASSERT_LE(chunk.endByte - chunk.startByte, 16384u + 256u);
  }
  std::string plain(10'000'000, 'a');  // one 10 MB line
  for (Language language : {Language::C, Language::Python, Language::Text}) {
    expectPartition(chunker.chunk(language, plain), plain);
  }
}

}  // namespace
}  // namespace gloss::indexer
