#include <gtest/gtest.h>

TEST(FormatTest, Formats) {
  EXPECT_TRUE(true);
}
