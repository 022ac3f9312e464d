// The offline provider's answer for /generate-tests: a skeleton test file in the detected
// framework with one test per public function or method of the target, named after it, with a
// TODO body that fails or is skipped until written. The skeleton must compile/run as it is:
// valid Python for pytest/unittest, valid JS/TS for Jest/Vitest/Mocha, a GoogleTest/Catch2
// translation unit, a gofmt-clean Go file in the package under test, a Rust #[cfg(test)] module,
// a JUnit class.
#pragma once

#include <string>
#include <vector>

#include "commands/testgen/TestFrameworks.h"
#include "indexer/Chunk.h"

namespace gloss::commands {

struct SkeletonInput {
  std::string root;        // workspace folder
  std::string sourcePath;  // absolute path of the file under test
  std::string sourceText;  // its text (for the Go package clause, Rust module, Java package)
  // The definitions to test: the target symbol, or every top-level symbol of the file. Private
  // ones (leading underscore in Python/JS, lower-case in Go, non-`pub` in Rust, `static` in C
  // and C++, non-public in Java) are skipped unless nothing else is left. Methods are tested
  // through their class: one test per public method.
  std::vector<indexer::Symbol> symbols;
  FrameworkDetection framework;
};

struct TestFile {
  std::string path;                    // absolute; = framework.proposedPath
  std::string content;                 // the whole file
  std::vector<std::string> testNames;  // in file order
};

TestFile buildTestSkeleton(const SkeletonInput& input);

}  // namespace gloss::commands
