#include <catch2/catch_test_macros.hpp>

TEST_CASE("misc works", "[misc]") {
  REQUIRE(true);
}
