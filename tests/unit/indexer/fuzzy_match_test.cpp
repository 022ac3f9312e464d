#include <gtest/gtest.h>

#include <random>
#include <string>

#include "indexer/FuzzyMatch.h"

namespace gloss::indexer {
namespace {

// True when both match and `better` scores strictly higher than `worse`.
::testing::AssertionResult ranksAbove(std::string_view pattern, std::string_view better,
                                      std::string_view worse) {
  auto a = fuzzyScore(pattern, better);
  auto b = fuzzyScore(pattern, worse);
  if (!a || !b) {
    return ::testing::AssertionFailure() << (a ? worse : better) << " does not match " << pattern;
  }
  if (*a <= *b) {
    return ::testing::AssertionFailure() << better << " (" << *a << ") does not rank above "
                                         << worse << " (" << *b << ") for " << pattern;
  }
  return ::testing::AssertionSuccess();
}

TEST(FuzzyMatch, RequiresAnOrderedSubsequence) {
  EXPECT_TRUE(fuzzyScore("pArg", "parseArgs"));
  EXPECT_TRUE(fuzzyScore("PARSEARGS", "parseArgs"));
  EXPECT_FALSE(fuzzyScore("gra", "parseArgs"));
  EXPECT_FALSE(fuzzyScore("xyz", "parseArgs"));
  EXPECT_FALSE(fuzzyScore("parseArgsX", "parseArgs"));
}

TEST(FuzzyMatch, ShorterNameWinsAnEqualAlignment) {
  EXPECT_TRUE(ranksAbove("pArg", "parseArgs", "parseArgumentsLater"));
  EXPECT_TRUE(ranksAbove("foo", "foo_bar", "foo_bar_baz_qux"));
}

TEST(FuzzyMatch, WordStartsAndHumpsBeatMidWordMatches) {
  EXPECT_TRUE(ranksAbove("fb", "fooBar", "fabric"));
  EXPECT_TRUE(ranksAbove("ga", "get_all", "omega"));
  EXPECT_TRUE(ranksAbove("hr", "HttpRequest", "three"));
}

TEST(FuzzyMatch, HumpAlignmentBeatsAnEarlierMidWordOne) {
  // "A" could match the 'a' in "parse"; the hump at "Args" must be preferred.
  auto hump = fuzzyScore("pArg", "parseArgs");
  auto early = fuzzyScore("pArg", "paxrxgxxxxx");
  ASSERT_TRUE(hump && early);
  EXPECT_GT(*hump, *early);
}

TEST(FuzzyMatch, PrefixAndExactMatchesRankHighest) {
  EXPECT_TRUE(ranksAbove("parse", "parse_file", "do_parse"));
  EXPECT_TRUE(ranksAbove("parse", "parse", "parser"));
  EXPECT_TRUE(ranksAbove("parse", "parse", "Parse_x"));
}

TEST(FuzzyMatch, TypedCaseEarnsABonus) {
  EXPECT_TRUE(ranksAbove("Parse", "Parser", "parser"));
  EXPECT_TRUE(ranksAbove("parse", "parser", "Parser"));
}

TEST(FuzzyMatch, EmptyPatternMatchesEverythingShortestFirst) {
  EXPECT_TRUE(ranksAbove("", "ab", "abcdefghijkl"));
}

TEST(FuzzyMatch, OverlongCandidatesNeverMatch) {
  std::string name(kMaxFuzzyCandidateBytes + 1, 'a');
  EXPECT_FALSE(fuzzyScore("a", name));
  name.resize(kMaxFuzzyCandidateBytes);
  EXPECT_TRUE(fuzzyScore("a", name));
}

TEST(FuzzyMatch, MatcherReuseGivesTheSameScores) {
  FuzzyMatcher matcher("pArg");
  for (std::string_view name : {"parseArgs", "x", "parseArgumentsLater", "pArg", "PARG_"}) {
    EXPECT_EQ(matcher.score(name), fuzzyScore("pArg", name)) << name;
  }
}

TEST(FuzzyMatch, ArbitraryBytesDoNotCrash) {
  std::mt19937 random(3);
  int matched = 0;
  for (int round = 0; round < 500; ++round) {
    std::string pattern(random() % 5, ' ');
    std::string name(random() % 40, ' ');
    for (char& c : pattern) c = static_cast<char>(random() % 256);
    for (char& c : name) c = static_cast<char>(random() % 256);
    if (fuzzyScore(pattern, name)) ++matched;
  }
  // Empty patterns (a fifth of them) always match, so some rounds must have matched.
  EXPECT_GT(matched, 0);
}

}  // namespace
}  // namespace gloss::indexer
