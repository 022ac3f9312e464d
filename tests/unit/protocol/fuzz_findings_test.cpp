// Inputs the fuzzers (tests/fuzz, docs/fuzzing.md) found mishandled in the protocol layer, each
// kept as a test. Some of them only misbehave in a sanitizer build (undefined behaviour that
// happens to give the right answer on x86), which is how the suites are also run.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>

#include "protocol/JsonMapping.h"

namespace gloss::protocol {
namespace {

std::optional<std::string> parseInt64(const json::value& v, std::int64_t& out) {
  JsonPath::Root root("params");
  fromJSON(v, out, JsonPath(root));
  return root.error();
}

// params fuzzer: {"line": 1111...1.0} cast a double far beyond int64 to an integer.
TEST(ProtocolFuzzFindings, DoublesOutsideInt64AreNotIntegers) {
  for (double d : {1.11111e77, -1e19, 9223372036854775808.0, std::nan(""),
                   std::numeric_limits<double>::infinity()}) {
    std::int64_t out = 7;
    EXPECT_EQ(parseInt64(json::value(d), out), "params: expected integer") << d;
    EXPECT_EQ(out, 7);
  }
}

TEST(ProtocolFuzzFindings, IntegralDoublesInsideInt64StillParse) {
  std::int64_t out = 0;
  EXPECT_EQ(parseInt64(json::value(3.0), out), std::nullopt);
  EXPECT_EQ(out, 3);
  EXPECT_EQ(parseInt64(json::value(-9223372036854775808.0), out), std::nullopt);
  EXPECT_EQ(out, std::numeric_limits<std::int64_t>::min());
  EXPECT_EQ(parseInt64(json::value(2.5), out), "params: expected integer");
}

TEST(ProtocolFuzzFindings, HugeLineNumberInParamsNamesItsPath) {
  json::value params = json::parse(R"({"line": 1.11111e77, "character": 0})");
  JsonPath::Root root("params");
  int line = 0;
  ObjectMapper o(params, JsonPath(root));
  EXPECT_FALSE(o.map("line", line));
  EXPECT_EQ(root.error(), "params.line: expected integer");
}

}  // namespace
}  // namespace gloss::protocol
