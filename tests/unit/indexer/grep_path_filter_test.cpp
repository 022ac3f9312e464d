// --glob and --type filters with ripgrep's precedence.
#include <gtest/gtest.h>

#include "indexer/grep/GrepPathFilter.h"

namespace gloss::indexer {
namespace {

GrepPathFilter filter(PathFilterOptions options) {
  auto compiled = GrepPathFilter::compile(options);
  EXPECT_TRUE(compiled.ok()) << (compiled.ok() ? "" : compiled.error());
  return std::move(*compiled);
}

TEST(GrepPathFilter, IncludeGlobsWhitelistAndExcludesWinWhenLater) {
  auto f = filter({{"*.py", "!tests/**"}, {}, {}});
  EXPECT_TRUE(f.accepts("src/a.py"));
  EXPECT_FALSE(f.accepts("src/a.c"));
  EXPECT_FALSE(f.accepts("tests/a.py"));
  auto later = filter({{"!tests/**", "tests/keep.py"}, {}, {}});
  EXPECT_TRUE(later.accepts("tests/keep.py"));
  EXPECT_FALSE(later.accepts("tests/other.py"));
}

TEST(GrepPathFilter, ExcludedDirectoriesExcludeTheirFiles) {
  auto f = filter({{"!vendor/"}, {}, {}});
  EXPECT_FALSE(f.accepts("vendor/lib/a.go"));
  EXPECT_TRUE(f.accepts("src/vendor.go"));
}

TEST(GrepPathFilter, TypesMatchFileNames) {
  auto py = filter({{}, {"py"}, {}});
  EXPECT_TRUE(py.accepts("a/b/c.pyi"));
  EXPECT_FALSE(py.accepts("a/b/c.js"));
  auto notC = filter({{}, {}, {"c"}});
  EXPECT_FALSE(notC.accepts("x.h"));
  EXPECT_TRUE(notC.accepts("x.rs"));
  auto make = filter({{}, {"make"}, {}});
  EXPECT_TRUE(make.accepts("sub/Makefile"));
}

TEST(GrepPathFilter, UnknownTypesAndBadGlobsAreErrors) {
  auto unknown = GrepPathFilter::compile({{}, {"cobolish"}, {}});
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.error().find("unknown file type 'cobolish'"), std::string::npos);
  EXPECT_NE(unknown.error().find("py"), std::string::npos);  // lists the known ones
  EXPECT_FALSE(GrepPathFilter::compile({{"[a-"}, {}, {}}).ok());
  EXPECT_TRUE(GrepPathFilter().empty());
}

}  // namespace
}  // namespace gloss::indexer
