// Go, Rust and Java skeletons: exported/pub/public symbols only, the source's package or crate
// path, and files the real toolchains accept (gofmt, cargo test, javac) when they are installed.
#include "testgen_test_support.h"

namespace gloss::commands::testgen_test {
namespace {

TEST(TestgenCompiledTest, GoSkeletonIsInThePackageAndGofmtClean) {
  FixtureCopy copy("gomod");
  Generated generated = generateFor(copy.root(), "shapes/area.go");
  const TestFile& file = generated.file;
  EXPECT_EQ(file.testNames,
            (std::vector<std::string>{"TestRect_Area", "TestRect_Scale", "TestSquare"}));
  EXPECT_EQ(file.content,
            "package shapes\n\nimport \"testing\"\n\n"
            "// Each test is skipped until it is written.\n\n"
            "func TestRect_Area(t *testing.T) {\n\tt.Skip(\"TODO: test Rect.Area\")\n}\n\n"
            "func TestRect_Scale(t *testing.T) {\n\tt.Skip(\"TODO: test Rect.Scale\")\n}\n\n"
            "func TestSquare(t *testing.T) {\n\tt.Skip(\"TODO: test Square\")\n}\n");
  writeText(file.path, file.content);
  // `go` ships gofmt in its GOROOT even when only `go` itself is on PATH.
  std::string gofmt = onPath("gofmt") ? "gofmt"
                      : onPath("go")  ? "\"$(go env GOROOT)/bin/gofmt\""
                                      : "";
  if (gofmt.empty()) GTEST_SKIP() << "neither gofmt nor go is on PATH: gofmt -l was not run";
  CommandResult listed = runCommand(gofmt + " -l " + shellQuoted(file.path));
  EXPECT_EQ(listed.exitCode, 0) << listed.output;
  EXPECT_EQ(listed.output, "");
}

TEST(TestgenCompiledTest, RustSkeletonImportsPubItemsAndCargoTestPasses) {
  FixtureCopy copy("cargo");
  Generated generated = generateFor(copy.root(), "src/shapes.rs");
  const TestFile& file = generated.file;
  EXPECT_EQ(file.path, copy.path("tests/shapes.rs"));
  EXPECT_EQ(file.testNames,
            (std::vector<std::string>{"test_rect_new", "test_rect_area", "test_square"}));
  EXPECT_TRUE(contains(file.content, "use geo_kit::shapes::{Rect, square};\n"));
  EXPECT_TRUE(contains(file.content,
                       "#[test]\n#[ignore]\nfn test_square() {\n"
                       "    todo!(\"test square\");\n}\n"));
  EXPECT_FALSE(contains(file.content, "half"));
  EXPECT_FALSE(contains(file.content, "clamp"));
  writeText(file.path, file.content);
  if (!onPath("cargo")) GTEST_SKIP() << "cargo is not on PATH: the skeleton was not built";
  CommandResult run = runCommand("cd " + shellQuoted(copy.root().string()) +
                                 " && cargo test --offline --quiet --test shapes");
  EXPECT_EQ(run.exitCode, 0) << run.output;
  EXPECT_TRUE(contains(run.output, "3 ignored")) << run.output;
}

// Just enough of JUnit 5's API for javac to check the skeleton's syntax, package and imports.
void writeJUnitStubs(const fs::path& folder) {
  fs::path api = folder / "org/junit/jupiter/api";
  writeText(api / "Test.java", "package org.junit.jupiter.api;\npublic @interface Test {}\n");
  writeText(api / "Disabled.java",
            "package org.junit.jupiter.api;\npublic @interface Disabled { String value(); }\n");
  writeText(api / "Assertions.java",
            "package org.junit.jupiter.api;\npublic class Assertions {\n"
            "  public static <V> V fail(String message) { throw new AssertionError(message); }\n"
            "}\n");
}

TEST(TestgenCompiledTest, JavaSkeletonTestsPublicMethodsOnceAndCompiles) {
  FixtureCopy copy("junit5");
  Generated generated = generateFor(copy.root(), "src/main/java/com/example/calc/Calculator.java");
  const TestFile& file = generated.file;
  EXPECT_EQ(file.testNames,
            (std::vector<std::string>{"CalculatorTest.add", "CalculatorTest.negate"}));
  EXPECT_TRUE(contains(file.content, "package com.example.calc;\n"));
  EXPECT_TRUE(contains(file.content,
                       "  @Test\n  @Disabled(\"TODO: write this test\")\n"
                       "  void negate() {\n"));
  EXPECT_FALSE(contains(file.content, "store"));
  EXPECT_FALSE(contains(file.content, "packagePrivate"));
  writeText(file.path, file.content);
  if (!onPath("javac")) GTEST_SKIP() << "javac is not on PATH: the skeleton was not compiled";
  TempFolder build;
  writeJUnitStubs(build.path() / "stubs");
  std::string sources = shellQuoted((build.path() / "stubs/org/junit/jupiter/api").string());
  CommandResult compiled = runCommand(
      "javac -d " + shellQuoted((build.path() / "out").string()) + " " + sources + "/*.java " +
      shellQuoted(copy.path("src/main/java/com/example/calc/Calculator.java")) + " " +
      shellQuoted(file.path));
  EXPECT_EQ(compiled.exitCode, 0) << compiled.output << "\n" << file.content;
}

}  // namespace
}  // namespace gloss::commands::testgen_test
