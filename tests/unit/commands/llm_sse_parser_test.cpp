#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "commands/llm/SseParser.h"

namespace gloss::llm {

void PrintTo(const SseEvent& e, std::ostream* out) {
  *out << "{event=" << e.event << ", data=" << e.data << ", id=" << e.id << "}";
}

namespace {

// Feeds `pieces` one after another, then finishes the stream.
std::vector<SseEvent> parsePieces(const std::vector<std::string>& pieces) {
  SseParser parser;
  std::vector<SseEvent> events;
  auto sink = [&](const SseEvent& e) { events.push_back(e); };
  for (const auto& piece : pieces) EXPECT_TRUE(parser.feed(piece, sink));
  EXPECT_TRUE(parser.finish(sink));
  return events;
}

std::vector<SseEvent> parse(const std::string& stream) {
  return parsePieces({stream});
}

std::vector<SseEvent> parseByteByByte(const std::string& stream) {
  std::vector<std::string> pieces;
  for (char c : stream) pieces.emplace_back(1, c);
  return parsePieces(pieces);
}

const std::string kRichStream =
    "\xEF\xBB\xBF: a comment first\r\n"
    "retry: 2500\r\n"
    "event: message_start\r\n"
    "id: 7\r\n"
    "data: {\"a\":\r\n"
    "data:1}\r\n"
    "\r\n"
    ": keep-alive\n\n"
    "data: second\r"
    "\r"
    "event: ping\n"
    "data\n"
    "\n"
    "data: [DONE]\n\n";

const std::vector<SseEvent> kRichEvents{
    {"message_start", "{\"a\":\n1}", "7"},
    {"message", "second", "7"},
    {"ping", "", "7"},
    {"message", "[DONE]", "7"},
};

TEST(SseParserTest, ParsesOneEvent) {
  EXPECT_EQ(parse("data: hello\n\n"), (std::vector<SseEvent>{{"message", "hello", ""}}));
}

TEST(SseParserTest, JoinsMultiLineDataWithNewlines) {
  EXPECT_EQ(parse("data: one\ndata:two\ndata:  three\n\n"),
            (std::vector<SseEvent>{{"message", "one\ntwo\n three", ""}}));
}

TEST(SseParserTest, KeepsEventNameAndIdWhichPersists) {
  auto events = parse("event: delta\nid: 42\ndata: a\n\ndata: b\n\nid\ndata: c\n\n");
  EXPECT_EQ(events, (std::vector<SseEvent>{
                        {"delta", "a", "42"}, {"message", "b", "42"}, {"message", "c", ""}}));
}

TEST(SseParserTest, IgnoresAnIdHoldingNul) {
  auto events = parse(std::string("id: 1\ndata: a\n\nid: x\0y\ndata: b\n\n", 32));
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[1].id, "1");
}

TEST(SseParserTest, SkipsCommentsAndKeepAlives) {
  EXPECT_TRUE(parse(": keep-alive\n\n:\n\n: data: not data\n\n").empty());
  EXPECT_EQ(parse(": OPENROUTER PROCESSING\n\ndata: x\n\n").size(), 1u);
}

TEST(SseParserTest, AcceptsLfCrlfAndCrLineEnds) {
  std::vector<SseEvent> expected{{"message", "a", ""}, {"message", "b", ""}};
  EXPECT_EQ(parse("data: a\n\ndata: b\n\n"), expected);
  EXPECT_EQ(parse("data: a\r\n\r\ndata: b\r\n\r\n"), expected);
  EXPECT_EQ(parse("data: a\r\rdata: b\r\r"), expected);
  EXPECT_EQ(parse("data: a\r\n\ndata: b\n\r\n"), expected);
}

TEST(SseParserTest, CrAtTheEndOfOneReadAndLfAtTheStartOfTheNextAreOneLineEnd) {
  auto events = parsePieces({"data: a\r", "\ndata: b\r", "\n\r", "\n"});
  EXPECT_EQ(events, (std::vector<SseEvent>{{"message", "a\nb", ""}}));
}

TEST(SseParserTest, GivesTheSameEventsHoweverTheStreamIsSplit) {
  EXPECT_EQ(parse(kRichStream), kRichEvents);
  EXPECT_EQ(parseByteByByte(kRichStream), kRichEvents);
  for (std::size_t i = 0; i <= kRichStream.size(); ++i) {
    for (std::size_t j = i; j <= kRichStream.size(); j += 3) {
      auto events = parsePieces(
          {kRichStream.substr(0, i), kRichStream.substr(i, j - i), kRichStream.substr(j)});
      ASSERT_EQ(events, kRichEvents) << "split at " << i << " and " << j;
    }
  }
}

TEST(SseParserTest, DropsALeadingByteOrderMarkEvenWhenSplit) {
  EXPECT_EQ(parsePieces({"\xEF", "\xBB", "\xBF", "data: x\n\n"}),
            (std::vector<SseEvent>{{"message", "x", ""}}));
}

TEST(SseParserTest, KeepsBytesThatOnlyLookedLikeTheStartOfAByteOrderMark) {
  // "\xEF\xBB" followed by something else is the start of an (unknown) field, not a BOM.
  EXPECT_EQ(parsePieces({"\xEF\xBB", "x: 1\ndata: y\n\n"}),
            (std::vector<SseEvent>{{"message", "y", ""}}));
  EXPECT_EQ(parsePieces({"\xEF\xBB"}), std::vector<SseEvent>{});
}

TEST(SseParserTest, OnlyTheFirstByteOrderMarkIsDropped) {
  // A second BOM makes the next line's field name "\xEF\xBB\xBF" + "data", which is unknown.
  EXPECT_EQ(parse("\xEF\xBB\xBF\xEF\xBB\xBF"
                  "data: x\n\ndata: y\n\n"),
            (std::vector<SseEvent>{{"message", "y", ""}}));
}

TEST(SseParserTest, AFieldWithoutValueIsEmpty) {
  EXPECT_EQ(parse("data\n\n"), (std::vector<SseEvent>{{"message", "", ""}}));
  EXPECT_EQ(parse("event\ndata: x\n\n"), (std::vector<SseEvent>{{"message", "x", ""}}));
}

TEST(SseParserTest, AnEventWithoutDataIsNotDispatchedAndItsNameIsForgotten) {
  EXPECT_EQ(parse("event: lonely\n\ndata: x\n\n"), (std::vector<SseEvent>{{"message", "x", ""}}));
}

TEST(SseParserTest, IgnoresUnknownFields) {
  EXPECT_EQ(parse("foo: bar\ndata: x\nbaz\n\n"), (std::vector<SseEvent>{{"message", "x", ""}}));
}

TEST(SseParserTest, ReadsRetryOnlyWhenItIsDigits) {
  SseParser parser;
  auto ignore = [](const SseEvent&) {};
  parser.feed("retry: 1500\n\n", ignore);
  EXPECT_EQ(parser.retryMs(), 1500);
  parser.feed("retry: 15x\nretry: -3\nretry:\n\n", ignore);
  EXPECT_EQ(parser.retryMs(), 1500);
}

TEST(SseParserTest, FinishDeliversALastEventWithoutItsBlankLine) {
  EXPECT_EQ(parse("data: [DONE]"), (std::vector<SseEvent>{{"message", "[DONE]", ""}}));
  EXPECT_EQ(parse("data: x\n"), (std::vector<SseEvent>{{"message", "x", ""}}));
  EXPECT_TRUE(parse("event: half\n").empty());
}

TEST(SseParserTest, StopsAtTheSizeLimitWithAClearError) {
  SseParser parser(64);
  int events = 0;
  auto count = [&](const SseEvent&) { ++events; };
  EXPECT_TRUE(parser.feed("data: small\n\n", count));
  EXPECT_FALSE(parser.feed("data: " + std::string(100, 'x'), count));
  ASSERT_TRUE(parser.failed());
  EXPECT_NE(parser.error()->find("64 bytes"), std::string::npos) << *parser.error();
  EXPECT_FALSE(parser.feed("\n\ndata: later\n\n", count));
  EXPECT_FALSE(parser.finish(count));
  EXPECT_EQ(events, 1);
}

TEST(SseParserTest, TheLimitCountsDataAccumulatedOverManyLines) {
  SseParser parser(64);
  bool ok = true;
  for (int i = 0; i < 20 && ok; ++i) ok = parser.feed("data: 0123456789\n", [](const SseEvent&) {});
  EXPECT_FALSE(ok);
}

}  // namespace
}  // namespace gloss::llm
