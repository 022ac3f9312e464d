#include <catch2/catch_test_macros.hpp>

TEST_CASE("queue works", "[queue]") {
  REQUIRE(1 == 1);
}
