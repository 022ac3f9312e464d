// C and C++ skeletons: GoogleTest files that compile against the fixture's headers (public
// members only, declared-only methods included, static helpers and private members left out),
// and Catch2 files that reuse the repository's own Catch2 include.
#include "testgen_test_support.h"

namespace gloss::commands::testgen_test {
namespace {

void expectCompiles(const FixtureCopy& copy, const TestFile& file) {
  writeText(file.path, file.content);
  CommandResult compiled = runCommand("c++ -std=c++17 -fsyntax-only -I" +
                                      shellQuoted(copy.path("src")) + " " + shellQuoted(file.path));
  EXPECT_EQ(compiled.exitCode, 0) << compiled.output << "\n" << file.content;
}

TEST(TestgenNativeTest, GoogleTestSkeletonOfAHeaderCompiles) {
  FixtureCopy copy("googletest");
  Generated generated = generateFor(copy.root(), "src/counter.h");
  const TestFile& file = generated.file;
  EXPECT_EQ(file.testNames, (std::vector<std::string>{"CounterTest.Increment", "CounterTest.Value",
                                                      "CounterTest.FromString"}));
  EXPECT_TRUE(contains(file.content, "#include \"../src/counter.h\"\n"));
  EXPECT_TRUE(contains(file.content, "GTEST_SKIP() << \"TODO: test demo::Counter::increment\";"));
  EXPECT_FALSE(contains(file.content, "Reset"));
  expectCompiles(copy, file);
}

TEST(TestgenNativeTest, SourceFileUsesTheHeaderForMemberAccess) {
  FixtureCopy copy("googletest");
  Generated generated = generateFor(copy.root(), "src/counter.cpp");
  EXPECT_EQ(generated.file.testNames,
            (std::vector<std::string>{"CounterTest.Increment", "CounterTest.FromString",
                                      "CounterTest.Add"}));
  EXPECT_FALSE(contains(generated.file.content, "ClampToZero"));
  expectCompiles(copy, generated.file);
}

TEST(TestgenNativeTest, CSourceIsIncludedAsC) {
  FixtureCopy copy("googletest");
  Generated generated = generateFor(copy.root(), "src/checksum.c");
  EXPECT_EQ(generated.file.testNames, (std::vector<std::string>{"ChecksumTest.Checksum"}));
  EXPECT_TRUE(
      contains(generated.file.content, "extern \"C\" {\n#include \"../src/checksum.h\"\n}"));
  EXPECT_FALSE(contains(generated.file.content, "Rotate"));
  expectCompiles(copy, generated.file);
}

TEST(TestgenNativeTest, Catch2SkeletonIsTaggedMayFail) {
  Generated generated = generateFor(fixtureRoot("catch2"), "src/stack.hpp");
  const TestFile& file = generated.file;
  EXPECT_EQ(file.testNames,
            (std::vector<std::string>{"Stack::push", "Stack::pop", "Stack::empty"}));
  EXPECT_TRUE(contains(file.content, "#include <catch2/catch_test_macros.hpp>\n"));
  EXPECT_TRUE(contains(file.content, "#include \"../src/stack.hpp\"\n"));
  EXPECT_TRUE(contains(file.content,
                       "TEST_CASE(\"Stack::pop\", \"[stack][!mayfail]\") {\n"
                       "  FAIL(\"TODO: test Stack::pop\");\n}\n"));
  EXPECT_FALSE(contains(file.content, "items_"));
}

}  // namespace
}  // namespace gloss::commands::testgen_test
