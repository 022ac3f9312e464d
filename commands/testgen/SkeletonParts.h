// What every skeleton writer shares: the choice of what to test (one case per public function,
// one per public method grouped by class, a class with no public method tested as a whole),
// name helpers, and one writer per language family. Internal to commands/testgen.
#pragma once

#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "commands/testgen/TestSkeleton.h"

namespace gloss::commands::testgen {

struct TestCase {
  std::string name;       // the function or method; the class itself when `wholeClass`
  std::string owner;      // short name of the class or type of a method, else empty
  std::string ownerPath;  // its qualified name
  std::string qualified;  // what the TODO names: "Shape.scale", "demo::Counter::increment"
  std::string topLevel;   // the file-level name a test imports to reach it
  bool wholeClass = false;
};

struct SymbolRules {
  // `owner` is the class, struct or impl that holds a method (null for free functions and when
  // the file does not define it).
  std::function<bool(const indexer::Symbol& symbol, const indexer::Symbol* owner)> isPublic;
  // Methods a class declares without defining them (C++ headers); may be empty.
  std::function<std::vector<indexer::Symbol>(const indexer::Symbol& container)> declaredMethods;
};

struct SkeletonSource {
  const SkeletonInput& input;
  std::vector<indexer::Symbol> fileSymbols;  // every definition of the source file
};

// Test cases in file order; private symbols only when nothing public is left.
std::vector<TestCase> selectTestCases(const SkeletonSource& source, const SymbolRules& rules);

// The qualified name less its last part ("demo::Counter" for "demo::Counter::increment").
std::string ownerPathOf(const indexer::Symbol& symbol);

// Keeps test names unique: a taken name gets 2, 3, ... appended.
class UniqueNames {
 public:
  std::string take(const std::string& wanted);

 private:
  std::set<std::string> taken_;
};

std::string camelCase(std::string_view name);  // parse_args, fromString -> ParseArgs, FromString
std::string snakeCase(std::string_view name);  // HttpServer, parseArgs -> http_server, parse_args
std::string upperFirst(std::string_view name);
std::string lowerFirst(std::string_view name);
std::string identifierFrom(std::string_view text);  // invalid characters become '_'
// Escapes backslashes and double quotes for a string literal.
std::string escaped(std::string_view text);
// `to` relative to the folder `fromFolder`, '/'-separated.
std::string relativeTo(const std::string& fromFolder, const std::string& to);

TestFile writePythonSkeleton(const SkeletonSource& source);
TestFile writeJsSkeleton(const SkeletonSource& source);
TestFile writeNativeSkeleton(const SkeletonSource& source);
TestFile writeGoSkeleton(const SkeletonSource& source);
TestFile writeRustSkeleton(const SkeletonSource& source);
TestFile writeJavaSkeleton(const SkeletonSource& source);

}  // namespace gloss::commands::testgen
