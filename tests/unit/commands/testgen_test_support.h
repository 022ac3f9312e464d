// Helpers for the /generate-tests tests: the hand-written fixture repositories under
// tests/data/testgen, throwaway copies of them to write skeletons into, running the real
// toolchains (python3, node, c++, cargo, javac) on what was written, and the symbols the chunker
// finds in a fixture's source — what the command itself feeds buildTestSkeleton.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "commands/testgen/TestFrameworks.h"
#include "commands/testgen/TestSkeleton.h"
#include "indexer/OverlayChunks.h"

namespace gloss::commands::testgen_test {

namespace fs = std::filesystem;

inline fs::path fixtureRoot(const std::string& name) {
  return fs::path(GLOSS_TEST_DATA_DIR) / "testgen" / name;
}

inline std::string readText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

inline void writeText(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

// A fresh temporary folder, removed with everything in it at the end of the test.
class TempFolder {
 public:
  TempFolder() {
    std::string pattern = (fs::temp_directory_path() / "gloss-testgen-XXXXXX").string();
    path_ = mkdtemp(pattern.data());
  }
  ~TempFolder() {
    std::error_code error;
    fs::remove_all(path_, error);
  }
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// A writable copy of a fixture repository.
class FixtureCopy {
 public:
  explicit FixtureCopy(const std::string& name) {
    fs::copy(fixtureRoot(name), root(), fs::copy_options::recursive);
  }
  fs::path root() const { return folder_.path() / "repo"; }
  std::string path(const std::string& relative) const { return (root() / relative).string(); }

 private:
  TempFolder folder_;
};

struct CommandResult {
  int exitCode = -1;
  std::string output;  // stdout and stderr together
};

inline CommandResult runCommand(const std::string& command) {
  CommandResult result;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (!pipe) return result;
  std::array<char, 4096> buffer;
  while (std::size_t n = fread(buffer.data(), 1, buffer.size(), pipe)) {
    result.output.append(buffer.data(), n);
  }
  int status = pclose(pipe);
  result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

inline bool onPath(const std::string& program) {
  return runCommand("command -v " + program + " >/dev/null").exitCode == 0;
}

inline std::string shellQuoted(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

// Detects the framework for `source` (relative to `root`) and builds the skeleton from every
// symbol the chunker finds in it, as /generate-tests does for a whole file.
struct Generated {
  FrameworkDetection detection;
  TestFile file;
};

inline Generated generateFor(const fs::path& root, const std::string& source) {
  Generated generated;
  std::string sourcePath = (root / source).string();
  auto detection = detectTestFramework(root.string(), sourcePath);
  EXPECT_TRUE(detection.has_value()) << source;
  if (!detection) return generated;
  generated.detection = *detection;
  SkeletonInput input;
  input.root = root.string();
  input.sourcePath = sourcePath;
  input.sourceText = readText(sourcePath);
  input.symbols = indexer::chunkText(sourcePath, input.sourceText).symbols;
  input.framework = *detection;
  generated.file = buildTestSkeleton(input);
  return generated;
}

inline bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace gloss::commands::testgen_test
