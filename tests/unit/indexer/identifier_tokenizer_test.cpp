#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <random>
#include <string>
#include <vector>

#include "indexer/IdentifierTokenizer.h"

namespace gloss::indexer {
namespace {

using ::testing::ElementsAre;

std::vector<std::string> doc(std::string_view text) {
  return tokenizeIdentifiers(text, TokenizeMode::Document);
}
std::vector<std::string> query(std::string_view text) {
  return tokenizeIdentifiers(text, TokenizeMode::Query);
}

TEST(IdentifierTokenizer, SplitsCamelCase) {
  EXPECT_THAT(doc("parseArgs"), ElementsAre("parseargs", "parse", "args"));
  EXPECT_THAT(doc("XMLHttpRequest"), ElementsAre("xmlhttprequest", "xml", "http", "request"));
  EXPECT_THAT(doc("HTTPServer2"), ElementsAre("httpserver2", "http", "server", "2"));
  EXPECT_THAT(doc("getHTTP"), ElementsAre("gethttp", "get", "http"));
}

TEST(IdentifierTokenizer, SplitsSnakeCase) {
  EXPECT_THAT(doc("parse_args"), ElementsAre("parse_args", "parse", "args"));
  EXPECT_THAT(doc("__init__"), ElementsAre("__init__", "init"));
  EXPECT_THAT(doc("MAX_PATH_LEN"), ElementsAre("max_path_len", "max", "path", "len"));
}

TEST(IdentifierTokenizer, PlainWordsAndSeparators) {
  EXPECT_THAT(doc("return x+y; // Done!"), ElementsAre("return", "x", "y", "done"));
  EXPECT_THAT(doc("__"), ElementsAre("__"));
  EXPECT_THAT(doc(""), ElementsAre());
  EXPECT_THAT(doc(" \t\n(){}"), ElementsAre());
}

TEST(IdentifierTokenizer, NumbersStayWhole) {
  EXPECT_THAT(doc("0x1F 1024 3rdParty"), ElementsAre("0x1f", "1024", "3rdparty"));
}

TEST(IdentifierTokenizer, QueryModeEmitsOnlyParts) {
  EXPECT_THAT(query("parseArgs"), ElementsAre("parse", "args"));
  EXPECT_THAT(query("parse_args"), ElementsAre("parse", "args"));
  EXPECT_THAT(query("parseargs"), ElementsAre("parseargs"));
  EXPECT_THAT(query("_private"), ElementsAre("private"));
}

TEST(IdentifierTokenizer, FirstPartIsColocatedWithTheWholeWord) {
  IdentifierSplitter splitter("  fooBar baz", TokenizeMode::Document);
  IdentifierToken token;
  struct Seen {
    std::string text;
    int start, end;
    bool colocated;
  };
  std::vector<Seen> seen;
  while (splitter.next(token))
    seen.push_back({std::string(token.text), token.start, token.end, token.colocated});
  ASSERT_EQ(seen.size(), 4u);
  EXPECT_EQ(seen[0].text, "foobar");
  EXPECT_EQ(seen[0].start, 2);
  EXPECT_EQ(seen[0].end, 8);
  EXPECT_FALSE(seen[0].colocated);
  EXPECT_EQ(seen[1].text, "foo");
  EXPECT_TRUE(seen[1].colocated);
  EXPECT_EQ(seen[2].text, "bar");
  EXPECT_EQ(seen[2].start, 5);
  EXPECT_FALSE(seen[2].colocated);
  EXPECT_EQ(seen[3].text, "baz");
  EXPECT_EQ(seen[3].start, 9);
}

TEST(IdentifierTokenizer, NonAsciiBytesAreWordCharacters) {
  EXPECT_THAT(doc("café_au lait"), ElementsAre("café_au", "café", "au", "lait"));
  EXPECT_THAT(doc("naïveParser"), ElementsAre("naïveparser", "naïve", "parser"));
}

TEST(IdentifierTokenizer, LongWordsAreOneTruncatedToken) {
  std::string blob(300, 'a');
  blob[150] = 'B';
  auto tokens = doc(blob);
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_EQ(tokens[0].size(), kMaxTokenBytes);
  // A cut never lands inside a UTF-8 sequence.
  std::string accents;
  for (int i = 0; i < 100; ++i) accents += "é";
  tokens = doc("x" + accents);
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_EQ(tokens[0].size(), kMaxTokenBytes - 1);
}

TEST(IdentifierTokenizer, ArbitraryBytesGiveTokensInsideTheInput) {
  std::mt19937 random(7);
  for (int round = 0; round < 200; ++round) {
    std::string text(random() % 300, '\0');
    for (char& c : text) c = static_cast<char>(random() % 256);
    for (auto mode : {TokenizeMode::Document, TokenizeMode::Query}) {
      IdentifierSplitter splitter(text, mode);
      IdentifierToken token;
      while (splitter.next(token)) {
        ASSERT_FALSE(token.text.empty());
        ASSERT_GE(token.start, 0);
        ASSERT_LE(token.end, static_cast<int>(text.size()));
        ASSERT_LT(token.start, token.end);
      }
    }
  }
}

TEST(IdentifierMatchExpression, QuotesEachWordAndJoins) {
  EXPECT_EQ(buildMatchExpression("parse args", MatchMode::Any), "\"parse\" OR \"args\"");
  EXPECT_EQ(buildMatchExpression("parse args", MatchMode::All), "\"parse\" AND \"args\"");
  EXPECT_EQ(buildMatchExpression("parseArgs", MatchMode::All), "\"parseArgs\"");
}

TEST(IdentifierMatchExpression, OperatorsAndQuotesBecomePlainWords) {
  EXPECT_EQ(buildMatchExpression("\"foo -bar* NEAR(baz) col:x ^y", MatchMode::Any),
            "\"foo\" OR \"bar\" OR \"NEAR\" OR \"baz\" OR \"col\" OR \"x\" OR \"y\"");
  EXPECT_EQ(buildMatchExpression("\" ( ) * - ^ :", MatchMode::Any), "");
  EXPECT_EQ(buildMatchExpression("", MatchMode::All), "");
}

TEST(IdentifierMatchExpression, DropsDuplicatesAndStopWords) {
  EXPECT_EQ(buildMatchExpression("How does the parser parse the Parser?", MatchMode::All),
            "\"parser\" AND \"parse\"");
  EXPECT_EQ(buildMatchExpression("what is this", MatchMode::Any), "\"what\" OR \"is\" OR \"this\"");
}

TEST(IdentifierMatchExpression, KeepsAtMostTheTermLimit) {
  std::string text;
  for (int i = 0; i < 100; ++i) text += "word" + std::to_string(i) + " ";
  std::string expression = buildMatchExpression(text, MatchMode::Any);
  std::size_t quotes = std::count(expression.begin(), expression.end(), '"');
  EXPECT_EQ(quotes, 2 * kMaxQueryTerms);
}

// Every expression the builder makes is valid FTS5 syntax, whatever the input.
TEST(IdentifierMatchExpression, NeverProducesAnFts5SyntaxError) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(":memory:", &db), SQLITE_OK);
  ASSERT_EQ(registerIdentifierTokenizer(db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db,
                         "CREATE VIRTUAL TABLE t USING fts5(body, tokenize='gloss_ident');"
                         "INSERT INTO t VALUES ('int parseArgs(char** argv) { return 0; }');",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT count(*) FROM t WHERE t MATCH ?1", -1, &stmt, nullptr),
            SQLITE_OK);
  std::vector<std::string> inputs = {
      "\"",         "\"unbalanced", "foo AND",      "OR",          "NEAR(", "a* -b ^c",
      "col:foo",    "()",           "{x}",          "+",           "'",     "\\",
      "AND OR NOT", "\"\" \"\"",    "\x01\xff\xfe", "parse_args*", "-",     "*"};
  std::mt19937 random(11);
  for (int i = 0; i < 300; ++i) {
    std::string text(random() % 40, ' ');
    for (char& c : text) c = static_cast<char>(random() % 256);
    inputs.push_back(text);
  }
  for (const std::string& input : inputs) {
    for (auto mode : {MatchMode::Any, MatchMode::All}) {
      std::string expression = buildMatchExpression(input, mode);
      if (expression.empty()) continue;
      sqlite3_bind_text(stmt, 1, expression.c_str(), -1, SQLITE_TRANSIENT);
      int rc = sqlite3_step(stmt);
      EXPECT_EQ(rc, SQLITE_ROW) << "input: " << input << " expression: " << expression
                                << " error: " << sqlite3_errmsg(db);
      sqlite3_reset(stmt);
    }
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
}

}  // namespace
}  // namespace gloss::indexer
