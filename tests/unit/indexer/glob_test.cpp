#include "indexer/Glob.h"

#include <gtest/gtest.h>

#include <string>

namespace gloss::indexer {
namespace {

bool globMatches(std::string_view pattern, std::string_view text, GlobOptions options = {}) {
  auto glob = Glob::compile(pattern, options);
  EXPECT_TRUE(glob.ok()) << pattern << ": " << (glob.ok() ? "" : glob.error());
  return glob.ok() && glob->matches(text);
}

struct GlobCase {
  const char* pattern;
  const char* text;
  bool expected;
};

void expectCases(std::initializer_list<GlobCase> cases) {
  for (const GlobCase& c : cases) {
    EXPECT_EQ(globMatches(c.pattern, c.text), c.expected)
        << "pattern '" << c.pattern << "' against '" << c.text << "'";
  }
}

TEST(GlobTest, LiteralsMatchWholeText) {
  expectCases({
      {"foo", "foo", true},
      {"foo", "foobar", false},
      {"foo", "xfoo", false},
      {"a/b", "a/b", true},
      {"", "", true},
      {"", "a", false},
  });
}

TEST(GlobTest, StarStaysInsideOneSegment) {
  expectCases({
      {"*.c", "main.c", true},
      {"*.c", ".c", true},
      {"*.c", "src/main.c", false},
      {"a*", "abc", true},
      {"a*", "a/b", false},
      {"a*c", "abbbc", true},
      {"a*c", "ab/c", false},
      {"*", "anything", true},
      {"*", "a/b", false},
      {"src/*.h", "src/x.h", true},
      {"src/*.h", "src/sub/x.h", false},
      {"*/*", "a/b", true},
      {"*/*", "a/b/c", false},
  });
}

TEST(GlobTest, QuestionMarkIsOneCharacterButNotSlash) {
  expectCases({
      {"?.txt", "a.txt", true},
      {"?.txt", "ab.txt", false},
      {"a?b", "a/b", false},
      {"a?b", "axb", true},
  });
}

TEST(GlobTest, CharacterClasses) {
  expectCases({
      {"[abc].o", "b.o", true},      {"[abc].o", "d.o", false},
      {"file[0-9]", "file7", true},  {"file[0-9]", "filex", false},
      {"[!a]x", "bx", true},         {"[!a]x", "ax", false},
      {"[^a]x", "ax", false},        {"[]a]", "]", true},
      {"[]a]", "a", true},           {"[!]]", "]", false},
      {"[a-]", "-", true},           {"[-a]", "-", true},
      {"[a-c-e]", "-", true},        {"[a-c-e]", "d", false},
      {"[z-a]", "m", false},         {"a[/]b", "a/b", false},
      {"a[!x]b", "a/b", false},      {"[[:digit:]]x", "5x", true},
      {"[[:digit:]]x", "ax", false}, {"[[:alpha:][:digit:]]", "q", true},
      {"[[:upper:]]", "q", false},   {"z[[:alpha]", "z[", true},
      {"z[[:alpha]", "za", true},    {"z[[:alpha]", "zb", false},
      {"[\\]]", "]", true},          {"[a\\-z]", "-", true},
      {"[a\\-z]", "m", false},
  });
}

TEST(GlobTest, BackslashEscapesTheNextCharacter) {
  expectCases({
      {"\\*", "*", true},
      {"\\*", "a", false},
      {"\\?", "?", true},
      {"\\[a]", "[a]", true},
      {"\\#x", "#x", true},
      {"a\\ ", "a ", true},
      {"\\\\", "\\", true},
  });
}

TEST(GlobTest, DoubleStarForms) {
  expectCases({
      {"**/foo", "foo", true},
      {"**/foo", "a/foo", true},
      {"**/foo", "a/b/foo", true},
      {"**/foo", "afoo", false},
      {"**/foo", "a/foo/x", false},
      {"abc/**", "abc/x", true},
      {"abc/**", "abc/x/y", true},
      {"abc/**", "abc", false},
      {"abc/**", "abcd/x", false},
      {"a/**/b", "a/b", true},
      {"a/**/b", "a/x/b", true},
      {"a/**/b", "a/x/y/b", true},
      {"a/**/b", "a/xb", false},
      {"a/**/b", "ab", false},
      {"**", "a/b/c", true},
      {"**", "", true},
      {"**/*.c", "x/y/z.c", true},
      {"**/*.c", "z.c", true},
      {"**/**/x", "x", true},
      {"a/**/**/b", "a/b", true},
      {"a/**/**/b", "a/1/2/3/b", true},
  });
}

TEST(GlobTest, DoubleStarInsideASegmentIsAPlainStar) {
  expectCases({
      {"a**b", "axxb", true},
      {"a**b", "ax/b", false},
      {"**foo", "barfoo", true},
      {"**foo", "bar/foo", false},
      {"foo**", "foo/bar", false},
      {"a/**b", "a/xb", true},
      {"a/**b", "a/x/b", false},
  });
}

TEST(GlobTest, CaseInsensitiveOption) {
  const GlobOptions insensitive{.caseInsensitive = true};
  EXPECT_TRUE(globMatches("*.TXT", "readme.txt", insensitive));
  EXPECT_TRUE(globMatches("ReadMe", "README", insensitive));
  EXPECT_TRUE(globMatches("[a-c]x", "BX", insensitive));
  EXPECT_FALSE(globMatches("[!a]x", "AX", insensitive));
  EXPECT_TRUE(globMatches("src/**/M*.c", "SRC/a/main.C", insensitive));
  EXPECT_FALSE(globMatches("*.TXT", "readme.txt"));
  EXPECT_FALSE(globMatches("ReadMe", "README"));
}

TEST(GlobTest, MalformedPatternsAreErrors) {
  for (const char* pattern : {"[abc", "abc\\", "d[", "[!", "[]", "[[:foo:]]x", "[[::]]", "[a-\\"}) {
    auto glob = Glob::compile(pattern);
    EXPECT_FALSE(glob.ok()) << pattern;
  }
  EXPECT_NE(Glob::compile("[[:foo:]]").error().find("[:foo:]"), std::string::npos);
  EXPECT_NE(Glob::compile("x\\").error().find("backslash"), std::string::npos);
}

TEST(GlobTest, ReportsLiteralShapesForIndexing) {
  EXPECT_EQ(Glob::compile("Makefile")->exactLiteral(), "Makefile");
  EXPECT_EQ(Glob::compile("\\*star")->exactLiteral(), "*star");
  EXPECT_FALSE(Glob::compile("*.o")->exactLiteral());
  EXPECT_EQ(Glob::compile("*.o")->literalSuffix(), ".o");
  EXPECT_EQ(Glob::compile("*.tar.gz")->literalSuffix(), ".tar.gz");
  EXPECT_FALSE(Glob::compile("*/x.o")->literalSuffix());
  EXPECT_FALSE(Glob::compile("a*.o")->literalSuffix());
  EXPECT_EQ(Glob::compile("ABC", {.caseInsensitive = true})->exactLiteral(), "abc");
  EXPECT_EQ(Glob::compile("*.o")->pattern(), "*.o");
}

TEST(GlobTest, PathologicalPatternsStillAnswer) {
  const std::string text(200, 'a');
  EXPECT_FALSE(globMatches("*a*a*a*a*a*a*a*a*a*a*a*a*b", text));
  EXPECT_FALSE(globMatches("**/a*a*a*a*a*a*a*a*a*a*b", text));
  EXPECT_TRUE(globMatches("*a*a*a*a*a*a*a*a*a*a*a*a", text));
  std::string deep;
  for (int i = 0; i < 60; ++i) deep += "a/";
  EXPECT_FALSE(globMatches("**/a/**/a/**/a/**/a/**/b", deep + "c"));
  EXPECT_TRUE(globMatches("**/a/**/a/**/a/**/a/**/b", deep + "b"));
}

}  // namespace
}  // namespace gloss::indexer
