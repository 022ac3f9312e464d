#include "indexer/PathContainment.h"

#include <sys/stat.h>

#include <algorithm>
#include <deque>
#include <filesystem>

#include "indexer/WorkspaceWalker.h"

namespace gloss::indexer {
namespace fs = std::filesystem;
namespace {

constexpr int kMaxSymlinkHops = 40;

void pushFront(std::deque<std::string>& pending, const fs::path& path) {
  std::vector<std::string> parts;
  for (const fs::path& part : path.relative_path()) parts.push_back(part.string());
  pending.insert(pending.begin(), parts.begin(), parts.end());
}

}  // namespace

std::optional<std::string> resolveSymlinks(std::string_view path) {
  std::deque<std::string> pending;
  pushFront(pending, fs::path(path));
  fs::path done = "/";
  int hops = 0;
  while (!pending.empty()) {
    std::string part = std::move(pending.front());
    pending.pop_front();
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      done = done.parent_path();
      continue;
    }
    fs::path next = done / part;
    struct stat status {};
    if (::lstat(next.c_str(), &status) == 0 && S_ISLNK(status.st_mode)) {
      if (++hops > kMaxSymlinkHops) return std::nullopt;
      std::error_code error;
      fs::path target = fs::read_symlink(next, error);
      if (error) return std::nullopt;
      if (target.is_absolute()) done = "/";
      pushFront(pending, target);
      continue;
    }
    done = std::move(next);
  }
  return done.string();
}

std::optional<std::string> containedPath(std::string_view path,
                                         const std::vector<std::string>& roots) {
  if (roots.empty()) return std::nullopt;
  fs::path candidate(path);
  if (candidate.is_relative()) candidate = fs::path(roots.front()) / candidate;
  std::string lexical = normalPath(candidate.string());
  const auto under = [](const std::string& p, const std::vector<std::string>& folders) {
    return std::any_of(folders.begin(), folders.end(),
                       [&](const std::string& folder) { return isUnder(p, folder); });
  };
  std::vector<std::string> normalRoots, realRoots;
  for (const std::string& root : roots) {
    normalRoots.push_back(normalPath(root));
    realRoots.push_back(resolveSymlinks(normalRoots.back()).value_or(normalRoots.back()));
  }
  if (!under(lexical, normalRoots)) return std::nullopt;
  std::optional<std::string> real = resolveSymlinks(lexical);
  if (!real || !under(*real, realRoots)) return std::nullopt;
  return lexical;
}

}  // namespace gloss::indexer
