// What framework detection knows about a repository: a bounded, deterministic listing of its
// files (breadth-first, so a cut keeps the shallow files that matter most), helpers to read them
// and the ranking that picks the existing test file closest to a source file. Internal to
// commands/testgen.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace gloss::commands::testgen {

namespace fs = std::filesystem;

struct RepoScan {
  fs::path root;                   // absolute, normalised
  std::vector<std::string> files;  // relative, '/'-separated, breadth-first and sorted per folder
  std::set<std::string> dirs;      // relative folders that were listed ("" is the root)
};

// Skips node_modules, hidden folders, build*/target/dist/vendor and Python caches; stops after
// `maxEntries` directory entries.
RepoScan scanRepository(const fs::path& root, std::size_t maxEntries = 5000);

// The first `limit` bytes of a file; empty when it cannot be read.
std::string readHead(const fs::path& path, std::size_t limit = 64 * 1024);

fs::path normalPath(const std::string& path);
bool isInside(const fs::path& root, const fs::path& path);
// `path` relative to `root` with '/' separators; `path` itself when it is not inside.
std::string relativePath(const fs::path& root, const fs::path& path);

std::string lowerCase(std::string_view text);
bool isTestFolderName(std::string_view name);  // test, tests, __tests__, spec, specs, testing
// Some folder on the relative path is a test folder.
bool inTestFolder(const std::string& relative);

// The nearest of `from` and its ancestors (up to the root) that holds `fileName`, looked up on
// disk so that it works past the scan's cut.
std::optional<fs::path> nearestFolderWith(const RepoScan& scan, const fs::path& from,
                                          std::string_view fileName);

// The closest test folder ("tests" or "test") that is a child of `from` or of one of its
// ancestors up to the root.
std::optional<fs::path> nearestTestFolder(const RepoScan& scan, const fs::path& from);

// Picks among `candidates` (relative paths) the one closest to the source file: same folder
// first, then a test folder hanging off the source's folder or one of its ancestors, then
// anywhere; ties go to the shorter tree distance, then to `preferred` ones, then by path.
// Returns the relative path and sets `rank` (0, 1 or 2); empty when there are no candidates.
std::string closestTest(const RepoScan& scan, const fs::path& source,
                        const std::vector<std::string>& candidates,
                        const std::function<bool(const std::string&)>& preferred, int& rank);

}  // namespace gloss::commands::testgen
