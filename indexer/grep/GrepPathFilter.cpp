#include "indexer/grep/GrepPathFilter.h"

#include "indexer/grep/FileTypes.h"

namespace gloss::indexer {
namespace {

Expected<std::vector<Glob>, std::string> compileTypes(const std::vector<std::string>& names) {
  std::vector<Glob> globs;
  for (const auto& name : names) {
    const FileType* type = findFileType(name);
    if (!type) {
      std::string known;
      for (const auto& t : fileTypes()) known += (known.empty() ? "" : ", ") + std::string(t.name);
      return unexpected("unknown file type '" + name + "' (known: " + known + ")");
    }
    for (auto pattern : type->globs) {
      auto glob = Glob::compile(pattern);
      if (!glob) return unexpected(glob.error());
      globs.push_back(std::move(*glob));
    }
  }
  return globs;
}

bool anyMatches(const std::vector<Glob>& globs, std::string_view name) {
  for (const auto& glob : globs) {
    if (glob.matches(name)) return true;
  }
  return false;
}

std::string_view baseName(std::string_view path) {
  auto slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

}  // namespace

Expected<GrepPathFilter, std::string> GrepPathFilter::compile(const PathFilterOptions& options) {
  GrepPathFilter filter;
  // Overrides are ignore rules read the other way round: an include is a whitelist (`!X`) and
  // an exclude is an ignore (`X`), so gitignore's "last match wins" gives ripgrep's precedence.
  std::vector<std::string> lines;
  for (const auto& glob : options.globs) {
    if (glob.empty() || glob == "!") return unexpected(std::string("empty --glob"));
    if (glob.front() == '!') {
      lines.push_back(glob.substr(1));
    } else {
      lines.push_back("!" + glob);
      filter.hasIncludes_ = true;
    }
  }
  filter.globs_ = IgnoreRules::fromPatterns(lines, "--glob");
  if (!filter.globs_.warnings().empty()) {
    return unexpected("bad --glob: " + filter.globs_.warnings().front().message);
  }
  filter.hasGlobs_ = !lines.empty();
  auto types = compileTypes(options.types);
  if (!types) return unexpected(types.error());
  filter.types_ = std::move(*types);
  auto typesNot = compileTypes(options.typesNot);
  if (!typesNot) return unexpected(typesNot.error());
  filter.typesNot_ = std::move(*typesNot);
  return filter;
}

WalkOverride GrepPathFilter::verdict(std::string_view relativePath, bool isDirectory) const {
  if (isDirectory) {
    bool excluded = hasGlobs_ && globs_.match(relativePath, true) == IgnoreMatch::Ignore;
    return excluded ? WalkOverride::Skip : WalkOverride::NoOpinion;
  }
  WalkOverride result = WalkOverride::NoOpinion;
  if (hasGlobs_) {
    switch (globs_.match(relativePath, false)) {
      case IgnoreMatch::Ignore:
        return WalkOverride::Skip;
      case IgnoreMatch::Include:
        result = WalkOverride::Whitelist;
        break;
      case IgnoreMatch::NoMatch:
        if (hasIncludes_) return WalkOverride::Skip;
    }
  }
  std::string_view name = baseName(relativePath);
  if (!typesNot_.empty() && anyMatches(typesNot_, name)) return WalkOverride::Skip;
  if (!types_.empty()) {
    if (!anyMatches(types_, name)) return WalkOverride::Skip;
    if (result == WalkOverride::NoOpinion) result = WalkOverride::NotHidden;
  }
  return result;
}

bool GrepPathFilter::accepts(std::string_view relativePath) const {
  if (empty()) return true;
  // An excluded directory excludes everything below it (`!vendor/`).
  for (auto slash = relativePath.find('/'); slash != std::string_view::npos;
       slash = relativePath.find('/', slash + 1)) {
    if (verdict(relativePath.substr(0, slash), true) == WalkOverride::Skip) return false;
  }
  return verdict(relativePath, false) != WalkOverride::Skip;
}

}  // namespace gloss::indexer
