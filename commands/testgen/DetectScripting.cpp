// Detectors for Python (pytest, unittest) and JavaScript/TypeScript (Jest, Vitest, Mocha):
// weighted evidence from config files and test imports, the closest existing test, and a new
// test path that follows where and how the repository already names its tests.
#include <boost/json.hpp>

#include "commands/testgen/Detection.h"

namespace gloss::commands::testgen {
namespace {

constexpr std::size_t kMaxConfigReads = 50;
constexpr std::size_t kMaxTestReads = 200;

std::string trimLeft(std::string_view line) {
  std::size_t start = line.find_first_not_of(" \t");
  return start == std::string_view::npos ? std::string() : std::string(line.substr(start));
}

// `import pytest`, `import pytest as pt`, `from pytest import raises`, `from unittest.mock ...`.
bool importsModule(const std::string& text, std::string_view module) {
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = trimLeft(std::string_view(text).substr(start, end - start));
    for (std::string_view keyword : {"import ", "from "}) {
      if (!line.starts_with(keyword)) continue;
      std::string rest = trimLeft(std::string_view(line).substr(keyword.size()));
      if (rest.starts_with(module) &&
          (rest.size() == module.size() ||
           std::string_view(" .,\r").find(rest[module.size()]) != std::string_view::npos)) {
        return true;
      }
    }
    start = end + 1;
  }
  return false;
}

bool isPythonTest(const std::string& relative) {
  std::string name = fileNameOf(relative);
  return name.ends_with(".py") && (name.starts_with("test_") || name.ends_with("_test.py"));
}

void pythonConfigEvidence(const DetectContext& context, EvidenceTally& tally) {
  std::size_t reads = 0;
  for (const std::string& relative : context.scan.files) {
    std::string name = fileNameOf(relative);
    if (name == "pytest.ini") tally.add(TestFramework::Pytest, 3, relative);
    if (name == "conftest.py") tally.add(TestFramework::Pytest, 2, relative);
    bool config = name == "pyproject.toml" || name == "setup.cfg" || name == "tox.ini" ||
                  (name.starts_with("requirements") && name.ends_with(".txt"));
    if (!config || reads++ >= kMaxConfigReads) continue;
    std::string text = readHead(context.absolute(relative));
    if (name == "pyproject.toml" && text.find("[tool.pytest") != std::string::npos) {
      tally.add(TestFramework::Pytest, 3, relative + " [tool.pytest.ini_options]");
    } else if (name == "setup.cfg" && text.find("[tool:pytest]") != std::string::npos) {
      tally.add(TestFramework::Pytest, 3, relative + " [tool:pytest]");
    } else if (name == "tox.ini" && text.find("[pytest]") != std::string::npos) {
      tally.add(TestFramework::Pytest, 3, relative + " [pytest]");
    } else if (name != "setup.cfg" && name != "tox.ini" &&
               lowerCase(text).find("pytest") != std::string::npos) {
      tally.add(TestFramework::Pytest, 1, relative + " lists pytest");
    }
  }
}

const std::set<std::string>& jsExtensions() {
  static const std::set<std::string> kExtensions = {".js",  ".jsx", ".ts",  ".tsx",
                                                    ".mjs", ".cjs", ".mts", ".cts"};
  return kExtensions;
}

bool isTypeScript(const std::string& extension) {
  return extension == ".ts" || extension == ".tsx" || extension == ".mts" || extension == ".cts";
}

bool isJsTest(const std::string& relative) {
  if (!jsExtensions().contains(extensionOf(relative))) return false;
  std::string name = fileNameOf(relative);
  if (name.find(".test.") != std::string::npos || name.find(".spec.") != std::string::npos) {
    return true;
  }
  return inTestFolder(relative);
}

std::optional<TestFramework> jsFrameworkNamed(std::string_view name) {
  if (name == "jest" || name == "ts-jest" || name == "babel-jest" || name == "@jest/globals") {
    return TestFramework::Jest;
  }
  if (name == "vitest") return TestFramework::Vitest;
  if (name == "mocha") return TestFramework::Mocha;
  return std::nullopt;
}

// Words of a script command (`jest --ci`, `npx vitest run`, `mocha 'test/**'`).
void scriptEvidence(std::string_view command, const std::string& where, EvidenceTally& tally) {
  std::size_t start = 0;
  while (start < command.size()) {
    std::size_t end = command.find_first_of(" \t;&|'\"", start);
    if (end == std::string_view::npos) end = command.size();
    if (auto framework = jsFrameworkNamed(command.substr(start, end - start))) {
      tally.add(*framework, 2, where + ": " + std::string(command.substr(start, end - start)));
    }
    start = end + 1;
  }
}

void packageJsonEvidence(const DetectContext& context, const fs::path& folder,
                         EvidenceTally& tally) {
  std::string relative = context.relative(folder / "package.json");
  boost::system::error_code error;
  boost::json::value json = boost::json::parse(readHead(folder / "package.json"), error);
  if (error || !json.is_object()) return;
  const boost::json::object& package = json.as_object();
  for (const char* section : {"dependencies", "devDependencies", "peerDependencies"}) {
    const boost::json::value* dependencies = package.if_contains(section);
    if (!dependencies || !dependencies->is_object()) continue;
    for (const auto& dependency : dependencies->as_object()) {
      if (auto framework = jsFrameworkNamed(dependency.key())) {
        tally.add(*framework, 3, relative + " " + section + ": " + std::string(dependency.key()));
      }
    }
  }
  if (const boost::json::value* scripts = package.if_contains("scripts");
      scripts && scripts->is_object()) {
    for (const auto& script : scripts->as_object()) {
      if (!script.value().is_string()) continue;
      scriptEvidence(script.value().as_string(), relative + " scripts." + std::string(script.key()),
                     tally);
    }
  }
  if (package.contains("jest")) tally.add(TestFramework::Jest, 2, relative + " \"jest\" key");
  if (package.contains("mocha")) tally.add(TestFramework::Mocha, 2, relative + " \"mocha\" key");
}

void jsConfigEvidence(const DetectContext& context, EvidenceTally& tally) {
  for (const std::string& relative : context.scan.files) {
    std::string name = fileNameOf(relative);
    if (name.starts_with("jest.config.")) tally.add(TestFramework::Jest, 3, relative);
    if (name.starts_with("vitest.config.") || name.starts_with("vitest.workspace.")) {
      tally.add(TestFramework::Vitest, 3, relative);
    }
    if (name.starts_with(".mocharc")) tally.add(TestFramework::Mocha, 3, relative);
  }
  fs::path folder =
      isInside(context.scan.root, context.source) ? context.sourceDir() : context.scan.root;
  while (true) {
    if (fs::is_regular_file(folder / "package.json")) packageJsonEvidence(context, folder, tally);
    if (folder == context.scan.root || !isInside(context.scan.root, folder)) break;
    folder = folder.parent_path();
  }
}

fs::path parentFolder(const DetectContext& context, const std::string& relative) {
  return context.absolute(relative).parent_path();
}

}  // namespace

FrameworkDetection detectPython(const DetectContext& context) {
  EvidenceTally tally;
  pythonConfigEvidence(context, tally);
  std::vector<std::string> tests = context.files(isPythonTest);
  std::vector<std::string> pytestStyle, unittestStyle, read;
  context.readEach(tests, kMaxTestReads, [&](const std::string& relative, const std::string& text) {
    bool pytest = importsModule(text, "pytest");
    bool unittest = importsModule(text, "unittest");
    if (pytest) tally.add(TestFramework::Pytest, 1, relative + " imports pytest");
    if (unittest) tally.add(TestFramework::Unittest, 1, relative + " imports unittest");
    if (unittest) unittestStyle.push_back(relative);
    if (pytest || !unittest) pytestStyle.push_back(relative);
    read.push_back(relative);
  });

  FrameworkDetection detection;
  // pytest runs unittest suites too, so any sign of pytest wins.
  detection.framework = tally.score(TestFramework::Pytest) > 0     ? TestFramework::Pytest
                        : tally.score(TestFramework::Unittest) > 0 ? TestFramework::Unittest
                                                                   : TestFramework::Pytest;
  detection.guessed = tally.score(detection.framework) == 0;
  detection.evidence = tally.evidence(detection.framework);
  const auto& candidates = detection.framework == TestFramework::Unittest ? unittestStyle
                           : pytestStyle.empty()                          ? read
                                                                          : pytestStyle;
  int rank = 2;
  std::string example = closestTest(context.scan, context.source, candidates, nullptr, rank);

  std::string module = context.source.stem().string();
  if (module == "__init__") module = context.sourceDir().filename().string();
  std::string name = example.ends_with("_test.py") ? module + "_test.py" : "test_" + module + ".py";
  fs::path folder = context.sourceDir();
  if (!example.empty() && rank <= 1) {
    folder = parentFolder(context, example);
  } else if (auto tests = nearestTestFolder(context.scan, context.sourceDir())) {
    folder = *tests;
  }
  if (!example.empty()) detection.exampleTest = context.absolute(example).string();
  detection.proposedPath = (folder / name).string();
  return detection;
}

FrameworkDetection detectJs(const DetectContext& context) {
  EvidenceTally tally;
  jsConfigEvidence(context, tally);
  std::vector<std::string> tests = context.files(isJsTest);
  context.readEach(tests, kMaxTestReads, [&](const std::string& relative, const std::string& text) {
    if (text.find("from \"vitest\"") != std::string::npos ||
        text.find("from 'vitest'") != std::string::npos) {
      tally.add(TestFramework::Vitest, 1, relative + " imports vitest");
    }
    if (text.find("@jest/globals") != std::string::npos) {
      tally.add(TestFramework::Jest, 1, relative + " imports @jest/globals");
    }
  });

  FrameworkDetection detection;
  auto best = tally.best({TestFramework::Jest, TestFramework::Vitest, TestFramework::Mocha});
  detection.framework = best.value_or(TestFramework::Jest);
  detection.guessed = !best;
  detection.evidence = tally.evidence(detection.framework);

  std::string extension = context.source.extension().string();
  bool typeScript = isTypeScript(extension);
  int rank = 2;
  std::string example = closestTest(
      context.scan, context.source, tests,
      [&](const std::string& test) { return isTypeScript(extensionOf(test)) == typeScript; }, rank);

  std::string suffix = fileNameOf(example).find(".spec.") != std::string::npos ? ".spec" : ".test";
  fs::path folder = context.sourceDir();
  if (!example.empty()) {
    detection.exampleTest = context.absolute(example).string();
    fs::path exampleFolder = parentFolder(context, example);
    if (exampleFolder.filename() == "__tests__") {
      folder = context.sourceDir() / "__tests__";
    } else if (inTestFolder(example)) {
      folder = exampleFolder;
    }
  } else if (detection.framework == TestFramework::Mocha) {
    // Mocha's default spec folder is ./test next to package.json.
    folder = nearestFolderWith(context.scan, context.sourceDir(), "package.json")
                 .value_or(context.scan.root) /
             "test";
  }
  detection.proposedPath =
      (folder / (context.source.stem().string() + suffix + extension)).string();
  return detection;
}

}  // namespace gloss::commands::testgen
