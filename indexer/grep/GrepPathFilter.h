// Which files a grep looks at, beyond the walk's own rules: ripgrep-style `--glob` overrides
// (`GLOB` includes, `!GLOB` excludes, gitignore syntax, the last matching glob wins; with any
// include glob, a file must match one) and `--type`/`--type-not` filters.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "indexer/Glob.h"
#include "indexer/IgnoreRules.h"
#include "indexer/WorkspaceWalker.h"
#include "protocol/Expected.h"

namespace gloss::indexer {

struct PathFilterOptions {
  std::vector<std::string> globs;  // "!" prefix excludes
  std::vector<std::string> types;  // e.g. "py"; a file must be of one of them
  std::vector<std::string> typesNot;
};

class GrepPathFilter {
 public:
  GrepPathFilter() = default;
  // An unknown type or a malformed glob is an error naming it.
  static Expected<GrepPathFilter, std::string> compile(const PathFilterOptions& options);

  // `relativePath`: '/'-separated, relative to the search root. Narrowing only: a file the
  // walk skipped (hidden, ignored) stays skipped.
  bool accepts(std::string_view relativePath) const;
  // ripgrep's precedence, for the walk itself: an include glob selects a file even when it is
  // hidden or ignored, a type selects a hidden file; excluded directories are not entered.
  WalkOverride verdict(std::string_view relativePath, bool isDirectory) const;
  bool empty() const { return !hasGlobs_ && types_.empty() && typesNot_.empty(); }

 private:
  IgnoreRules globs_;
  bool hasGlobs_ = false;
  bool hasIncludes_ = false;
  std::vector<Glob> types_;
  std::vector<Glob> typesNot_;
};

}  // namespace gloss::indexer
