#include <gtest/gtest.h>

TEST(ParserTest, Parses) {
  EXPECT_EQ(1 + 1, 2);
}
