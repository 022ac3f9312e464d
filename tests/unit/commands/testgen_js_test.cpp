// JavaScript/TypeScript skeletons: pending tests per exported function and public method, the
// module imported in its own syntax by a path that resolves (node loads the written file with
// stand-ins for the runner's describe/it globals, which makes the import run for real).
#include "testgen_test_support.h"

namespace gloss::commands::testgen_test {
namespace {

// Loads the test file with Node; describe/test/it only record nothing, so what is checked is
// the syntax, the import path and that every imported name exists.
CommandResult loadWithNode(const std::string& path, bool esm) {
  std::string globals =
      "globalThis.describe=(n,f)=>f();globalThis.it=()=>{};"
      "globalThis.test={todo(){}};";
  if (esm) {
    return runCommand("node --input-type=module -e " +
                      shellQuoted(globals + "await import(" + "'file://" + path + "');"));
  }
  return runCommand("node -e " + shellQuoted(globals + "require('" + path + "');"));
}

TEST(TestgenJsTest, JestCommonJsSkeletonParsesAndLoads) {
  FixtureCopy copy("jest");
  Generated generated = generateFor(copy.root(), "src/math.js");
  const TestFile& file = generated.file;
  EXPECT_EQ(file.testNames, (std::vector<std::string>{"add", "subtract", "Counter.increment"}));
  EXPECT_TRUE(contains(file.content, "const { add, subtract, Counter } = require(\"../math\");"));
  EXPECT_TRUE(contains(file.content, "describe(\"Counter\", () => {\n  test.todo(\"increment\");"));
  EXPECT_FALSE(contains(file.content, "_clamp"));
  EXPECT_FALSE(contains(file.content, "_reset"));
  EXPECT_FALSE(contains(file.content, "constructor"));

  writeText(file.path, file.content);
  CommandResult check = runCommand("node --check " + shellQuoted(file.path));
  EXPECT_EQ(check.exitCode, 0) << check.output << "\n" << file.content;
  CommandResult load = loadWithNode(file.path, false);
  EXPECT_EQ(load.exitCode, 0) << load.output;
}

TEST(TestgenJsTest, MochaEsmSkeletonImportsNamedDefaultAndRenamedExports) {
  FixtureCopy copy("mocha");
  Generated generated = generateFor(copy.root(), "lib/parser.mjs");
  const TestFile& file = generated.file;
  EXPECT_EQ(file.path, copy.path("test/parser.spec.mjs"));
  EXPECT_EQ(file.testNames, (std::vector<std::string>{"parseLine", "parseAll", "tidy"}));
  EXPECT_TRUE(
      contains(file.content, "import parseAll, { parseLine, tidy } from \"../lib/parser.mjs\";"));
  EXPECT_TRUE(contains(file.content, "  it(\"tidy\");\n"));
  EXPECT_FALSE(contains(file.content, "test.todo"));

  writeText(file.path, file.content);
  CommandResult check = runCommand("node --check " + shellQuoted(file.path));
  EXPECT_EQ(check.exitCode, 0) << check.output << "\n" << file.content;
  CommandResult load = loadWithNode(file.path, true);
  EXPECT_EQ(load.exitCode, 0) << load.output;
}

TEST(TestgenJsTest, MochaCommonJsExportsAssignment) {
  FixtureCopy copy("mocha");
  Generated generated = generateFor(copy.root(), "lib/legacy.js");
  EXPECT_EQ(generated.file.testNames, (std::vector<std::string>{"join"}));
  EXPECT_TRUE(contains(generated.file.content, "const { join } = require(\"../lib/legacy\");"));
  writeText(generated.file.path, generated.file.content);
  CommandResult load = loadWithNode(generated.file.path, false);
  EXPECT_EQ(load.exitCode, 0) << load.output;
}

TEST(TestgenJsTest, TypeScriptSkeletonsImportOnlyPublicExports) {
  Generated vitest = generateFor(fixtureRoot("vitest"), "src/strings.ts");
  EXPECT_EQ(vitest.file.testNames, (std::vector<std::string>{"slugify", "Template.render"}));
  EXPECT_TRUE(contains(vitest.file.content, "import { describe, test } from \"vitest\";\n"));
  EXPECT_TRUE(contains(vitest.file.content, "import { slugify, Template } from \"./strings\";\n"));
  EXPECT_FALSE(contains(vitest.file.content, "_internal"));
  EXPECT_FALSE(contains(vitest.file.content, "compile"));

  Generated jest = generateFor(fixtureRoot("jest"), "src/format.ts");
  EXPECT_EQ(jest.file.testNames, (std::vector<std::string>{"pad", "shout"}));
  EXPECT_TRUE(contains(jest.file.content, "import { pad, shout } from \"../format\";\n"));
  EXPECT_FALSE(contains(jest.file.content, "hidden"));
}

}  // namespace
}  // namespace gloss::commands::testgen_test
