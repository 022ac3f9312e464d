// Framework detection's entry point (TestFrameworks.h): picks the source's language family,
// scans the repository once, runs that family's detector and keeps its proposal inside the root.
#include "commands/testgen/TestFrameworks.h"

#include <algorithm>
#include <set>
#include <system_error>

#include "commands/testgen/Detection.h"

namespace gloss::commands {

const char* toString(TestFramework framework) {
  switch (framework) {
    case TestFramework::Pytest:
      return "pytest";
    case TestFramework::Unittest:
      return "unittest";
    case TestFramework::Jest:
      return "jest";
    case TestFramework::Vitest:
      return "vitest";
    case TestFramework::Mocha:
      return "mocha";
    case TestFramework::GoogleTest:
      return "googletest";
    case TestFramework::Catch2:
      return "catch2";
    case TestFramework::GoTest:
      return "go test";
    case TestFramework::CargoTest:
      return "cargo test";
    case TestFramework::JUnit5:
      return "junit5";
    case TestFramework::JUnit4:
      return "junit4";
  }
  return "unknown";
}

namespace testgen {

std::optional<LanguageFamily> familyOf(const fs::path& source) {
  static const std::map<std::string, LanguageFamily> kExtensions = {
      {".py", LanguageFamily::Python},  {".js", LanguageFamily::Js},
      {".jsx", LanguageFamily::Js},     {".ts", LanguageFamily::Js},
      {".tsx", LanguageFamily::Js},     {".mjs", LanguageFamily::Js},
      {".cjs", LanguageFamily::Js},     {".c", LanguageFamily::Native},
      {".cc", LanguageFamily::Native},  {".cpp", LanguageFamily::Native},
      {".cxx", LanguageFamily::Native}, {".h", LanguageFamily::Native},
      {".hpp", LanguageFamily::Native}, {".hh", LanguageFamily::Native},
      {".hxx", LanguageFamily::Native}, {".go", LanguageFamily::Go},
      {".rs", LanguageFamily::Rust},    {".java", LanguageFamily::Java}};
  auto it = kExtensions.find(lowerCase(source.extension().string()));
  if (it == kExtensions.end()) return std::nullopt;
  return it->second;
}

void EvidenceTally::add(TestFramework framework, int weight, std::string what) {
  scores_[framework] += weight;
  // A handful of reasons is enough for people; a large repository would otherwise list
  // every test file.
  auto& list = evidence_[framework];
  if (list.size() < 5 && std::find(list.begin(), list.end(), what) == list.end()) {
    list.push_back(std::move(what));
  }
}

int EvidenceTally::score(TestFramework framework) const {
  auto it = scores_.find(framework);
  return it == scores_.end() ? 0 : it->second;
}

std::optional<TestFramework> EvidenceTally::best(std::initializer_list<TestFramework> order) const {
  std::optional<TestFramework> winner;
  int winnerScore = 0;
  for (TestFramework framework : order) {
    if (score(framework) > winnerScore) {
      winner = framework;
      winnerScore = score(framework);
    }
  }
  return winner;
}

std::vector<std::string> EvidenceTally::evidence(TestFramework framework) const {
  auto it = evidence_.find(framework);
  return it == evidence_.end() ? std::vector<std::string>{} : it->second;
}

std::vector<std::string> DetectContext::files(
    const std::function<bool(const std::string&)>& accept) const {
  std::vector<std::string> selected;
  std::copy_if(scan.files.begin(), scan.files.end(), std::back_inserter(selected), accept);
  return selected;
}

void DetectContext::readEach(
    const std::vector<std::string>& files, std::size_t limit,
    const std::function<void(const std::string&, const std::string&)>& visit) const {
  for (std::size_t i = 0; i < files.size() && i < limit; ++i) {
    visit(files[i], readHead(absolute(files[i])));
  }
}

std::string fileNameOf(const std::string& relative) {
  std::size_t slash = relative.rfind('/');
  return slash == std::string::npos ? relative : relative.substr(slash + 1);
}

std::string extensionOf(const std::string& relative) {
  std::string name = fileNameOf(relative);
  std::size_t dot = name.rfind('.');
  return dot == std::string::npos || dot == 0 ? std::string() : name.substr(dot);
}

}  // namespace testgen

std::optional<FrameworkDetection> detectTestFramework(const std::string& root,
                                                      const std::string& sourcePath) {
  using namespace testgen;
  fs::path rootPath = normalPath(root);
  fs::path source = normalPath(sourcePath);
  auto family = familyOf(source);
  if (!family) return std::nullopt;
  RepoScan scan = scanRepository(rootPath);
  DetectContext context{scan, source};
  FrameworkDetection detection;
  switch (*family) {
    case LanguageFamily::Python:
      detection = detectPython(context);
      break;
    case LanguageFamily::Js:
      detection = detectJs(context);
      break;
    case LanguageFamily::Native:
      detection = detectNative(context);
      break;
    case LanguageFamily::Go:
      detection = detectGo(context);
      break;
    case LanguageFamily::Rust:
      detection = detectRust(context);
      break;
    case LanguageFamily::Java:
      detection = detectJava(context);
      break;
  }
  fs::path proposed = normalPath(detection.proposedPath);
  // A source outside the workspace must not lead the new file there too.
  if (!isInside(rootPath, proposed)) proposed = rootPath / proposed.filename();
  detection.proposedPath = proposed.string();
  std::error_code error;
  detection.proposedExists = fs::is_regular_file(proposed, error);
  return detection;
}

}  // namespace gloss::commands
