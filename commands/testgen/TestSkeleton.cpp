// buildTestSkeleton (TestSkeleton.h): decides what gets a test — the given symbols, a class
// standing for its methods — and hands the cases to the writer of the detected framework's
// language (Skeleton*.cpp).
#include "commands/testgen/TestSkeleton.h"

#include <algorithm>
#include <map>
#include <optional>
#include <tuple>

#include "commands/testgen/SkeletonParts.h"
#include "indexer/OverlayChunks.h"

namespace gloss::commands {
namespace testgen {
namespace {

using indexer::Symbol;

bool isContainer(const Symbol& symbol) {
  static const std::set<std::string> kKinds = {"class", "struct", "interface",
                                               "trait", "impl",   "enum"};
  return kKinds.contains(symbol.kind);
}

// Only classes and structs make sense to test as a whole; interfaces, traits and enums are
// tested through what implements or uses them.
bool testableAsWhole(const Symbol& symbol) {
  return symbol.kind == "class" || symbol.kind == "struct";
}

std::string firstPart(const std::string& qualified) {
  std::size_t end = std::min(qualified.find('.'), qualified.find("::"));
  return qualified.substr(0, end);
}

std::string lastPart(const std::string& qualified) {
  std::size_t dot = qualified.rfind('.');
  std::size_t colons = qualified.rfind("::");
  std::size_t start = dot == std::string::npos ? 0 : dot + 1;
  if (colons != std::string::npos && colons + 2 > start) start = colons + 2;
  return qualified.substr(start);
}

struct Candidate {
  Symbol symbol;
  const Symbol* owner = nullptr;
  std::string ownerPath;
};

class CaseSelector {
 public:
  CaseSelector(const SkeletonSource& source, const SymbolRules& rules)
      : source_(source), rules_(rules) {}

  std::vector<TestCase> select() {
    const auto& given = source_.input.symbols.empty() ? source_.fileSymbols : source_.input.symbols;
    for (const Symbol& symbol : given) {
      if (symbol.kind == "function") addFunction(symbol);
      if (symbol.kind == "method") addMethod(symbol);
      if (isContainer(symbol)) addContainer(symbol);
    }
    std::vector<TestCase> cases = build(true);
    return cases.empty() ? build(false) : cases;
  }

 private:
  const Symbol* ownerOf(const Symbol& method, const std::string& ownerPath) const {
    const Symbol* byName = nullptr;
    for (const Symbol& symbol : source_.fileSymbols) {
      if (!isContainer(symbol) || symbol.qualifiedName != ownerPath) continue;
      if (symbol.startByte <= method.startByte && method.startByte < symbol.endByte) {
        return &symbol;
      }
      if (!byName) byName = &symbol;
    }
    return byName;
  }

  void addFunction(const Symbol& symbol) {
    if (seen_.insert({"", symbol.name}).second) functions_.push_back(symbol);
  }

  void addMethod(const Symbol& symbol) {
    std::string ownerPath = ownerPathOf(symbol);
    if (!seen_.insert({ownerPath, symbol.name}).second) return;
    methods_.push_back({symbol, ownerOf(symbol, ownerPath), ownerPath});
  }

  void addContainer(const Symbol& container) {
    if (std::none_of(containers_.begin(), containers_.end(), [&](const Symbol& known) {
          return known.qualifiedName == container.qualifiedName;
        })) {
      containers_.push_back(container);
    }
    for (const Symbol& symbol : source_.fileSymbols) {
      if (symbol.kind == "method" && ownerPathOf(symbol) == container.qualifiedName) {
        addMethod(symbol);
      }
    }
    if (!rules_.declaredMethods) return;
    for (const Symbol& declared : rules_.declaredMethods(container)) addMethod(declared);
  }

  std::vector<TestCase> build(bool publicOnly) const {
    using Key = std::tuple<std::uint32_t, std::uint32_t, std::size_t>;
    std::vector<std::pair<Key, TestCase>> keyed;
    std::map<std::string, std::uint32_t> groupStart;
    for (const Candidate& method : methods_) {
      auto [it, fresh] = groupStart.emplace(method.ownerPath, method.symbol.startByte);
      if (!fresh) it->second = std::min(it->second, method.symbol.startByte);
    }
    for (const Symbol& container : containers_) {
      auto [it, fresh] = groupStart.emplace(container.qualifiedName, container.startByte);
      if (!fresh) it->second = std::min(it->second, container.startByte);
    }
    std::set<std::string> ownersWithTests;
    for (const Candidate& method : methods_) {
      if (publicOnly && !rules_.isPublic(method.symbol, method.owner)) continue;
      if (method.symbol.kind == "constructor") continue;
      TestCase testCase;
      testCase.name = method.symbol.name;
      testCase.ownerPath = method.ownerPath;
      testCase.owner = lastPart(method.ownerPath);
      testCase.qualified = method.symbol.qualifiedName;
      testCase.topLevel = firstPart(method.ownerPath);
      ownersWithTests.insert(method.ownerPath);
      keyed.push_back({{groupStart[method.ownerPath], method.symbol.startByte, keyed.size()},
                       std::move(testCase)});
    }
    for (const Symbol& function : functions_) {
      if (publicOnly && !rules_.isPublic(function, nullptr)) continue;
      TestCase testCase{function.name, "", "", function.qualifiedName, function.name, false};
      keyed.push_back({{function.startByte, 0, keyed.size()}, std::move(testCase)});
    }
    for (const Symbol& container : containers_) {
      if (!testableAsWhole(container) || ownersWithTests.contains(container.qualifiedName)) {
        continue;
      }
      if (publicOnly && !rules_.isPublic(container, nullptr)) continue;
      TestCase testCase{container.name,
                        "",
                        "",
                        container.qualifiedName,
                        firstPart(container.qualifiedName),
                        true};
      keyed.push_back({{container.startByte, 0, keyed.size()}, std::move(testCase)});
    }
    std::sort(keyed.begin(), keyed.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<TestCase> cases;
    for (auto& [key, testCase] : keyed) cases.push_back(std::move(testCase));
    return cases;
  }

  const SkeletonSource& source_;
  const SymbolRules& rules_;
  std::vector<Symbol> functions_;
  std::vector<Candidate> methods_;
  std::vector<Symbol> containers_;
  std::set<std::pair<std::string, std::string>> seen_;  // (owner path, name): overloads once
};

}  // namespace

std::string ownerPathOf(const Symbol& symbol) {
  const std::string& qualified = symbol.qualifiedName;
  for (std::string_view separator : {"::", "."}) {
    std::string suffix = std::string(separator) + symbol.name;
    if (qualified.size() > suffix.size() && qualified.ends_with(suffix)) {
      return qualified.substr(0, qualified.size() - suffix.size());
    }
  }
  return symbol.parent;
}

std::vector<TestCase> selectTestCases(const SkeletonSource& source, const SymbolRules& rules) {
  return CaseSelector(source, rules).select();
}

}  // namespace testgen

TestFile buildTestSkeleton(const SkeletonInput& input) {
  using namespace testgen;
  SkeletonSource source{input, indexer::chunkText(input.sourcePath, input.sourceText).symbols};
  switch (input.framework.framework) {
    case TestFramework::Pytest:
    case TestFramework::Unittest:
      return writePythonSkeleton(source);
    case TestFramework::Jest:
    case TestFramework::Vitest:
    case TestFramework::Mocha:
      return writeJsSkeleton(source);
    case TestFramework::GoogleTest:
    case TestFramework::Catch2:
      return writeNativeSkeleton(source);
    case TestFramework::GoTest:
      return writeGoSkeleton(source);
    case TestFramework::CargoTest:
      return writeRustSkeleton(source);
    case TestFramework::JUnit5:
    case TestFramework::JUnit4:
      return writeJavaSkeleton(source);
  }
  return {input.framework.proposedPath, {}, {}};
}

}  // namespace gloss::commands
