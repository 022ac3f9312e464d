// Code blocks in an answer's Markdown: fences by CommonMark's rules, and the file a block is
// meant for, from its info string or from a label on the line before it.
#include <gtest/gtest.h>

#include <string>

#include "commands/chat/CodeBlocks.h"

namespace gloss::commands {
namespace {

TEST(ChatCodeBlocksTest, NoFencesNoBlocks) {
  EXPECT_TRUE(extractCodeBlocks("").empty());
  EXPECT_TRUE(extractCodeBlocks("plain `inline` text\n``not a fence``\n").empty());
}

TEST(ChatCodeBlocksTest, ReadsLanguageAndCode) {
  auto blocks = extractCodeBlocks("Try this:\n\n```python\ndef f():\n    return 1\n```\nDone.");
  ASSERT_EQ(blocks.size(), 1u);
  EXPECT_EQ(blocks[0].language, "python");
  EXPECT_EQ(blocks[0].code, "def f():\n    return 1\n");
  EXPECT_EQ(blocks[0].path, "");
}

TEST(ChatCodeBlocksTest, BlocksComeInOrderWithEitherFenceCharacter) {
  auto blocks = extractCodeBlocks("```\na\n```\ntext\n~~~go\nb\n~~~\n");
  ASSERT_EQ(blocks.size(), 2u);
  EXPECT_EQ(blocks[0].language, "");
  EXPECT_EQ(blocks[0].code, "a\n");
  EXPECT_EQ(blocks[1].language, "go");
  EXPECT_EQ(blocks[1].code, "b\n");
}

TEST(ChatCodeBlocksTest, AnEmptyBlockHasNoCode) {
  auto blocks = extractCodeBlocks("```js\n```");
  ASSERT_EQ(blocks.size(), 1u);
  EXPECT_EQ(blocks[0].code, "");
}

TEST(ChatCodeBlocksTest, AnUnclosedBlockAtTheEndIsKept) {
  auto blocks = extractCodeBlocks("```ts\nconst a = 1;\nconst b");
  ASSERT_EQ(blocks.size(), 1u);
  EXPECT_EQ(blocks[0].code, "const a = 1;\nconst b\n");
  EXPECT_EQ(extractCodeBlocks("```ts\nx\n")[0].code, "x\n");
}

TEST(ChatCodeBlocksTest, ALongerFenceHoldsShorterOnes) {
  auto blocks = extractCodeBlocks("````markdown\n```python\nx\n```\n````\n");
  ASSERT_EQ(blocks.size(), 1u);
  EXPECT_EQ(blocks[0].language, "markdown");
  EXPECT_EQ(blocks[0].code, "```python\nx\n```\n");
}

TEST(ChatCodeBlocksTest, OnlyAMatchingBareFenceCloses) {
  // Too short, the other character, or followed by text: all content.
  auto blocks = extractCodeBlocks("````\na\n```\n~~~~\n```` x\nb\n`````\nafter\n");
  ASSERT_EQ(blocks.size(), 1u);
  EXPECT_EQ(blocks[0].code, "a\n```\n~~~~\n```` x\nb\n");
}

TEST(ChatCodeBlocksTest, ABacktickInTheInfoStringMeansNoFence) {
  EXPECT_TRUE(extractCodeBlocks("``` foo`bar\nx\n```x`\n").empty());
  auto tilde = extractCodeBlocks("~~~ foo`bar\nx\n~~~\n");
  ASSERT_EQ(tilde.size(), 1u);
  EXPECT_EQ(tilde[0].language, "foo`bar");
}

TEST(ChatCodeBlocksTest, IndentedFencesDedentTheirContent) {
  auto blocks = extractCodeBlocks("1. Install:\n   ```sh\n   pip install x\n  y\n     z\n   ```\n");
  ASSERT_EQ(blocks.size(), 1u);
  EXPECT_EQ(blocks[0].language, "sh");
  EXPECT_EQ(blocks[0].code, "pip install x\ny\n  z\n");
  EXPECT_TRUE(extractCodeBlocks("    ```\n    x\n    ```\n").empty());
}

TEST(ChatCodeBlocksTest, CrlfLineEndsAreNotPartOfTheCode) {
  auto blocks = extractCodeBlocks("```c\r\nint x;\r\n```\r\n");
  ASSERT_EQ(blocks.size(), 1u);
  EXPECT_EQ(blocks[0].language, "c");
  EXPECT_EQ(blocks[0].code, "int x;\n");
}

TEST(ChatCodeBlocksTest, InfoStringsGiveFileNames) {
  struct Case {
    const char* info;
    const char* language;
    const char* path;
  };
  for (const Case& c : {
           Case{"ts title=\"x.test.ts\"", "ts", "x.test.ts"},
           Case{"ts title='src/x.test.ts' linenums", "ts", "src/x.test.ts"},
           Case{"js filename=a.js", "js", "a.js"},
           Case{"tests/test_x.py", "python", "tests/test_x.py"},
           Case{"python:tests/test_x.py", "python", "tests/test_x.py"},
           Case{"python tests/test_x.py", "python", "tests/test_x.py"},
           Case{"CMakeLists.txt", "cmake", "CMakeLists.txt"},
           Case{"python title=\"Example\"", "python", ""},
           Case{"python {linenos=true}", "python", ""},
           Case{"c++", "c++", ""},
       }) {
    auto blocks = extractCodeBlocks(std::string("```") + c.info + "\nx\n```\n");
    ASSERT_EQ(blocks.size(), 1u) << c.info;
    EXPECT_EQ(blocks[0].language, c.language) << c.info;
    EXPECT_EQ(blocks[0].path, c.path) << c.info;
  }
}

TEST(ChatCodeBlocksTest, ALabelLineBeforeTheFenceGivesTheFileName) {
  for (const char* label :
       {"**tests/test_x.py**", "File: tests/test_x.py", "`tests/test_x.py`:", "### tests/test_x.py",
        "**File:** `tests/test_x.py`", "- `tests/test_x.py`", "Filename: tests/test_x.py",
        "tests/test_x.py:"}) {
    auto blocks = extractCodeBlocks(std::string("Intro.\n") + label + "\n```python\nx\n```\n");
    ASSERT_EQ(blocks.size(), 1u) << label;
    EXPECT_EQ(blocks[0].path, "tests/test_x.py") << label;
    EXPECT_EQ(blocks[0].language, "python") << label;
  }
}

TEST(ChatCodeBlocksTest, OneBlankLineMayFollowTheLabel) {
  auto blocks = extractCodeBlocks("**src/app.ts**\n\n```\nx\n```\n");
  ASSERT_EQ(blocks.size(), 1u);
  EXPECT_EQ(blocks[0].path, "src/app.ts");
  EXPECT_EQ(blocks[0].language, "typescript");  // from the name, since the fence has none
  EXPECT_EQ(extractCodeBlocks("**src/app.ts**\n\n\n```\nx\n```\n")[0].path, "");
}

TEST(ChatCodeBlocksTest, SentencesAndExcerptsAreNotLabels) {
  for (const char* line : {"Here's the updated `config.py`:", "See src/x.py:10-20", "src/x.py:10",
                           "This is it", "https://example.com/x.py"}) {
    auto blocks = extractCodeBlocks(std::string(line) + "\n```python\nx\n```\n");
    ASSERT_EQ(blocks.size(), 1u) << line;
    EXPECT_EQ(blocks[0].path, "") << line;
  }
}

TEST(ChatCodeBlocksTest, TheInfoStringWinsOverALabel) {
  auto blocks = extractCodeBlocks("**a.py**\n```python:b.py\nx\n```\n");
  ASSERT_EQ(blocks.size(), 1u);
  EXPECT_EQ(blocks[0].path, "b.py");
}

TEST(ChatCodeBlocksTest, APreviousBlocksContentIsNeverALabel) {
  auto adjacent = extractCodeBlocks("```\nfoo.py\n```\n```python\nx\n```\n");
  ASSERT_EQ(adjacent.size(), 2u);
  EXPECT_EQ(adjacent[1].path, "");
  auto spaced = extractCodeBlocks("```\nfoo.py\n```\n\n```python\nx\n```\n");
  ASSERT_EQ(spaced.size(), 2u);
  EXPECT_EQ(spaced[1].path, "");
}

TEST(ChatCodeBlocksTest, EachBlockGetsItsOwnLabel) {
  auto blocks = extractCodeBlocks(
      "**src/a.go**\n```go\npackage a\n```\n\n**src/a_test.go**\n```go\npackage a\n```\n");
  ASSERT_EQ(blocks.size(), 2u);
  EXPECT_EQ(blocks[0].path, "src/a.go");
  EXPECT_EQ(blocks[1].path, "src/a_test.go");
}

TEST(ChatCodeBlocksTest, AMegabyteOfBlocksIsRead) {
  std::string markdown;
  std::size_t count = 0;
  for (; markdown.size() < (1u << 20); ++count)
    markdown += "`f" + std::to_string(count) + ".py`:\n```\nx\n```\n";
  auto blocks = extractCodeBlocks(markdown);
  ASSERT_EQ(blocks.size(), count);
  EXPECT_EQ(blocks.back().path, "f" + std::to_string(count - 1) + ".py");
  std::string longFence(1 << 20, '~');
  auto unclosed = extractCodeBlocks(longFence + "\ncode\n~~~\n");
  ASSERT_EQ(unclosed.size(), 1u);
  EXPECT_EQ(unclosed[0].code, "code\n~~~\n");
}

}  // namespace
}  // namespace gloss::commands
