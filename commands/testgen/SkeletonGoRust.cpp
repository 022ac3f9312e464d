// Go and Rust skeletons.
//
// Go: a gofmt-clean `<file>_test.go` in the source's own package (so unexported helpers stay
// reachable), one `TestX` / `TestType_Method` per exported function or method, each calling
// t.Skip until written.
//
// Rust: an integration test under the crate's tests/ folder (see DetectCompiled.cpp for why),
// importing the module's public items by path; each test is #[ignore]d and its body is todo!(),
// so `cargo test` stays green and `cargo test -- --ignored` shows what is left.
#include <filesystem>

#include "commands/testgen/LanguagePaths.h"
#include "commands/testgen/RepoScan.h"
#include "commands/testgen/SkeletonParts.h"

namespace gloss::commands::testgen {
namespace {

std::string goPackage(std::string_view text) {
  bool inComment = false;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    line.remove_prefix(std::min(line.find_first_not_of(" \t"), line.size()));
    if (inComment) {
      inComment = line.find("*/") == std::string_view::npos;
    } else if (line.starts_with("/*")) {
      inComment = line.find("*/") == std::string_view::npos;
    } else if (line.starts_with("package ")) {
      std::string_view rest = line.substr(8);
      std::size_t stop = rest.find_first_of(" \t\r/");
      return std::string(rest.substr(0, stop));
    }
    start = end + 1;
  }
  return "main";
}

bool startsUpper(const std::string& name) {
  return !name.empty() && std::isupper(static_cast<unsigned char>(name[0]));
}

// `pub` or `pub fn`, but not `pub(crate)`: integration tests see only what the crate exports.
bool isPub(const std::string& signature) {
  return signature.starts_with("pub ");
}

}  // namespace

TestFile writeGoSkeleton(const SkeletonSource& source) {
  const SkeletonInput& input = source.input;
  std::vector<TestCase> cases =
      selectTestCases(source, {[](const indexer::Symbol& symbol, const indexer::Symbol*) {
                                 return startsUpper(symbol.name);
                               },
                               nullptr});
  TestFile file{input.framework.proposedPath, {}, {}};
  std::string& text = file.content;
  text = "package " + goPackage(input.sourceText) + "\n\nimport \"testing\"\n";
  text += "\n// Each test is skipped until it is written.\n";
  UniqueNames names;
  for (const TestCase& testCase : cases) {
    std::string wanted =
        "Test" +
        upperFirst(testCase.owner.empty() ? testCase.name : testCase.owner + "_" + testCase.name);
    std::string name = names.take(identifierFrom(wanted));
    text += "\nfunc " + name + "(t *testing.T) {\n\tt.Skip(\"TODO: test " +
            escaped(testCase.qualified) + "\")\n}\n";
    file.testNames.push_back(name);
  }
  return file;
}

TestFile writeRustSkeleton(const SkeletonSource& source) {
  const SkeletonInput& input = source.input;
  auto typeIsPub = [&](const std::string& ownerPath) {
    for (const indexer::Symbol& symbol : source.fileSymbols) {
      if (symbol.qualifiedName == ownerPath && symbol.kind != "impl")
        return isPub(symbol.signature);
    }
    return true;  // defined elsewhere
  };
  std::vector<TestCase> cases = selectTestCases(
      source, {[&](const indexer::Symbol& symbol, const indexer::Symbol* owner) {
                 if (symbol.kind != "method") return isPub(symbol.signature);
                 // Methods of a trait implementation are as visible as the trait.
                 bool traitImpl = owner && owner->kind == "impl" &&
                                  owner->signature.find(" for ") != std::string::npos;
                 return (traitImpl || isPub(symbol.signature)) && typeIsPub(ownerPathOf(symbol));
               },
               nullptr});

  fs::path sourcePath = fs::path(input.sourcePath).lexically_normal();
  fs::path crateRoot = fs::path(input.framework.proposedPath).parent_path().parent_path();
  std::string crate = rustCrateName(crateRoot / "Cargo.toml");
  auto modules = rustModulePath(crateRoot, sourcePath);
  std::string relative = relativePath(crateRoot, sourcePath);

  TestFile file{input.framework.proposedPath, {}, {}};
  std::string& text = file.content;
  text = "//! Test skeleton for " + relative + ": each test is ignored until it is written.\n";
  std::vector<std::string> imported;
  for (const TestCase& testCase : cases) {
    if (std::find(imported.begin(), imported.end(), testCase.topLevel) == imported.end() &&
        isIdentifier(testCase.topLevel)) {
      imported.push_back(testCase.topLevel);
    }
  }
  if (!imported.empty() && modules && !crate.empty()) {
    std::string path = crate;
    for (const std::string& module : *modules) path += "::" + module;
    std::string list = imported.size() == 1 ? imported.front() : "{";
    for (std::size_t i = 0; imported.size() > 1 && i < imported.size(); ++i) {
      list += (i ? ", " : "") + imported[i];
    }
    if (imported.size() > 1) list += "}";
    // Unused until the tests are written; the attribute keeps the build warning-free.
    text += "\n#[allow(unused_imports)]\nuse " + path + "::" + list + ";\n";
  } else if (!imported.empty()) {
    text += "\n// " + relative +
            " is not reachable from an integration test (a binary or a file outside src/);\n"
            "// test it from a #[cfg(test)] module inside the crate instead.\n";
  }
  UniqueNames names;
  for (const TestCase& testCase : cases) {
    std::string wanted = "test_" + (testCase.owner.empty() ? snakeCase(testCase.name)
                                                           : snakeCase(testCase.owner) + "_" +
                                                                 snakeCase(testCase.name));
    std::string name = names.take(identifierFrom(wanted));
    text += "\n#[test]\n#[ignore]\nfn " + name + "() {\n    todo!(\"test " +
            escaped(testCase.qualified) + "\");\n}\n";
    file.testNames.push_back(name);
  }
  return file;
}

}  // namespace gloss::commands::testgen
