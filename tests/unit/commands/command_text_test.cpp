// The small text pieces the commands share: Markdown fences that cannot be broken out of,
// target specs as users type them, and doc comments as chunks hold them.
#include <gtest/gtest.h>

#include "commands/DocComments.h"
#include "commands/Markdown.h"
#include "commands/TargetSpec.h"

namespace gloss::commands {
namespace {

TEST(Markdown, FencesOutgrowTheLongestBacktickRun) {
  EXPECT_EQ(fenceFor("plain"), "```");
  EXPECT_EQ(fenceFor("has ``` inside"), "````");
  EXPECT_EQ(codeBlock("python", "x = 1"), "```python\nx = 1\n```\n");
  EXPECT_EQ(inlineCode("a`b"), "``a`b``");
  EXPECT_EQ(inlineCode("`x"), "`` `x ``");
}

TEST(Markdown, PathsAreShownRelativeToTheRoot) {
  EXPECT_EQ(relativeTo("/ws/src/a.py", "/ws"), "src/a.py");
  EXPECT_EQ(relativeTo("/ws2/a.py", "/ws"), "/ws2/a.py");
  EXPECT_EQ(relativeTo("/ws", "/ws"), ".");
  EXPECT_EQ(location("/ws/a.py", "/ws", 9, 41), "a.py:10-42");
  EXPECT_EQ(location("/ws/a.py", "/ws", 9, 9), "a.py:10");
  EXPECT_EQ(fenceLanguage("x/y.go"), "go");
  EXPECT_EQ(fenceLanguage("notes.unknownext"), "");
}

TEST(TargetSpec, PathsLinesRangesAndSymbols) {
  TargetSpec a = parseTargetSpec("src/x.py:42");
  EXPECT_EQ(a.path, "src/x.py");
  EXPECT_EQ(a.line, 41u);
  EXPECT_FALSE(a.endLine);
  TargetSpec b = parseTargetSpec("src/x.py:10-20");
  EXPECT_EQ(b.line, 9u);
  EXPECT_EQ(b.endLine, 19u);
  TargetSpec c = parseTargetSpec("x.go#L5-L7");
  EXPECT_EQ(c.path, "x.go");
  EXPECT_EQ(c.line, 4u);
  EXPECT_EQ(c.endLine, 6u);
  EXPECT_EQ(parseTargetSpec("parse_args").symbol, "parse_args");
  EXPECT_EQ(parseTargetSpec("Parser.parse_args").symbol, "Parser.parse_args");
  EXPECT_EQ(parseTargetSpec("ns::fn").symbol, "ns::fn");
  EXPECT_EQ(parseTargetSpec("main.c").path, "main.c");
  EXPECT_EQ(parseTargetSpec("src").symbol, "src");
  EXPECT_EQ(parseTargetSpec("src", [](const std::string&) { return true; }).path, "src");
  // Not line numbers: zero, reversed ranges, words.
  EXPECT_FALSE(parseTargetSpec("a.py:0").line);
  EXPECT_FALSE(parseTargetSpec("a.py:9-3").line);
  EXPECT_EQ(parseTargetSpec("std::vector").symbol, "std::vector");
}

TEST(DocComments, CommentsAboveAndDocstringsBelow) {
  EXPECT_EQ(docComment("// Adds.\n// Carefully.\nint add(int a, int b) {\n  return a + b;\n}\n",
                       "int add(int a, int b) {"),
            "Adds.\nCarefully.");
  EXPECT_EQ(docComment("/**\n * Parses.\n */\nfunc Parse() {}\n", "func Parse() {}"), "Parses.");
  EXPECT_EQ(docComment("def f(x):\n    \"\"\"Doubles x.\"\"\"\n    return 2 * x\n", "def f(x):"),
            "Doubles x.");
  EXPECT_EQ(docComment("def f(x):\n    '''Line one\n    line two.'''\n", "def f(x):"),
            "Line one\nline two.");
  EXPECT_EQ(docComment("def f(x):\n    return x\n", "def f(x):"), "");
  EXPECT_EQ(fileComment("#!/usr/bin/env python3\n\"\"\"Module doc.\"\"\"\nimport os\n"),
            "Module doc.");
  EXPECT_EQ(fileComment("// Package a does b.\npackage a\n"), "Package a does b.");
  EXPECT_EQ(fileComment("package a\n"), "");
  // Preprocessor lines are not `#` comments.
  EXPECT_EQ(fileComment("#include \"a.h\"\n\nint x;\n"), "");
  EXPECT_EQ(fileComment("# Build helpers.\nimport os\n"), "Build helpers.");
}

}  // namespace
}  // namespace gloss::commands
