#include <gtest/gtest.h>

#include "protocol/LineTable.h"

namespace gloss::protocol {
namespace {

TEST(LineTable, OffsetsAndPositionsRoundTripInAsciiText) {
  std::string text = "ab\ncd\r\nef";
  LineTable table(text);
  EXPECT_EQ(table.lineCount(), 3u);
  EXPECT_EQ(table.lineText(1), "cd");
  EXPECT_EQ(table.offsetOf({1, 1}, PositionEncoding::Utf16), 4u);
  EXPECT_EQ(table.positionOf(4, PositionEncoding::Utf16), (Position{1, 1}));
  EXPECT_EQ(table.offsetOf({2, 2}, PositionEncoding::Utf16), text.size());
}

TEST(LineTable, ClampsPastLineAndTextEnds) {
  LineTable table("abc\ndef");
  EXPECT_EQ(table.offsetOf({0, 99}, PositionEncoding::Utf16), 3u);  // end of line 0, before \n
  EXPECT_EQ(table.offsetOf({7, 0}, PositionEncoding::Utf16), 7u);
}

TEST(LineTable, Utf16CountsAstralCharactersAsTwoUnits) {
  // "é" is 2 bytes / 1 unit, "€" 3 bytes / 1 unit, "😀" 4 bytes / 2 units.
  std::string text = "x\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80y";
  LineTable table(text);
  EXPECT_EQ(table.positionOf(text.size() - 1, PositionEncoding::Utf16), (Position{0, 5}));
  EXPECT_EQ(table.positionOf(text.size() - 1, PositionEncoding::Utf8), (Position{0, 10}));
  EXPECT_EQ(table.offsetOf({0, 5}, PositionEncoding::Utf16), text.size() - 1);
  // A column inside a surrogate pair lands before the character, never inside it.
  EXPECT_EQ(table.offsetOf({0, 4}, PositionEncoding::Utf16), 6u);
}

TEST(LineTable, InvalidUtf8DoesNotBreakCounting) {
  std::string text =
      "a\xff\xfe"
      "b";
  LineTable table(text);
  EXPECT_EQ(table.positionOf(3, PositionEncoding::Utf16), (Position{0, 3}));
  std::string truncated = "a\xf0\x9f";
  EXPECT_LE(LineTable(truncated).offsetOf({0, 9}, PositionEncoding::Utf16), truncated.size());
}

}  // namespace
}  // namespace gloss::protocol
