// Python skeletons: pytest functions (methods grouped in a `Test<Class>` class) or unittest
// TestCase classes, importing the module under test by its dotted name from the root.
//
// Each test is skipped rather than failing (`pytest.skip`, `self.skipTest`): the skeleton lands
// in a suite that is green, and stays green until each test is written, while the run still
// lists every TODO as skipped.
#include <algorithm>
#include <filesystem>
#include <map>

#include "commands/testgen/LanguagePaths.h"
#include "commands/testgen/SkeletonParts.h"

namespace gloss::commands::testgen {
namespace {

bool isValidModule(const std::string& module) {
  if (module.empty()) return false;
  std::size_t start = 0;
  while (true) {
    std::size_t dot = module.find('.', start);
    if (!isIdentifier(module.substr(start, dot - start))) return false;
    if (dot == std::string::npos) return true;
    start = dot + 1;
  }
}

std::string importLines(const SkeletonInput& input, const std::vector<TestCase>& cases) {
  std::string module = pythonModule(std::filesystem::path(input.root).lexically_normal(),
                                    std::filesystem::path(input.sourcePath).lexically_normal());
  std::vector<std::string> names;
  for (const TestCase& testCase : cases) {
    if (std::find(names.begin(), names.end(), testCase.topLevel) == names.end() &&
        isIdentifier(testCase.topLevel)) {
      names.push_back(testCase.topLevel);
    }
  }
  if (names.empty()) return {};
  if (!isValidModule(module)) {
    return "# TODO: import " + std::filesystem::path(input.sourcePath).filename().string() +
           " (its path is not an importable module name)\n";
  }
  std::string line = "from " + module + " import ";
  for (std::size_t i = 0; i < names.size(); ++i) line += (i ? ", " : "") + names[i];
  if (line.size() <= 79) return line + "\n";
  std::string wrapped = "from " + module + " import (\n";
  for (const std::string& name : names) wrapped += "    " + name + ",\n";
  return wrapped + ")\n";
}

std::string pythonTestName(const TestCase& testCase) {
  return identifierFrom("test_" + (testCase.wholeClass ? snakeCase(testCase.name) : testCase.name));
}

std::string skipLine(bool unittest, const TestCase& testCase, const std::string& indent) {
  std::string call = unittest ? "self.skipTest" : "pytest.skip";
  return indent + call + "(\"TODO: test " + escaped(testCase.qualified) + "\")\n";
}

// pytest tests free functions (and classes tested whole) with plain functions; unittest puts
// them in one TestCase class named after the module.
TestFile writeSkeleton(const SkeletonSource& source, bool unittest) {
  const SkeletonInput& input = source.input;
  std::vector<TestCase> cases = selectTestCases(
      source, {[](const indexer::Symbol& symbol, const indexer::Symbol* owner) {
                 return !symbol.name.starts_with("_") && !(owner && owner->name.starts_with("_"));
               },
               nullptr});
  std::string module = std::filesystem::path(input.sourcePath).stem().string();
  TestFile file{input.framework.proposedPath, {}, {}};
  std::string& text = file.content;
  text = "# Test skeleton for " + module + ": each test is skipped until it is written.\n";
  text += unittest ? "import unittest\n" : "import pytest\n";
  if (std::string imports = importLines(input, cases); !imports.empty()) text += "\n" + imports;

  // Tests of one class stay together; unittest's module-level tests share one class too.
  struct Group {
    std::string className;  // empty: a pytest test function
    std::vector<const TestCase*> cases;
  };
  std::vector<Group> groups;
  std::map<std::string, std::size_t> groupOf;
  UniqueNames classes;
  for (const TestCase& testCase : cases) {
    bool method = !testCase.owner.empty();
    if (!method && !unittest) {
      groups.push_back({"", {&testCase}});
      continue;
    }
    std::string key = method ? "class " + testCase.ownerPath : "module";
    auto [it, fresh] = groupOf.try_emplace(key, groups.size());
    if (fresh) {
      groups.push_back(
          {classes.take(identifierFrom("Test" + camelCase(method ? testCase.owner : module))), {}});
    }
    groups[it->second].cases.push_back(&testCase);
  }
  UniqueNames freeNames;
  for (const Group& group : groups) {
    if (group.className.empty()) {
      std::string name = freeNames.take(pythonTestName(*group.cases.front()));
      text += "\n\ndef " + name + "():\n" + skipLine(false, *group.cases.front(), "    ");
      file.testNames.push_back(name);
      continue;
    }
    text += "\n\nclass " + group.className + (unittest ? "(unittest.TestCase)" : "") + ":\n";
    UniqueNames names;
    for (std::size_t i = 0; i < group.cases.size(); ++i) {
      std::string name = names.take(pythonTestName(*group.cases[i]));
      text += (i ? "\n    def " : "    def ") + name + "(self):\n" +
              skipLine(unittest, *group.cases[i], "        ");
      file.testNames.push_back(group.className + "." + name);
    }
  }
  if (unittest) text += "\n\nif __name__ == \"__main__\":\n    unittest.main()\n";
  return file;
}

}  // namespace

TestFile writePythonSkeleton(const SkeletonSource& source) {
  return writeSkeleton(source, source.input.framework.framework == TestFramework::Unittest);
}

}  // namespace gloss::commands::testgen
