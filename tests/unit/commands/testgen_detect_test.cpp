// Framework detection on the hand-written fixture repositories (tests/data/testgen): the exact
// framework, the evidence people see, the existing test to imitate and where the new test goes.
#include <algorithm>

#include "testgen_test_support.h"

namespace gloss::commands::testgen_test {
namespace {

struct Expected {
  std::string fixture;
  std::string source;
  TestFramework framework;
  std::string evidence;  // one of the evidence strings
  std::string example;   // relative to the fixture root
  std::string proposed;  // relative to the fixture root
};

void PrintTo(const Expected& expected, std::ostream* out) {
  *out << expected.fixture << "/" << expected.source;
}

class TestgenDetectTest : public ::testing::TestWithParam<Expected> {};

TEST_P(TestgenDetectTest, FindsFrameworkExampleAndPath) {
  const Expected& expected = GetParam();
  fs::path root = fixtureRoot(expected.fixture);
  auto detection = detectTestFramework(root.string(), (root / expected.source).string());
  ASSERT_TRUE(detection.has_value());
  EXPECT_EQ(toString(detection->framework), std::string(toString(expected.framework)));
  EXPECT_FALSE(detection->guessed);
  EXPECT_NE(std::find(detection->evidence.begin(), detection->evidence.end(), expected.evidence),
            detection->evidence.end())
      << "evidence: " << ::testing::PrintToString(detection->evidence);
  EXPECT_EQ(detection->exampleTest, (root / expected.example).string());
  EXPECT_EQ(detection->proposedPath, (root / expected.proposed).string());
  EXPECT_FALSE(detection->proposedExists);
}

INSTANTIATE_TEST_SUITE_P(
    Fixtures, TestgenDetectTest,
    ::testing::Values(Expected{"pytest", "pkg/geometry.py", TestFramework::Pytest,
                               "pyproject.toml [tool.pytest.ini_options]", "tests/test_existing.py",
                               "tests/test_geometry.py"},
                      Expected{"unittest", "mathutil.py", TestFramework::Unittest,
                               "tests/test_old.py imports unittest", "tests/test_old.py",
                               "tests/test_mathutil.py"},
                      Expected{"jest", "src/math.js", TestFramework::Jest,
                               "package.json devDependencies: jest",
                               "src/__tests__/existing.test.js", "src/__tests__/math.test.js"},
                      Expected{"jest", "src/format.ts", TestFramework::Jest, "jest.config.js",
                               "src/__tests__/existing.test.js", "src/__tests__/format.test.ts"},
                      Expected{"vitest", "src/strings.ts", TestFramework::Vitest,
                               "vitest.config.ts", "src/slug.test.ts", "src/strings.test.ts"},
                      Expected{"mocha", "lib/parser.mjs", TestFramework::Mocha, ".mocharc.json",
                               "test/existing.spec.mjs", "test/parser.spec.mjs"},
                      Expected{"mocha", "lib/legacy.js", TestFramework::Mocha,
                               "package.json devDependencies: mocha", "test/existing.spec.mjs",
                               "test/legacy.spec.js"},
                      Expected{"googletest", "src/counter.h", TestFramework::GoogleTest,
                               "CMakeLists.txt: find_package(GTest)", "tests/format_test.cpp",
                               "tests/counter_test.cpp"},
                      Expected{"googletest", "src/checksum.c", TestFramework::GoogleTest,
                               "CMakeLists.txt: gtest_discover_tests", "tests/format_test.cpp",
                               "tests/checksum_test.cpp"},
                      Expected{"catch2", "src/stack.hpp", TestFramework::Catch2,
                               "CMakeLists.txt: find_package(Catch2)", "test/test_misc.cpp",
                               "test/test_stack.cpp"},
                      Expected{"gomod", "shapes/area.go", TestFramework::GoTest,
                               "go.mod (module example.com/shapes)", "shapes/circle_test.go",
                               "shapes/area_test.go"},
                      Expected{"cargo", "src/shapes.rs", TestFramework::CargoTest, "Cargo.toml",
                               "tests/version.rs", "tests/shapes.rs"},
                      Expected{"cargo", "src/lib.rs", TestFramework::CargoTest, "tests/",
                               "tests/version.rs", "tests/geo_kit.rs"},
                      Expected{"junit5", "src/main/java/com/example/calc/Calculator.java",
                               TestFramework::JUnit5, "pom.xml: org.junit.jupiter",
                               "src/test/java/com/example/calc/NegateTest.java",
                               "src/test/java/com/example/calc/CalculatorTest.java"}));

TEST(TestgenDetectMiscTest, UnsupportedLanguageHasNoFramework) {
  fs::path root = fixtureRoot("pytest");
  EXPECT_FALSE(detectTestFramework(root.string(), (root / "pyproject.toml").string()));
}

TEST(TestgenDetectMiscTest, NoEvidenceGuessesTheDefaultBesideTheSource) {
  TempFolder folder;
  writeText(folder.path() / "tool" / "cli.py", "def main():\n    pass\n");
  auto detection =
      detectTestFramework(folder.path().string(), (folder.path() / "tool/cli.py").string());
  ASSERT_TRUE(detection);
  EXPECT_EQ(detection->framework, TestFramework::Pytest);
  EXPECT_TRUE(detection->guessed);
  EXPECT_TRUE(detection->evidence.empty());
  EXPECT_TRUE(detection->exampleTest.empty());
  EXPECT_EQ(detection->proposedPath, (folder.path() / "tool/test_cli.py").string());
}

TEST(TestgenDetectMiscTest, ExistingProposalIsReported) {
  FixtureCopy copy("gomod");
  writeText(copy.root() / "shapes/area_test.go", "package shapes\n");
  auto detection = detectTestFramework(copy.root().string(), copy.path("shapes/area.go"));
  ASSERT_TRUE(detection);
  EXPECT_TRUE(detection->proposedExists);
}

TEST(TestgenDetectMiscTest, SourceOutsideTheRootStillProposesInsideIt) {
  TempFolder outside;
  writeText(outside.path() / "lone.py", "def f():\n    pass\n");
  fs::path root = fixtureRoot("pytest");
  auto detection = detectTestFramework(root.string(), (outside.path() / "lone.py").string());
  ASSERT_TRUE(detection);
  EXPECT_EQ(detection->proposedPath, (root / "tests/test_lone.py").string());
}

TEST(TestgenDetectMiscTest, GradleJUnit4AndSkippedFolders) {
  TempFolder folder;
  const fs::path& root = folder.path();
  writeText(root / "build.gradle", "dependencies { testImplementation 'junit:junit:4.13.2' }\n");
  writeText(root / "src/main/java/org/demo/Box.java", "package org.demo;\npublic class Box {}\n");
  writeText(root / "src/test/java/org/demo/OldTest.java",
            "package org.demo;\nimport org.junit.Test;\npublic class OldTest {}\n");
  // Tests in build output and hidden folders are not the repository's own.
  writeText(root / "build/generated/org/demo/JupiterTest.java",
            "import org.junit.jupiter.api.Test;\n");
  writeText(root / ".cache/org/demo/JupiterTest.java", "import org.junit.jupiter.api.Test;\n");
  auto detection =
      detectTestFramework(root.string(), (root / "src/main/java/org/demo/Box.java").string());
  ASSERT_TRUE(detection);
  EXPECT_EQ(detection->framework, TestFramework::JUnit4);
  EXPECT_EQ(detection->exampleTest, (root / "src/test/java/org/demo/OldTest.java").string());
  EXPECT_EQ(detection->proposedPath, (root / "src/test/java/org/demo/BoxTest.java").string());
}

TEST(TestgenDetectMiscTest, SameFolderTestBeatsSiblingAndFarOnes) {
  TempFolder folder;
  const fs::path& root = folder.path();
  writeText(root / "pytest.ini", "[pytest]\n");
  writeText(root / "a/b/mod.py", "def f():\n    pass\n");
  writeText(root / "a/b/test_here.py", "def test_x():\n    pass\n");
  writeText(root / "a/tests/test_sibling.py", "def test_y():\n    pass\n");
  writeText(root / "z/test_far.py", "def test_z():\n    pass\n");
  auto detection = detectTestFramework(root.string(), (root / "a/b/mod.py").string());
  ASSERT_TRUE(detection);
  EXPECT_EQ(detection->exampleTest, (root / "a/b/test_here.py").string());
  EXPECT_EQ(detection->proposedPath, (root / "a/b/test_mod.py").string());
  fs::remove(root / "a/b/test_here.py");
  detection = detectTestFramework(root.string(), (root / "a/b/mod.py").string());
  ASSERT_TRUE(detection);
  EXPECT_EQ(detection->exampleTest, (root / "a/tests/test_sibling.py").string());
  EXPECT_EQ(detection->proposedPath, (root / "a/tests/test_mod.py").string());
}

}  // namespace
}  // namespace gloss::commands::testgen_test
