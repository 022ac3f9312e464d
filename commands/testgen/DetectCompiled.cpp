// Detectors for C/C++ (GoogleTest, Catch2), Go, Rust (cargo test) and Java (JUnit 5/4):
// evidence from build files and test sources, the closest existing test, and the path a new
// test takes in the repository's layout.
#include <algorithm>
#include <map>

#include "commands/testgen/Detection.h"
#include "commands/testgen/LanguagePaths.h"

namespace gloss::commands::testgen {
namespace {

constexpr std::size_t kMaxConfigReads = 50;
constexpr std::size_t kMaxTestReads = 200;

bool contains(const std::string& text, std::string_view what) {
  return text.find(what) != std::string::npos;
}

struct Marker {
  TestFramework framework;
  int weight;
  std::string_view lowerNeedle;  // searched in the lower-cased text
  std::string_view shown;
};

// Build files: CMake, Meson, Make, Conan and vcpkg manifests.
void nativeBuildEvidence(const DetectContext& context, EvidenceTally& tally) {
  static const std::vector<Marker> kMarkers = {
      {TestFramework::GoogleTest, 3, "find_package(gtest", "find_package(GTest)"},
      {TestFramework::GoogleTest, 3, "gtest_discover_tests", "gtest_discover_tests"},
      {TestFramework::GoogleTest, 2, "gtest::", "GTest::"},
      {TestFramework::GoogleTest, 2, "dependency('gtest'", "dependency('gtest')"},
      {TestFramework::GoogleTest, 2, "-lgtest", "-lgtest"},
      {TestFramework::GoogleTest, 2, "\"gtest\"", "gtest"},
      {TestFramework::Catch2, 3, "find_package(catch2", "find_package(Catch2)"},
      {TestFramework::Catch2, 3, "catch_discover_tests", "catch_discover_tests"},
      {TestFramework::Catch2, 2, "catch2::", "Catch2::"},
      {TestFramework::Catch2, 2, "dependency('catch2", "dependency('catch2')"},
      {TestFramework::Catch2, 2, "\"catch2\"", "catch2"}};
  std::size_t reads = 0;
  for (const std::string& relative : context.scan.files) {
    std::string name = fileNameOf(relative);
    bool build = name == "CMakeLists.txt" || name == "meson.build" || name == "Makefile" ||
                 name == "vcpkg.json" || name.starts_with("conanfile") || name.ends_with(".cmake");
    if (!build || reads++ >= kMaxConfigReads) continue;
    std::string text = lowerCase(readHead(context.absolute(relative)));
    for (const Marker& marker : kMarkers) {
      if (contains(text, marker.lowerNeedle)) {
        tally.add(marker.framework, marker.weight, relative + ": " + std::string(marker.shown));
      }
    }
  }
}

bool isNativeTest(const std::string& relative) {
  static const std::set<std::string> kSources = {".c", ".cc", ".cpp", ".cxx", ".c++"};
  if (!kSources.contains(lowerCase(extensionOf(relative)))) return false;
  return contains(lowerCase(fileNameOf(relative)), "test") || inTestFolder(relative);
}

enum class NameStyle { Prefix, Suffix, SuffixPlural, Unittest, Camel };

std::optional<NameStyle> styleOf(const std::string& stem) {
  if (stem.starts_with("test_")) return NameStyle::Prefix;
  if (stem.ends_with("_test")) return NameStyle::Suffix;
  if (stem.ends_with("_tests")) return NameStyle::SuffixPlural;
  if (stem.ends_with("_unittest")) return NameStyle::Unittest;
  if (stem.ends_with("Test")) return NameStyle::Camel;
  return std::nullopt;
}

std::string styled(NameStyle style, const std::string& stem) {
  switch (style) {
    case NameStyle::Prefix:
      return "test_" + stem;
    case NameStyle::Suffix:
      return stem + "_test";
    case NameStyle::SuffixPlural:
      return stem + "_tests";
    case NameStyle::Unittest:
      return stem + "_unittest";
    case NameStyle::Camel: {
      std::string camel = stem;
      if (!camel.empty()) camel[0] = static_cast<char>(std::toupper(camel[0]));
      return camel + "Test";
    }
  }
  return stem;
}

// The naming most existing tests follow; ties go to the example's, then to `<name>_test`.
NameStyle majorityStyle(const std::vector<std::string>& tests, const std::string& example) {
  std::map<NameStyle, int> counts;
  for (const std::string& test : tests) {
    if (auto style = styleOf(fs::path(test).stem().string())) ++counts[*style];
  }
  NameStyle best = styleOf(fs::path(example).stem().string()).value_or(NameStyle::Suffix);
  for (const auto& [style, count] : counts) {
    if (count > counts[best]) best = style;
  }
  return best;
}

std::string moduleLine(const std::string& goMod) {
  std::size_t at = goMod.find("module ");
  if (at == std::string::npos) return {};
  std::size_t end = goMod.find_first_of("\r\n", at);
  return goMod.substr(at, end == std::string::npos ? std::string::npos : end - at);
}

}  // namespace

FrameworkDetection detectNative(const DetectContext& context) {
  EvidenceTally tally;
  nativeBuildEvidence(context, tally);
  std::vector<std::string> gtestFiles, catchFiles;
  context.readEach(context.files(isNativeTest), kMaxTestReads,
                   [&](const std::string& relative, const std::string& text) {
                     bool gtest = contains(text, "gtest/gtest.h");
                     bool catch2 = contains(text, "catch2/") || contains(text, "catch.hpp");
                     if (gtest)
                       tally.add(TestFramework::GoogleTest, 1, relative + " includes gtest");
                     if (catch2) tally.add(TestFramework::Catch2, 1, relative + " includes catch2");
                     if (catch2 || contains(text, "TEST_CASE(")) {
                       catchFiles.push_back(relative);
                     } else if (gtest || contains(text, "TEST(") || contains(text, "TEST_F(")) {
                       gtestFiles.push_back(relative);
                     }
                   });
  FrameworkDetection detection;
  auto best = tally.best({TestFramework::GoogleTest, TestFramework::Catch2});
  detection.framework = best.value_or(TestFramework::GoogleTest);
  detection.guessed = !best;
  detection.evidence = tally.evidence(detection.framework);
  const auto& tests = detection.framework == TestFramework::Catch2 ? catchFiles : gtestFiles;
  int rank = 2;
  std::string example = closestTest(context.scan, context.source, tests, nullptr, rank);
  fs::path folder = context.sourceDir();
  std::string extension = ".cpp";
  if (!example.empty()) {
    detection.exampleTest = context.absolute(example).string();
    folder = context.absolute(example).parent_path();
    std::string exampleExtension = extensionOf(example);
    if (exampleExtension == ".cc" || exampleExtension == ".cxx") extension = exampleExtension;
  } else if (auto testFolder = nearestTestFolder(context.scan, context.sourceDir())) {
    folder = *testFolder;
  }
  std::string name = styled(majorityStyle(tests, example), context.source.stem().string());
  detection.proposedPath = (folder / (name + extension)).string();
  return detection;
}

FrameworkDetection detectGo(const DetectContext& context) {
  FrameworkDetection detection;
  detection.framework = TestFramework::GoTest;
  if (auto module = nearestFolderWith(context.scan, context.sourceDir(), "go.mod")) {
    std::string line = moduleLine(readHead(*module / "go.mod"));
    std::string relative = context.relative(*module / "go.mod");
    detection.evidence.push_back(line.empty() ? relative : relative + " (" + line + ")");
  }
  std::vector<std::string> tests =
      context.files([](const std::string& relative) { return relative.ends_with("_test.go"); });
  std::vector<std::string> usingTesting;
  context.readEach(tests, kMaxTestReads, [&](const std::string& relative, const std::string& text) {
    if (contains(text, "\"testing\"")) usingTesting.push_back(relative);
  });
  int rank = 2;
  std::string example = closestTest(context.scan, context.source, usingTesting, nullptr, rank);
  if (!example.empty()) {
    detection.exampleTest = context.absolute(example).string();
    detection.evidence.push_back(example + " imports testing");
  }
  detection.guessed = detection.evidence.empty();
  std::string stem = context.source.stem().string();
  detection.proposedPath = stem.ends_with("_test")
                               ? context.source.string()
                               : (context.sourceDir() / (stem + "_test.go")).string();
  return detection;
}

FrameworkDetection detectRust(const DetectContext& context) {
  FrameworkDetection detection;
  detection.framework = TestFramework::CargoTest;
  auto crate = nearestFolderWith(context.scan, context.sourceDir(), "Cargo.toml");
  fs::path crateRoot = crate.value_or(context.scan.root);
  if (crate) detection.evidence.push_back(context.relative(*crate / "Cargo.toml"));
  std::string testsFolder = context.relative(crateRoot / "tests");
  if (context.scan.dirs.contains(testsFolder)) detection.evidence.push_back(testsFolder + "/");
  std::vector<std::string> tests;
  std::vector<std::string> sources =
      context.files([](const std::string& relative) { return relative.ends_with(".rs"); });
  context.readEach(sources, kMaxTestReads,
                   [&](const std::string& relative, const std::string& text) {
                     if (inTestFolder(relative) || contains(text, "#[test]"))
                       tests.push_back(relative);
                     if (!inTestFolder(relative) && contains(text, "#[cfg(test)]")) {
                       detection.evidence.push_back("#[cfg(test)] in " + relative);
                     }
                   });
  if (detection.evidence.size() > 5) detection.evidence.resize(5);
  // Integration tests look like the file this proposes; inline test modules come second.
  std::vector<std::string> integration;
  std::copy_if(tests.begin(), tests.end(), std::back_inserter(integration), inTestFolder);
  int rank = 2;
  std::string example = closestTest(context.scan, context.source,
                                    integration.empty() ? tests : integration, nullptr, rank);
  if (!example.empty()) detection.exampleTest = context.absolute(example).string();
  detection.guessed = detection.evidence.empty();

  // A file under tests/ is its own crate that `cargo test` builds with no edit to the sources,
  // which a `#[cfg(test)] mod` beside the source would need (a `mod` line in its parent).
  std::string stem = context.source.stem().string();
  if (stem == "lib" || stem == "main") {
    std::string crateName = crate ? rustCrateName(*crate / "Cargo.toml") : std::string();
    stem = crateName.empty() ? stem : crateName;
  } else if (stem == "mod") {
    stem = context.sourceDir().filename().string();
  }
  detection.proposedPath = (crateRoot / "tests" / (stem + ".rs")).string();
  return detection;
}

FrameworkDetection detectJava(const DetectContext& context) {
  EvidenceTally tally;
  std::size_t reads = 0;
  for (const std::string& relative : context.scan.files) {
    std::string name = fileNameOf(relative);
    if (name != "pom.xml" && name != "build.gradle" && name != "build.gradle.kts") continue;
    if (reads++ >= kMaxConfigReads) break;
    std::string text = readHead(context.absolute(relative));
    if (contains(text, "org.junit.jupiter") || contains(text, "junit-jupiter")) {
      tally.add(TestFramework::JUnit5, 3, relative + ": org.junit.jupiter");
    }
    if (contains(text, "useJUnitPlatform")) {
      tally.add(TestFramework::JUnit5, 2, relative + ": useJUnitPlatform()");
    }
    if (contains(text, "junit:junit") || contains(text, "<artifactId>junit</artifactId>")) {
      tally.add(TestFramework::JUnit4, 3, relative + ": junit:junit");
    }
  }
  std::vector<std::string> junit5, junit4;
  auto isJavaTest = [](const std::string& relative) {
    std::string name = fileNameOf(relative);
    return name.ends_with(".java") &&
           (name.ends_with("Test.java") || name.ends_with("Tests.java") ||
            name.ends_with("IT.java") || name.starts_with("Test") || inTestFolder(relative));
  };
  context.readEach(context.files(isJavaTest), kMaxTestReads,
                   [&](const std::string& relative, const std::string& text) {
                     if (contains(text, "org.junit.jupiter")) {
                       tally.add(TestFramework::JUnit5, 1, relative + " imports org.junit.jupiter");
                       junit5.push_back(relative);
                     } else if (contains(text, "org.junit.")) {
                       tally.add(TestFramework::JUnit4, 1, relative + " imports org.junit");
                       junit4.push_back(relative);
                     }
                   });
  FrameworkDetection detection;
  auto best = tally.best({TestFramework::JUnit5, TestFramework::JUnit4});
  detection.framework = best.value_or(TestFramework::JUnit5);
  detection.guessed = !best;
  detection.evidence = tally.evidence(detection.framework);
  int rank = 2;
  std::string example =
      closestTest(context.scan, context.source,
                  detection.framework == TestFramework::JUnit4 ? junit4 : junit5, nullptr, rank);
  if (!example.empty()) detection.exampleTest = context.absolute(example).string();

  std::string testName = context.source.stem().string() + "Test.java";
  std::string source = context.source.generic_string();
  std::size_t main = source.rfind("/src/main/java/");
  fs::path folder = context.sourceDir();
  if (main != std::string::npos) {
    fs::path packageFolder = fs::path(source.substr(main + 15)).parent_path();
    folder = fs::path(source.substr(0, main)) / "src" / "test" / "java" / packageFolder;
  } else if (!example.empty()) {
    // The example's source root: its folder less one folder per part of its package.
    fs::path exampleRoot = context.absolute(example).parent_path();
    std::string examplePackage = javaPackage(readHead(context.absolute(example)));
    if (!examplePackage.empty()) {
      for (std::size_t parts = 1 + std::count(examplePackage.begin(), examplePackage.end(), '.');
           parts > 0; --parts) {
        exampleRoot = exampleRoot.parent_path();
      }
    }
    std::string package = javaPackage(readHead(context.source));
    std::replace(package.begin(), package.end(), '.', '/');
    folder = exampleRoot / package;
  }
  detection.proposedPath = (folder / testName).string();
  return detection;
}

}  // namespace gloss::commands::testgen
