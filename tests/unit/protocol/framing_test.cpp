#include "protocol/Framing.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace gloss::protocol {
namespace {

std::vector<FrameEvent> drain(FrameDecoder& decoder) {
  std::vector<FrameEvent> events;
  while (auto event = decoder.next()) events.push_back(std::move(*event));
  return events;
}

std::vector<std::string> bodies(const std::vector<FrameEvent>& events) {
  std::vector<std::string> out;
  for (const auto& e : events) {
    if (e.kind == FrameEvent::Kind::Body) out.push_back(e.body);
  }
  return out;
}

TEST(Framing, EncodesContentLength) {
  EXPECT_EQ(encodeFrame("{}"), "Content-Length: 2\r\n\r\n{}");
  EXPECT_EQ(encodeFrame("é"), "Content-Length: 2\r\n\r\né");  // bytes, not characters
}

TEST(Framing, DecodesOneMessage) {
  FrameDecoder decoder(1024);
  decoder.feed("Content-Length: 7\r\n\r\n{\"a\":1}");
  auto events = drain(decoder);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].kind, FrameEvent::Kind::Body);
  EXPECT_EQ(events[0].body, "{\"a\":1}");
  EXPECT_FALSE(decoder.midMessage());
}

TEST(Framing, HeadersSplitAcrossEveryByte) {
  std::string stream = encodeFrame("{\"x\":true}") + encodeFrame("[1,2]");
  FrameDecoder decoder(1024);
  std::vector<FrameEvent> events;
  for (char c : stream) {
    decoder.feed(std::string_view(&c, 1));
    for (auto& e : drain(decoder)) events.push_back(std::move(e));
  }
  EXPECT_EQ(bodies(events), (std::vector<std::string>{"{\"x\":true}", "[1,2]"}));
  EXPECT_EQ(events.size(), 2u);
}

TEST(Framing, SeveralMessagesInOneRead) {
  FrameDecoder decoder(1024);
  decoder.feed(encodeFrame("1") + encodeFrame("22") + encodeFrame("333"));
  EXPECT_EQ(bodies(drain(decoder)), (std::vector<std::string>{"1", "22", "333"}));
}

TEST(Framing, AcceptsContentTypeAndHeaderCase) {
  FrameDecoder decoder(1024);
  decoder.feed(
      "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\ncontent-length: 2\r\n\r\n{}");
  auto events = drain(decoder);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].body, "{}");
}

TEST(Framing, MissingContentLengthIsReportedAndNextMessageStillDecodes) {
  FrameDecoder decoder(1024);
  decoder.feed("Content-Type: text/plain\r\n\r\n{}" + encodeFrame("ok"));
  auto events = drain(decoder);
  EXPECT_EQ(bodies(events), std::vector<std::string>{"ok"});
}

TEST(Framing, WrongContentLengthValueIsRefused) {
  FrameDecoder decoder(1024);
  decoder.feed("Content-Length: twelve\r\n\r\n{}" + encodeFrame("next"));
  auto events = drain(decoder);
  ASSERT_GE(events.size(), 2u);
  EXPECT_EQ(events[0].kind, FrameEvent::Kind::BadHeader);
  EXPECT_NE(events[0].detail.find("invalid Content-Length"), std::string::npos);
  EXPECT_EQ(bodies(events), std::vector<std::string>{"next"});
}

TEST(Framing, NegativeAndOverflowingLengthsAreRefused) {
  for (std::string bad : {"-5", "99999999999999999999999999", "1e3", ""}) {
    FrameDecoder decoder(1024);
    decoder.feed("Content-Length: " + bad + "\r\n\r\n" + encodeFrame("after"));
    auto events = drain(decoder);
    ASSERT_FALSE(events.empty()) << bad;
    EXPECT_EQ(events[0].kind, FrameEvent::Kind::BadHeader) << bad;
    EXPECT_EQ(bodies(events), std::vector<std::string>{"after"}) << bad;
  }
}

TEST(Framing, HugeLengthIsRefusedWithoutBufferingAndStreamResyncs) {
  FrameDecoder decoder(64);
  // A 2 GB claim: the decoder must not try to allocate it; it skips what arrives.
  decoder.feed("Content-Length: 2147483648\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":42,");
  auto events = drain(decoder);
  EXPECT_TRUE(events.empty());
  EXPECT_TRUE(decoder.midMessage());
}

TEST(Framing, OversizedMessageIsSkippedAndItsIdRecovered) {
  FrameDecoder decoder(16);
  std::string big = R"({"jsonrpc":"2.0","id":"req-7","method":"x","params":{"id":99,"pad":")" +
                    std::string(100, 'a') + "\"}}";
  decoder.feed(encodeFrame(big) + encodeFrame("{}"));
  auto events = drain(decoder);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].kind, FrameEvent::Kind::Oversized);
  ASSERT_TRUE(events[0].recoveredId.has_value());
  EXPECT_EQ(*events[0].recoveredId, "\"req-7\"");
  EXPECT_NE(events[0].detail.find("exceeds the limit of 16 bytes"), std::string::npos);
  EXPECT_EQ(events[1].body, "{}");
}

TEST(Framing, GarbageBeforeAHeaderIsSkipped) {
  FrameDecoder decoder(1024);
  decoder.feed("\x01\x02 hello garbage \xff\xfe" + encodeFrame("{}"));
  auto events = drain(decoder);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].kind, FrameEvent::Kind::Garbage);
  EXPECT_EQ(events[1].body, "{}");
}

TEST(Framing, EndlessGarbageIsBounded) {
  FrameDecoder decoder(1024);
  std::size_t garbageEvents = 0;
  for (int i = 0; i < 1000; ++i) {
    decoder.feed(std::string(1024, 'z'));
    for (auto& e : drain(decoder)) garbageEvents += e.kind == FrameEvent::Kind::Garbage;
  }
  EXPECT_GT(garbageEvents, 0u);
  decoder.feed(encodeFrame("{}"));
  EXPECT_EQ(bodies(drain(decoder)), std::vector<std::string>{"{}"});
}

TEST(Framing, TruncatedBodyAtEofIsMidMessage) {
  FrameDecoder decoder(1024);
  decoder.feed("Content-Length: 10\r\n\r\n{\"a\"");
  EXPECT_TRUE(drain(decoder).empty());
  EXPECT_TRUE(decoder.midMessage());
}

TEST(Framing, NonUtf8BodyIsFramedAsIs) {
  // Framing counts bytes; checking the encoding is the JSON-RPC layer's job.
  FrameDecoder decoder(1024);
  decoder.feed(encodeFrame("\xc3\x28"));
  auto events = drain(decoder);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].body, "\xc3\x28");
}

TEST(Framing, ScanTopLevelIdIgnoresNestedIds) {
  EXPECT_EQ(scanTopLevelId(R"({"params":{"id":5},"id":6})"), "6");
  EXPECT_EQ(scanTopLevelId(R"({"id" : "a\"b"})"), "\"a\\\"b\"");
  EXPECT_EQ(scanTopLevelId(R"({"method":"x","params":{"id":5})"), std::nullopt);
  EXPECT_EQ(scanTopLevelId(R"({"id":)"), std::nullopt);
}

}  // namespace
}  // namespace gloss::protocol
