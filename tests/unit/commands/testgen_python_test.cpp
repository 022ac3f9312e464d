// Python skeletons: one skipped test per public function and method, the module imported by
// its dotted name, and the file accepted by the real interpreter (py_compile; pytest or unittest
// run it green with every test skipped).
#include "testgen_test_support.h"

namespace gloss::commands::testgen_test {
namespace {

bool pytestAvailable() {
  return runCommand("python3 -c 'import pytest'").exitCode == 0;
}

TEST(TestgenPythonTest, PytestSkeletonTestsPublicFunctionsAndMethods) {
  FixtureCopy copy("pytest");
  Generated generated = generateFor(copy.root(), "pkg/geometry.py");
  const TestFile& file = generated.file;
  EXPECT_EQ(file.path, copy.path("tests/test_geometry.py"));
  EXPECT_EQ(file.testNames,
            (std::vector<std::string>{"test_area", "test_perimeter", "TestShape.test_scale",
                                      "TestShape.test_describe"}));
  EXPECT_TRUE(contains(file.content, "import pytest\n"));
  EXPECT_TRUE(contains(file.content, "from pkg.geometry import area, perimeter, Shape\n"));
  EXPECT_TRUE(contains(file.content, "def test_area():\n    pytest.skip(\"TODO: test area\")\n"));
  EXPECT_TRUE(contains(file.content, "class TestShape:\n    def test_scale(self):\n"));
  EXPECT_FALSE(contains(file.content, "_check"));
  EXPECT_FALSE(contains(file.content, "_secret"));
  EXPECT_FALSE(contains(file.content, "__init__"));

  writeText(file.path, file.content);
  CommandResult compiled = runCommand("python3 -m py_compile " + shellQuoted(file.path));
  EXPECT_EQ(compiled.exitCode, 0) << compiled.output << "\n" << file.content;
  if (!pytestAvailable()) GTEST_SKIP() << "pytest is not installed: only py_compile was run";
  CommandResult run =
      runCommand("cd " + shellQuoted(copy.root().string()) +
                 " && python3 -m pytest -q -p no:cacheprovider " + shellQuoted(file.path));
  EXPECT_EQ(run.exitCode, 0) << run.output;
  EXPECT_TRUE(contains(run.output, "4 skipped")) << run.output;
}

TEST(TestgenPythonTest, UnittestSkeletonRunsGreenWithEveryTestSkipped) {
  FixtureCopy copy("unittest");
  Generated generated = generateFor(copy.root(), "mathutil.py");
  const TestFile& file = generated.file;
  EXPECT_EQ(file.testNames,
            (std::vector<std::string>{"TestMathutil.test_add", "TestAccumulator.test_push"}));
  EXPECT_TRUE(contains(file.content, "from mathutil import add, Accumulator\n"));
  EXPECT_TRUE(contains(file.content, "class TestMathutil(unittest.TestCase):\n"));
  EXPECT_TRUE(contains(file.content, "self.skipTest(\"TODO: test Accumulator.push\")"));
  EXPECT_FALSE(contains(file.content, "_double"));

  writeText(file.path, file.content);
  CommandResult run = runCommand("cd " + shellQuoted(copy.root().string()) +
                                 " && python3 -m unittest -v tests/test_mathutil.py");
  EXPECT_EQ(run.exitCode, 0) << run.output << "\n" << file.content;
  EXPECT_TRUE(contains(run.output, "OK (skipped=2)")) << run.output;
}

TEST(TestgenPythonTest, TargetClassStandsForItsPublicMethods) {
  fs::path root = fixtureRoot("pytest");
  std::string source = (root / "pkg/geometry.py").string();
  SkeletonInput input;
  input.root = root.string();
  input.sourcePath = source;
  input.sourceText = readText(source);
  for (const auto& symbol : indexer::chunkText(source, input.sourceText).symbols) {
    if (symbol.name == "Shape") input.symbols.push_back(symbol);
  }
  ASSERT_EQ(input.symbols.size(), 1u);
  input.framework = *detectTestFramework(root.string(), source);
  TestFile file = buildTestSkeleton(input);
  EXPECT_EQ(file.testNames,
            (std::vector<std::string>{"TestShape.test_scale", "TestShape.test_describe"}));
  EXPECT_TRUE(contains(file.content, "from pkg.geometry import Shape\n"));
}

TEST(TestgenPythonTest, PrivateSymbolsAreTestedWhenNothingElseIsLeft) {
  TempFolder folder;
  writeText(folder.path() / "helpers.py", "def _only():\n    return 1\n");
  Generated generated = generateFor(folder.path(), "helpers.py");
  EXPECT_EQ(generated.file.testNames, (std::vector<std::string>{"test__only"}));
  writeText(generated.file.path, generated.file.content);
  EXPECT_EQ(runCommand("python3 -m py_compile " + shellQuoted(generated.file.path)).exitCode, 0)
      << generated.file.content;
}

}  // namespace
}  // namespace gloss::commands::testgen_test
