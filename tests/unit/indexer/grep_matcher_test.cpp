// The grep matcher and line searcher on buffers: flags, line boundaries, spans, context.
#include <gtest/gtest.h>

#include "indexer/grep/GrepMatcher.h"
#include "indexer/grep/LineSearcher.h"

namespace gloss::indexer {
namespace {

GrepMatcher compiled(PatternOptions options) {
  auto matcher = GrepMatcher::compile(options);
  EXPECT_TRUE(matcher.ok()) << (matcher.ok() ? "" : matcher.error());
  return std::move(*matcher);
}

std::vector<GrepLine> search(const GrepMatcher& matcher, std::string_view text,
                             LineSearchOptions options = {}) {
  std::vector<GrepLine> lines;
  searchLines(matcher, text, options, lines);
  return lines;
}

// "line:begin-end,begin-end" per matching line, "line-" for context lines.
std::vector<std::string> describe(const std::vector<GrepLine>& lines) {
  std::vector<std::string> out;
  for (const auto& line : lines) {
    std::string s = std::to_string(line.line) + (line.isContext() ? "-" : ":");
    for (std::size_t i = 0; i < line.spans.size(); ++i) {
      s += (i ? "," : "") + std::to_string(line.spans[i].begin) + "-" +
           std::to_string(line.spans[i].end);
    }
    out.push_back(s);
  }
  return out;
}

using Lines = std::vector<std::string>;

TEST(GrepMatcher, BadPatternsAreRe2Errors) {
  auto unbalanced = GrepMatcher::compile({"foo(", false, CaseMode::Sensitive, false});
  ASSERT_FALSE(unbalanced.ok());
  EXPECT_NE(unbalanced.error().find("missing )"), std::string::npos) << unbalanced.error();
  auto lookahead = GrepMatcher::compile({"foo(?=bar)", false, CaseMode::Sensitive, false});
  ASSERT_FALSE(lookahead.ok());
  // A pattern that only parses once wrapped in a group must still be refused.
  EXPECT_FALSE(GrepMatcher::compile({"a)|(b", false, CaseMode::Sensitive, false}).ok());
  EXPECT_FALSE(GrepMatcher::compile({"a\nb", true, CaseMode::Sensitive, false}).ok());
}

TEST(GrepMatcher, SmartCaseLooksOnlyAtLiteralUppercase) {
  EXPECT_FALSE(hasUppercaseLiteral("foo\\W\\S\\p{Lu}", false));
  EXPECT_TRUE(hasUppercaseLiteral("fooBar", false));
  EXPECT_TRUE(hasUppercaseLiteral("\\W", true));  // a fixed string has no escapes
  EXPECT_TRUE(compiled({"foo", false, CaseMode::Smart, false}).caseInsensitive());
  EXPECT_FALSE(compiled({"Foo", false, CaseMode::Smart, false}).caseInsensitive());
}

TEST(LineSearcher, FindsEveryMatchOnEachLineWithByteSpans) {
  auto m = compiled({"ab", false, CaseMode::Sensitive, false});
  EXPECT_EQ(describe(search(m, "xab ab\nnone\nab")), (Lines{"0:1-3,4-6", "2:0-2"}));
}

TEST(LineSearcher, MatchesNeverSpanLines) {
  auto m = compiled({"a\\sb", false, CaseMode::Sensitive, false});
  EXPECT_EQ(describe(search(m, "a\nb\na b\n")), (Lines{"2:0-3"}));
  auto negated = compiled({"a[^x]*b", false, CaseMode::Sensitive, false});
  EXPECT_EQ(describe(search(negated, "a\nb\nazb")), (Lines{"2:0-3"}));
}

TEST(LineSearcher, AnchorsWorkPerLineAndKeepCarriageReturns) {
  auto start = compiled({"^b", false, CaseMode::Sensitive, false});
  EXPECT_EQ(describe(search(start, "ab\nbc\r\nb")), (Lines{"1:0-1", "2:0-1"}));
  // Without --crlf, `$` does not match before "\r", as in ripgrep.
  auto end = compiled({"c$", false, CaseMode::Sensitive, false});
  EXPECT_EQ(describe(search(end, "bc\r\nc\n")), (Lines{"1:0-1"}));
  auto lines = search(start, "x\nb\r\n");
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].text, "b\r");
}

TEST(LineSearcher, EmptyMatchesDoNotInventALineAfterTheLastBreak) {
  auto m = compiled({"^$", false, CaseMode::Sensitive, false});
  EXPECT_EQ(describe(search(m, "a\n\nb\n")), (Lines{"1:0-0"}));
  EXPECT_TRUE(search(m, "").empty());
}

TEST(LineSearcher, CaseModesAndFixedStrings) {
  auto insensitive = compiled({"hello", false, CaseMode::Insensitive, false});
  EXPECT_EQ(describe(search(insensitive, "HeLLo\n")), (Lines{"0:0-5"}));
  auto fixed = compiled({"a.b(", true, CaseMode::Sensitive, false});
  EXPECT_EQ(describe(search(fixed, "axb(\na.b(\n")), (Lines{"1:0-4"}));
}

TEST(LineSearcher, WholeWordSkipsMatchesGluedToWordCharacters) {
  auto m = compiled({"foo", false, CaseMode::Sensitive, true});
  EXPECT_EQ(describe(search(m, "foo_bar foo\nfoofoo\n(foo)\n")), (Lines{"0:8-11", "2:1-4"}));
  auto accented = compiled({"caf", false, CaseMode::Sensitive, true});
  EXPECT_TRUE(search(accented, "café\n").empty());
}

TEST(LineSearcher, ContextLinesAreNeverRepeatedNorMatches) {
  auto m = compiled({"x", false, CaseMode::Sensitive, false});
  std::string text = "a\nx\nb\nc\nx\nd\ne\nf\n";
  LineSearchOptions options;
  options.contextBefore = 1;
  options.contextAfter = 2;
  EXPECT_EQ(describe(search(m, text, options)),
            (Lines{"0-", "1:0-1", "2-", "3-", "4:0-1", "5-", "6-"}));
}

TEST(LineSearcher, StopsAtTheMatchLineBudget) {
  auto every = compiled({"", false, CaseMode::Sensitive, false});
  LineSearchOptions options;
  options.maxMatchLines = 3;
  std::vector<GrepLine> lines;
  LineSearchResult result = searchLines(every, "1\n2\n3\n4\n5\n", options, lines);
  EXPECT_EQ(lines.size(), 3u);
  EXPECT_TRUE(result.hitLimit);
}

TEST(LineSearcher, LongLinesAndMultibyteText) {
  std::string longLine(300000, 'x');
  longLine += "needle";
  auto m = compiled({"needle", false, CaseMode::Sensitive, false});
  auto lines = search(m, "é\n" + longLine);
  ASSERT_EQ(describe(lines), (Lines{"1:300000-300006"}));
  auto unicode = compiled({"ñ+o", false, CaseMode::Sensitive, false});
  EXPECT_EQ(describe(search(unicode, "mañño\n")), (Lines{"0:2-7"}));
}

TEST(LineSearcher, CancellationStopsTheSearch) {
  auto m = compiled({"x", false, CaseMode::Sensitive, false});
  LineSearchOptions options;
  options.stopRequested = [] { return true; };
  EXPECT_TRUE(search(m, "x\nx\n", options).empty());
}

}  // namespace
}  // namespace gloss::indexer
