// Bounded repository listing and closest-test ranking for framework detection (RepoScan.h).
#include "commands/testgen/RepoScan.h"

#include <algorithm>
#include <cctype>
#include <deque>
#include <fstream>
#include <system_error>
#include <tuple>

namespace gloss::commands::testgen {
namespace {

bool skippedFolder(const std::string& name) {
  if (name.empty() || name[0] == '.') return true;
  static const std::set<std::string> kSkipped = {"node_modules", "target", "dist",         "vendor",
                                                 "__pycache__",  "venv",   "site-packages"};
  return kSkipped.contains(name) || name.starts_with("build") || name.starts_with("cmake-build");
}

std::vector<std::string> components(std::string_view relative) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start < relative.size()) {
    std::size_t slash = relative.find('/', start);
    if (slash == std::string_view::npos) slash = relative.size();
    if (slash > start) parts.emplace_back(relative.substr(start, slash - start));
    start = slash + 1;
  }
  return parts;
}

std::string parentOf(const std::string& relative) {
  std::size_t slash = relative.rfind('/');
  return slash == std::string::npos ? std::string() : relative.substr(0, slash);
}

bool isPrefix(const std::vector<std::string>& prefix, const std::vector<std::string>& of) {
  return prefix.size() <= of.size() && std::equal(prefix.begin(), prefix.end(), of.begin());
}

int rankOf(const std::vector<std::string>& sourceDir, const std::vector<std::string>& testDir) {
  if (testDir == sourceDir) return 0;
  for (std::size_t i = 0; i < testDir.size(); ++i) {
    if (!isTestFolderName(testDir[i])) continue;
    std::vector<std::string> hangsOff(testDir.begin(), testDir.begin() + i);
    if (isPrefix(hangsOff, sourceDir)) return 1;
  }
  return 2;
}

std::size_t treeDistance(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::size_t common = 0;
  while (common < a.size() && common < b.size() && a[common] == b[common]) ++common;
  return (a.size() - common) + (b.size() - common);
}

}  // namespace

RepoScan scanRepository(const fs::path& root, std::size_t maxEntries) {
  RepoScan scan;
  scan.root = root;
  std::deque<std::string> pending = {""};
  std::size_t entries = 0;
  while (!pending.empty() && entries < maxEntries) {
    std::string folder = pending.front();
    pending.pop_front();
    scan.dirs.insert(folder);
    std::error_code error;
    fs::directory_iterator it(folder.empty() ? root : root / folder, error);
    if (error) continue;
    std::vector<std::pair<std::string, bool>> children;  // name, is a folder
    for (; it != fs::directory_iterator() && entries < maxEntries; it.increment(error)) {
      if (error) break;
      ++entries;
      std::error_code statError;
      // Symlinked folders are not followed: they can loop or leave the root.
      bool folderEntry = it->is_directory(statError) && !it->is_symlink(statError);
      children.emplace_back(it->path().filename().string(), folderEntry);
    }
    std::sort(children.begin(), children.end());
    for (const auto& [name, folderEntry] : children) {
      std::string relative = folder.empty() ? name : folder + "/" + name;
      if (!folderEntry) {
        scan.files.push_back(relative);
      } else if (!skippedFolder(name)) {
        pending.push_back(relative);
      }
    }
  }
  return scan;
}

std::string readHead(const fs::path& path, std::size_t limit) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  std::string text(limit, '\0');
  in.read(text.data(), static_cast<std::streamsize>(limit));
  text.resize(static_cast<std::size_t>(in.gcount()));
  return text;
}

fs::path normalPath(const std::string& path) {
  std::error_code error;
  fs::path absolute = fs::absolute(fs::path(path), error);
  return (error ? fs::path(path) : absolute).lexically_normal();
}

bool isInside(const fs::path& root, const fs::path& path) {
  fs::path relative = path.lexically_normal().lexically_relative(root.lexically_normal());
  return !relative.empty() && *relative.begin() != "..";
}

std::string relativePath(const fs::path& root, const fs::path& path) {
  if (path.lexically_normal() == root.lexically_normal()) return {};
  if (!isInside(root, path)) return path.generic_string();
  std::string relative = path.lexically_normal().lexically_relative(root).generic_string();
  return relative == "." ? std::string() : relative;
}

std::string lowerCase(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower;
}

bool isTestFolderName(std::string_view name) {
  static const std::set<std::string, std::less<>> kNames = {
      "test", "tests", "__tests__", "spec", "specs", "testing", "unittests", "unit_tests"};
  return kNames.contains(name);
}

bool inTestFolder(const std::string& relative) {
  std::vector<std::string> folders = components(parentOf(relative));
  return std::any_of(folders.begin(), folders.end(),
                     [](const std::string& name) { return isTestFolderName(name); });
}

std::optional<fs::path> nearestFolderWith(const RepoScan& scan, const fs::path& from,
                                          std::string_view fileName) {
  fs::path folder = isInside(scan.root, from) ? from : scan.root;
  while (true) {
    std::error_code error;
    if (fs::is_regular_file(folder / fileName, error)) return folder;
    if (folder == scan.root || !isInside(scan.root, folder)) return std::nullopt;
    folder = folder.parent_path();
  }
}

std::optional<fs::path> nearestTestFolder(const RepoScan& scan, const fs::path& from) {
  fs::path folder = isInside(scan.root, from) ? from : scan.root;
  while (true) {
    for (const char* name : {"tests", "test"}) {
      std::string relative = relativePath(scan.root, folder / name);
      if (scan.dirs.contains(relative)) return folder / name;
    }
    if (folder == scan.root || !isInside(scan.root, folder)) return std::nullopt;
    folder = folder.parent_path();
  }
}

std::string closestTest(const RepoScan& scan, const fs::path& source,
                        const std::vector<std::string>& candidates,
                        const std::function<bool(const std::string&)>& preferred, int& rank) {
  std::vector<std::string> sourceDir;
  if (isInside(scan.root, source))
    sourceDir = components(parentOf(relativePath(scan.root, source)));
  using Key = std::tuple<int, std::size_t, bool, std::string>;
  std::optional<Key> best;
  for (const std::string& candidate : candidates) {
    std::vector<std::string> testDir = components(parentOf(candidate));
    Key key{rankOf(sourceDir, testDir), treeDistance(sourceDir, testDir),
            !(preferred && preferred(candidate)), candidate};
    if (!best || key < *best) best = key;
  }
  if (!best) return {};
  rank = std::get<0>(*best);
  return std::get<3>(*best);
}

}  // namespace gloss::commands::testgen
