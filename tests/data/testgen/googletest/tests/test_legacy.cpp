#include <gtest/gtest.h>

TEST(LegacyTest, Works) {
  EXPECT_FALSE(false);
}
