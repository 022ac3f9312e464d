// Counts on the command line: digits only, and an overflow is an error, not a crash.
#include <gtest/gtest.h>

#include "server/CliArgs.h"

namespace gloss::server {
namespace {

TEST(CliArgs, ParseCountTakesDigitsOnly) {
  std::uint64_t n = 0;
  EXPECT_TRUE(parseCount("42", n));
  EXPECT_EQ(n, 42u);
  EXPECT_TRUE(parseCount("18446744073709551615", n));
  EXPECT_EQ(n, UINT64_MAX);
  for (const char* bad : {"", "-1", "+3", "1e3", "12x", " 7", "18446744073709551616",
                          "99999999999999999999999"}) {
    EXPECT_FALSE(parseCount(bad, n)) << bad;
  }
}

}  // namespace
}  // namespace gloss::server
