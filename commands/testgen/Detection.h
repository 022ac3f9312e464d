// Shared pieces of framework detection: the language families a source file can belong to, a
// tally of weighted evidence per framework, and one detector per family (DetectScripting.cpp for
// Python and JavaScript/TypeScript, DetectCompiled.cpp for C/C++, Go, Rust and Java). Each
// detector fills framework, guessed, evidence, exampleTest and proposedPath; the caller keeps
// the proposal inside the root and checks whether it exists. Internal to commands/testgen.
#pragma once

#include <functional>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "commands/testgen/RepoScan.h"
#include "commands/testgen/TestFrameworks.h"

namespace gloss::commands::testgen {

enum class LanguageFamily { Python, Js, Native, Go, Rust, Java };

std::optional<LanguageFamily> familyOf(const fs::path& source);

class EvidenceTally {
 public:
  void add(TestFramework framework, int weight, std::string what);
  int score(TestFramework framework) const;
  // The highest score, ties going to the earlier framework in `order`; nullopt when none scored.
  std::optional<TestFramework> best(std::initializer_list<TestFramework> order) const;
  std::vector<std::string> evidence(TestFramework framework) const;

 private:
  std::map<TestFramework, int> scores_;
  std::map<TestFramework, std::vector<std::string>> evidence_;
};

struct DetectContext {
  const RepoScan& scan;
  fs::path source;  // absolute, normalised

  fs::path sourceDir() const { return source.parent_path(); }
  fs::path absolute(const std::string& relative) const { return scan.root / relative; }
  std::string relative(const fs::path& path) const { return relativePath(scan.root, path); }
  // The scanned files whose relative path passes `accept`, in scan order.
  std::vector<std::string> files(const std::function<bool(const std::string&)>& accept) const;
  // Calls `visit` with the text of at most `limit` of `files`, in order.
  void readEach(const std::vector<std::string>& files, std::size_t limit,
                const std::function<void(const std::string&, const std::string&)>& visit) const;
};

// The file name part of a relative path, and its extension with the dot ("" when none).
std::string fileNameOf(const std::string& relative);
std::string extensionOf(const std::string& relative);

FrameworkDetection detectPython(const DetectContext& context);
FrameworkDetection detectJs(const DetectContext& context);
FrameworkDetection detectNative(const DetectContext& context);
FrameworkDetection detectGo(const DetectContext& context);
FrameworkDetection detectRust(const DetectContext& context);
FrameworkDetection detectJava(const DetectContext& context);

}  // namespace gloss::commands::testgen
