// Which test framework a repository already uses, where its tests live, and where a new test
// for a given source file should go (DESIGN.md §5: "for tests, an existing test file from the
// repo as a style example and the detected framework").
//
// Detection reads the repository itself: config files (pytest.ini, pyproject.toml's
// [tool.pytest...], setup.cfg, conftest.py, package.json's dependencies and scripts,
// jest/vitest config files, .mocharc*, CMakeLists.txt's GTest/Catch2, go.mod, Cargo.toml,
// pom.xml, build.gradle[.kts]), imports in existing test files, and test file names. A language
// with no evidence gets that language's conventional default, flagged as a guess.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace gloss::commands {

enum class TestFramework {
  Pytest,
  Unittest,
  Jest,
  Vitest,
  Mocha,
  GoogleTest,
  Catch2,
  GoTest,
  CargoTest,
  JUnit5,
  JUnit4
};
const char* toString(TestFramework framework);  // "pytest", "jest", "googletest", "go test", ...

struct FrameworkDetection {
  TestFramework framework = TestFramework::Pytest;
  bool guessed = false;  // no evidence in the repository: the language's default
  std::vector<std::string>
      evidence;                 // for people: "pytest.ini", "package.json devDependencies: jest"
  std::string exampleTest;      // absolute path of an existing test file to imitate; may be empty
  std::string proposedPath;     // absolute path for the new test file, inside the root
  bool proposedExists = false;  // that file already exists (the proposal then appends/extends)
};

// `root` is the workspace folder; `sourcePath` the absolute path of the file under test (its
// language decides which frameworks are candidates: .py, .js/.jsx/.ts/.tsx/.mjs/.cjs, .c/.cc/
// .cpp/.cxx/.h/.hpp, .go, .rs, .java). nullopt when the language has no supported framework.
// Reads files under `root` only (bounded: never walks more than a few thousand entries and
// skips node_modules, .git, build folders and anything hidden).
std::optional<FrameworkDetection> detectTestFramework(const std::string& root,
                                                      const std::string& sourcePath);

}  // namespace gloss::commands
