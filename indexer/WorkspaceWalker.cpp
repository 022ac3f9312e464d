#include "indexer/WorkspaceWalker.h"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <iterator>
#include <mutex>
#include <optional>
#include <system_error>
#include <thread>
#include <tuple>
#include <utility>

#include "indexer/DirectoryTaskPool.h"
#include "indexer/EntrySelector.h"

namespace gloss::indexer {

bool looksBinary(std::string_view firstBlock) {
  constexpr std::size_t kBinaryProbeBytes = 8 * 1024;
  return firstBlock.substr(0, kBinaryProbeBytes).find('\0') != std::string_view::npos;
}

void WalkStats::count(SkipReason reason) {
  switch (reason) {
    case SkipReason::GitDirectory:
      break;
    case SkipReason::Hidden:
      ++hidden;
      break;
    case SkipReason::Ignored:
      ++ignored;
      break;
    case SkipReason::TooLarge:
      ++tooLarge;
      break;
    case SkipReason::SymlinkNotFollowed:
      ++symlinksNotFollowed;
      break;
    case SkipReason::SymlinkOutsideRoot:
      ++symlinksOutsideRoot;
      break;
    case SkipReason::SymlinkLoop:
      ++symlinkLoops;
      break;
    case SkipReason::BrokenSymlink:
      ++brokenSymlinks;
      break;
    case SkipReason::NotRegular:
      ++notRegular;
      break;
    case SkipReason::Unreadable:
      ++unreadable;
      break;
    case SkipReason::Missing:
      break;  // raced with a deletion: nothing to report
  }
}

WalkStats& WalkStats::operator+=(const WalkStats& other) {
  files += other.files;
  directories += other.directories;
  hidden += other.hidden;
  ignored += other.ignored;
  tooLarge += other.tooLarge;
  symlinksNotFollowed += other.symlinksNotFollowed;
  symlinksOutsideRoot += other.symlinksOutsideRoot;
  symlinkLoops += other.symlinkLoops;
  brokenSymlinks += other.brokenSymlinks;
  notRegular += other.notRegular;
  unreadable += other.unreadable;
  return *this;
}

namespace {

std::string errnoText(int error) {
  return std::generic_category().message(error);
}

void assignJoined(std::string& out, std::string_view directory, std::string_view name) {
  out.assign(directory);
  if (!out.empty() && out.back() != '/') out.push_back('/');
  out.append(name);
}

std::string joined(std::string_view directory, std::string_view name) {
  std::string out;
  assignJoined(out, directory, name);
  return out;
}

// What one walking thread owns; merged into the result at the end.
struct WorkerState {
  WalkStats stats;
  std::vector<WalkWarning> warnings;
  FileEntry entry;  // its paths double as scratch buffers, so the hot loop does not allocate
};

bool isDotOrDotDot(const char* name) {
  return name[0] == '.' && (name[1] == '\0' || (name[1] == '.' && name[2] == '\0'));
}

void fillFileEntry(FileEntry& entry, const struct stat& status) {
  entry.size = static_cast<std::uint64_t>(status.st_size);
  entry.mtimeNs = mtimeNanoseconds(status);
}

// Reads one directory: files go to the callback, subdirectories back into the pool.
void readDirectory(const DirectoryTask& task, const EntrySelector& selector,
                   DirectoryTaskPool& pool, unsigned worker, WorkerState& state,
                   const WorkspaceWalker::FileCallback& onFile) {
  auto directory = selector.open(task, state.warnings);
  if (!directory) {
    state.warnings.push_back({task.absolutePath, 0, errnoText(directory.error())});
    state.stats.count(SkipReason::Unreadable);
    return;
  }
  ++state.stats.directories;
  FileEntry& entry = state.entry;
  entry.rootIndex = task.rootIndex;
  for (;;) {
    errno = 0;
    const dirent* dirEntry = ::readdir(directory->stream.get());
    if (dirEntry == nullptr) {
      if (errno != 0) state.warnings.push_back({task.absolutePath, 0, errnoText(errno)});
      return;
    }
    const char* name = dirEntry->d_name;
    if (isDotOrDotDot(name)) continue;
    assignJoined(entry.relativePath, task.relativePath, name);
    assignJoined(entry.absolutePath, task.absolutePath, name);
    const EntryVerdict verdict = selector.classify(*directory, name, dirEntry->d_type,
                                                   entry.relativePath, entry.absolutePath);
    if (verdict.kind == EntryVerdict::Kind::File) {
      fillFileEntry(entry, verdict.status);
      ++state.stats.files;
      onFile(entry);
    } else if (verdict.kind == EntryVerdict::Kind::Directory) {
      pool.push(worker, directory->subdirectory(entry.absolutePath, entry.relativePath));
    } else {
      state.stats.count(verdict.reason);
    }
  }
}

std::string normalizedAbsolute(std::string_view path) {
  std::error_code error;
  std::filesystem::path absolute = std::filesystem::absolute(std::filesystem::path(path), error);
  std::string normal = (error ? std::filesystem::path(path) : absolute).lexically_normal();
  while (normal.size() > 1 && normal.back() == '/') normal.pop_back();
  return normal;
}

}  // namespace

std::int64_t mtimeNanoseconds(const struct stat& status) {
  return static_cast<std::int64_t>(status.st_mtim.tv_sec) * 1'000'000'000 + status.st_mtim.tv_nsec;
}

WorkspaceWalker::WorkspaceWalker(std::vector<std::string> roots, WalkOptions options)
    : options_(std::move(options)) {
  for (const std::string& root : roots) {
    roots_.push_back(normalizedAbsolute(root));
    char resolved[PATH_MAX];
    const bool exists = ::realpath(roots_.back().c_str(), resolved) != nullptr;
    canonicalRoots_.push_back(exists ? std::string(resolved) : roots_.back());
  }
  IgnoreRules excludes = IgnoreRules::fromPatterns(options_.excludeGlobs, "settings: exclude");
  settingsWarnings_ = excludes.warnings();
  settingsChain_ = IgnoreChain::base(std::move(excludes));
}

WalkResult WorkspaceWalker::walk(const FileCallback& onFile) const {
  WalkResult result;
  result.warnings = settingsWarnings_;
  const unsigned threadCount =
      options_.threads != 0 ? options_.threads : std::max(1u, std::thread::hardware_concurrency());
  const EntrySelector selector(options_, roots_, canonicalRoots_, settingsChain_);
  DirectoryTaskPool pool(threadCount);
  for (std::uint32_t i = 0; i < roots_.size(); ++i)
    pool.push(0, selector.rootTask(i, result.warnings));

  std::vector<WorkerState> states(threadCount);
  std::atomic<bool> failed{false};
  std::atomic<bool> droppedWork{false};
  std::exception_ptr firstError;
  std::mutex errorMutex;
  const auto stopRequested = [&] {
    return failed.load(std::memory_order_relaxed) ||
           (options_.cancel != nullptr && options_.cancel->load(std::memory_order_relaxed));
  };
  const auto run = [&](unsigned worker) {
    while (auto task = pool.next(worker)) {
      // A stopped walk still drains the pool so every thread sees the end.
      if (stopRequested()) {
        droppedWork = true;
      } else {
        try {
          readDirectory(*task, selector, pool, worker, states[worker], onFile);
        } catch (...) {
          std::lock_guard lock(errorMutex);
          if (!firstError) firstError = std::current_exception();
          failed = true;
        }
      }
      pool.finished();
    }
  };
  std::vector<std::thread> threads;
  for (unsigned worker = 1; worker < threadCount; ++worker) {
    try {
      threads.emplace_back(run, worker);
    } catch (const std::system_error&) {
      break;  // fewer threads still finish the walk: idle queues are stolen from
    }
  }
  run(0);
  for (std::thread& thread : threads) thread.join();

  if (firstError) std::rethrow_exception(firstError);
  for (WorkerState& state : states) {
    result.stats += state.stats;
    std::move(state.warnings.begin(), state.warnings.end(), std::back_inserter(result.warnings));
  }
  result.cancelled = droppedWork.load();
  return result;
}

std::vector<FileEntry> WorkspaceWalker::collectSorted(WalkResult* result) const {
  std::vector<FileEntry> files;
  std::mutex filesMutex;
  WalkResult walked = walk([&](const FileEntry& entry) {
    std::lock_guard lock(filesMutex);
    files.push_back(entry);
  });
  std::sort(files.begin(), files.end(), [](const FileEntry& a, const FileEntry& b) {
    return std::tie(a.rootIndex, a.relativePath) < std::tie(b.rootIndex, b.relativePath);
  });
  if (result != nullptr) *result = std::move(walked);
  return files;
}

PathSelection WorkspaceWalker::checkPath(std::string_view path) const {
  const std::string normal = normalizedAbsolute(path);
  PathSelection answer;
  answer.entry.absolutePath = normal;
  for (std::uint32_t i = 0; i < roots_.size(); ++i) {
    for (const std::string* root : {&roots_[i], &canonicalRoots_[i]}) {
      if (!isUnder(normal, *root)) continue;
      const std::size_t skip = root->size() == 1 ? 1 : root->size() + 1;
      PathSelection candidate =
          checkUnderRoot(i, normal.size() > root->size() ? normal.substr(skip) : std::string());
      if (candidate.selected()) return candidate;
      if (answer.verdict == PathSelection::Verdict::OutsideRoots) answer = std::move(candidate);
      break;
    }
  }
  return answer;
}

// Replays the walk along the path: each directory on the way is opened and its ignore files read
// exactly as the walk would, then its next component is judged by the same EntrySelector.
PathSelection WorkspaceWalker::checkUnderRoot(std::uint32_t rootIndex,
                                              std::string_view relativePath) const {
  PathSelection selection;
  selection.entry.rootIndex = rootIndex;
  selection.entry.relativePath = relativePath;
  assignJoined(selection.entry.absolutePath, roots_[rootIndex], relativePath);
  const auto finish = [&](PathSelection::Verdict verdict, std::optional<SkipReason> reason) {
    selection.verdict = verdict;
    selection.reason = reason;
    return std::move(selection);
  };
  const EntrySelector selector(options_, roots_, canonicalRoots_, settingsChain_);
  DirectoryTask current = selector.rootTask(rootIndex, selection.warnings);
  for (std::size_t start = 0;;) {
    auto directory = selector.open(current, selection.warnings);
    if (!directory) {
      const bool missing = directory.error() == ENOENT || directory.error() == ENOTDIR;
      return finish(PathSelection::Verdict::Skipped,
                    missing ? SkipReason::Missing : SkipReason::Unreadable);
    }
    if (relativePath.empty()) return finish(PathSelection::Verdict::Directory, std::nullopt);
    const std::size_t slash = relativePath.find('/', start);
    const std::string name(relativePath.substr(start, slash - start));
    DirectoryTask child = directory->subdirectory(joined(current.absolutePath, name),
                                                  std::string(relativePath.substr(0, slash)));
    const EntryVerdict verdict = selector.classify(*directory, name.c_str(), DT_UNKNOWN,
                                                   child.relativePath, child.absolutePath);
    if (verdict.kind == EntryVerdict::Kind::Skipped) {
      return finish(PathSelection::Verdict::Skipped, verdict.reason);
    }
    if (slash == std::string_view::npos) {
      if (verdict.kind == EntryVerdict::Kind::Directory) {
        return finish(PathSelection::Verdict::Directory, std::nullopt);
      }
      fillFileEntry(selection.entry, verdict.status);
      return finish(PathSelection::Verdict::File, std::nullopt);
    }
    if (verdict.kind != EntryVerdict::Kind::Directory) {
      return finish(PathSelection::Verdict::Skipped, SkipReason::Missing);
    }
    current = std::move(child);
    start = slash + 1;
  }
}

}  // namespace gloss::indexer