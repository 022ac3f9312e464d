#include <gtest/gtest.h>

#include <string>

#include "indexer/IgnoreRules.h"

namespace gloss::indexer {
namespace {

constexpr IgnoreMatch kNoMatch = IgnoreMatch::NoMatch;
constexpr IgnoreMatch kIgnore = IgnoreMatch::Ignore;
constexpr IgnoreMatch kInclude = IgnoreMatch::Include;

IgnoreMatch matchFile(const IgnoreRules& rules, std::string_view path) {
  return rules.match(path, false);
}
IgnoreMatch matchDir(const IgnoreRules& rules, std::string_view path) {
  return rules.match(path, true);
}

TEST(IgnoreRulesTest, SkipsBlankLinesAndComments) {
  const auto rules = IgnoreRules::parse("\n# a comment\n   \n*.o\n", ".gitignore");
  EXPECT_EQ(rules.size(), 1u);
  EXPECT_TRUE(rules.warnings().empty());
  EXPECT_EQ(matchFile(rules, "x.o"), kIgnore);
  EXPECT_EQ(matchFile(rules, "# a comment"), kNoMatch);
}

TEST(IgnoreRulesTest, EscapedHashAndBangAreLiterals) {
  const auto rules = IgnoreRules::parse("\\#notes\n\\!important\n", ".gitignore");
  EXPECT_EQ(matchFile(rules, "#notes"), kIgnore);
  EXPECT_EQ(matchFile(rules, "!important"), kIgnore);
  EXPECT_EQ(matchFile(rules, "important"), kNoMatch);
}

TEST(IgnoreRulesTest, TrimsTrailingSpacesUnlessEscaped) {
  const auto rules = IgnoreRules::parse("plain   \nkept\\ \n", ".gitignore");
  EXPECT_EQ(matchFile(rules, "plain"), kIgnore);
  EXPECT_EQ(matchFile(rules, "plain "), kNoMatch);
  EXPECT_EQ(matchFile(rules, "kept "), kIgnore);
  EXPECT_EQ(matchFile(rules, "kept"), kNoMatch);
}

TEST(IgnoreRulesTest, HandlesCrLfAndByteOrderMark) {
  const auto rules = IgnoreRules::parse(
      "\xEF\xBB\xBF"
      "first\r\nsecond\r\n",
      ".gitignore");
  EXPECT_EQ(matchFile(rules, "first"), kIgnore);
  EXPECT_EQ(matchFile(rules, "second"), kIgnore);
}

TEST(IgnoreRulesTest, LastMatchingRuleWins) {
  const auto rules = IgnoreRules::parse("*.log\n!keep.log\nkeep.log\n!*.log\nnever.log\n", "x");
  EXPECT_EQ(matchFile(rules, "debug.log"), kInclude);
  EXPECT_EQ(matchFile(rules, "keep.log"), kInclude);
  EXPECT_EQ(matchFile(rules, "never.log"), kIgnore);
  EXPECT_EQ(matchFile(rules, "other.txt"), kNoMatch);
}

TEST(IgnoreRulesTest, NegationReincludes) {
  const auto rules = IgnoreRules::parse("*.log\n!important.log\n", ".gitignore");
  EXPECT_EQ(matchFile(rules, "a.log"), kIgnore);
  EXPECT_EQ(matchFile(rules, "important.log"), kInclude);
  EXPECT_EQ(matchFile(rules, "sub/important.log"), kInclude);
}

TEST(IgnoreRulesTest, TrailingSlashMeansDirectoryOnly) {
  const auto rules = IgnoreRules::parse("build/\n", ".gitignore");
  EXPECT_EQ(matchDir(rules, "build"), kIgnore);
  EXPECT_EQ(matchDir(rules, "src/build"), kIgnore);
  EXPECT_EQ(matchFile(rules, "build"), kNoMatch);
}

TEST(IgnoreRulesTest, SlashAnchorsThePattern) {
  const auto rules = IgnoreRules::parse("/root-only\ndoc/*.txt\nanywhere\n", ".gitignore");
  EXPECT_EQ(matchFile(rules, "root-only"), kIgnore);
  EXPECT_EQ(matchFile(rules, "sub/root-only"), kNoMatch);
  EXPECT_EQ(matchFile(rules, "doc/a.txt"), kIgnore);
  EXPECT_EQ(matchFile(rules, "x/doc/a.txt"), kNoMatch);
  EXPECT_EQ(matchFile(rules, "doc/sub/a.txt"), kNoMatch);
  EXPECT_EQ(matchFile(rules, "anywhere"), kIgnore);
  EXPECT_EQ(matchFile(rules, "a/b/anywhere"), kIgnore);
}

TEST(IgnoreRulesTest, DoubleStarPatterns) {
  const auto rules = IgnoreRules::parse("**/gen\nout/**\nsrc/**/tmp\n", ".gitignore");
  EXPECT_EQ(matchDir(rules, "gen"), kIgnore);
  EXPECT_EQ(matchDir(rules, "a/b/gen"), kIgnore);
  EXPECT_EQ(matchFile(rules, "out/x"), kIgnore);
  EXPECT_EQ(matchDir(rules, "out"), kNoMatch);
  EXPECT_EQ(matchFile(rules, "src/tmp"), kIgnore);
  EXPECT_EQ(matchFile(rules, "src/a/b/tmp"), kIgnore);
  EXPECT_EQ(matchFile(rules, "lib/src/tmp"), kNoMatch);
}

TEST(IgnoreRulesTest, BucketedRulesKeepFileOrder) {
  // Exact names, extensions and general globs live in separate buckets; order must survive.
  const auto rules = IgnoreRules::parse("main.c\n!*.c\nm*\n!main.c\n*.c\n", ".gitignore");
  EXPECT_EQ(matchFile(rules, "main.c"), kIgnore);
  EXPECT_EQ(matchFile(rules, "other.c"), kIgnore);
  EXPECT_EQ(matchFile(rules, "make"), kIgnore);
  const auto reversed = IgnoreRules::parse("*.c\n!main.c\n", ".gitignore");
  EXPECT_EQ(matchFile(reversed, "main.c"), kInclude);
  EXPECT_EQ(matchFile(reversed, "lib.c"), kIgnore);
}

TEST(IgnoreRulesTest, BadLinesAreReportedAndTheRestApply) {
  const auto rules = IgnoreRules::parse("*.o\n[unclosed\ntrailing\\\n*.a\n", "/w/.gitignore");
  ASSERT_EQ(rules.warnings().size(), 2u);
  EXPECT_EQ(rules.warnings()[0].path, "/w/.gitignore");
  EXPECT_EQ(rules.warnings()[0].line, 2u);
  EXPECT_NE(rules.warnings()[0].message.find("[unclosed"), std::string::npos);
  EXPECT_EQ(rules.warnings()[1].line, 3u);
  EXPECT_EQ(matchFile(rules, "x.o"), kIgnore);
  EXPECT_EQ(matchFile(rules, "x.a"), kIgnore);
  EXPECT_EQ(matchFile(rules, "[unclosed"), kNoMatch);
}

TEST(IgnoreRulesTest, FromPatternsUsesGitignoreSyntax) {
  const auto rules = IgnoreRules::fromPatterns({"node_modules/", "/dist", "*.min.js", "[x"}, "s");
  EXPECT_EQ(matchDir(rules, "web/node_modules"), kIgnore);
  EXPECT_EQ(matchDir(rules, "dist"), kIgnore);
  EXPECT_EQ(matchDir(rules, "web/dist"), kNoMatch);
  EXPECT_EQ(matchFile(rules, "a/b.min.js"), kIgnore);
  ASSERT_EQ(rules.warnings().size(), 1u);
  EXPECT_EQ(rules.warnings()[0].line, 4u);
}

IgnoreFile file(IgnoreFileKind kind, std::string_view text) {
  return IgnoreFile{kind, IgnoreRules::parse(text, "test")};
}

TEST(IgnoreChainTest, DeeperLevelsTakePrecedence) {
  auto root = IgnoreChain::inside(IgnoreChain::base({}), "",
                                  {file(IgnoreFileKind::GitIgnore, "*.log\n")}, true);
  auto sub = IgnoreChain::inside(root, "sub", {file(IgnoreFileKind::GitIgnore, "!*.log\n")}, false);
  EXPECT_EQ(sub->match("sub/a.log", false), kInclude);
  EXPECT_EQ(root->match("a.log", false), kIgnore);
  EXPECT_EQ(sub->match("sub/a.txt", false), kNoMatch);
}

TEST(IgnoreChainTest, PathsAreRelativeToEachLevel) {
  auto root = IgnoreChain::inside(IgnoreChain::base({}), "", {}, false);
  auto sub = IgnoreChain::inside(root, "a/b", {file(IgnoreFileKind::GitIgnore, "/x\n")}, false);
  EXPECT_EQ(sub->match("a/b/x", false), kIgnore);
  EXPECT_EQ(sub->match("a/b/c/x", false), kNoMatch);
}

TEST(IgnoreChainTest, DotIgnoreBeatsGitignoreBeatsExcludeBeatsSettings) {
  auto settings = IgnoreRules::fromPatterns({"*.txt"}, "settings");
  auto level = IgnoreChain::inside(IgnoreChain::base(std::move(settings)), "",
                                   {file(IgnoreFileKind::GitInfoExclude, "a.txt\nb.txt\nc.txt\n"),
                                    file(IgnoreFileKind::GitIgnore, "!a.txt\n!b.txt\n"),
                                    file(IgnoreFileKind::DotIgnore, "a.txt\n")},
                                   true);
  EXPECT_EQ(level->match("a.txt", false), kIgnore);   // .ignore
  EXPECT_EQ(level->match("b.txt", false), kInclude);  // .gitignore over exclude
  EXPECT_EQ(level->match("c.txt", false), kIgnore);   // exclude
  EXPECT_EQ(level->match("d.txt", false), kIgnore);   // settings
  EXPECT_EQ(level->match("d.md", false), kNoMatch);
}

TEST(IgnoreChainTest, GitRulesStopAtANestedRepository) {
  auto outer = IgnoreChain::inside(
      IgnoreChain::base({}), "",
      {file(IgnoreFileKind::GitIgnore, "*.gen\n"), file(IgnoreFileKind::DotIgnore, "*.tmp\n")},
      true);
  auto nested = IgnoreChain::inside(outer, "vendor/lib", {}, true);
  auto plain = IgnoreChain::inside(outer, "src", {}, false);
  EXPECT_EQ(nested->match("vendor/lib/x.gen", false), kNoMatch);
  EXPECT_EQ(nested->match("vendor/lib/x.tmp", false), kIgnore);
  EXPECT_EQ(plain->match("src/x.gen", false), kIgnore);
}

TEST(IgnoreChainTest, LevelsAboveTheRootSeeTheRootsPath) {
  auto top = IgnoreChain::above(IgnoreChain::base({}), "pkg/app",
                                {file(IgnoreFileKind::GitIgnore, "/pkg/app/out\nsecret\n")}, true);
  auto root = IgnoreChain::inside(top, "", {}, false);
  EXPECT_EQ(root->match("out", true), kIgnore);
  EXPECT_EQ(root->match("src/out", true), kNoMatch);
  EXPECT_EQ(root->match("src/secret", false), kIgnore);
}

}  // namespace
}  // namespace gloss::indexer
