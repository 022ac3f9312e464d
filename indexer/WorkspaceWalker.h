// Selects the files of a (multi-root) workspace that gloss indexes: a parallel directory walk
// that honours .gitignore/.ignore/.git/info/exclude and gloss's exclude setting, skips hidden
// and oversized files, and follows symlinks only to targets inside a root.
//
// `.gitignore` files count even where there is no `.git` (ripgrep's --no-require-git), since a
// workspace is often an unpacked tree; git's global core.excludesFile is not read, the exclude
// setting plays that part.
//
// Symlink loops are detected against the (device, inode) pairs of the directories on the path
// from the root, not against every directory seen so far: that keeps the result independent of
// thread scheduling, so checkPath() can give exactly the walk's answer for any single path.
#pragma once

#include <sys/stat.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "indexer/IgnoreRules.h"

namespace gloss::indexer {

// A caller's say on one entry before the usual rules (ripgrep's --glob/--type semantics).
enum class WalkOverride {
  NoOpinion,  // the usual rules decide
  Skip,       // never selected (counted as ignored)
  Whitelist,  // selected even when hidden or ignored by an ignore file
  NotHidden,  // selected even when hidden; ignore files still apply
};

struct WalkOptions {
  std::vector<std::string> excludeGlobs;    // gloss setting; gitignore syntax, per root
  std::uint64_t maxFileSize = 1024 * 1024;  // larger files are skipped (and counted)
  bool includeHidden = false;               // dotfiles and dot-directories
  bool respectIgnoreFiles = true;           // .gitignore, .ignore, .git/info/exclude
  bool followSymlinks = true;               // only to targets inside one of the roots
  // Stat every file for FileEntry's size and mtime. Off (grep) saves a system call per file;
  // then maxFileSize is not applied and size/mtime are 0.
  bool statFiles = true;
  unsigned threads = 0;                       // 0: std::thread::hardware_concurrency()
  const std::atomic<bool>* cancel = nullptr;  // polled once per directory
  // Consulted for every entry (relative path, is-directory) when set; must be thread-safe.
  std::function<WalkOverride(std::string_view, bool)> override;
};

struct FileEntry {
  std::string absolutePath;  // the root joined with relativePath (symlinks not resolved)
  std::uint32_t rootIndex = 0;
  std::string relativePath;  // '/'-separated, relative to its root
  std::uint64_t size = 0;
  std::int64_t mtimeNs = 0;
};

enum class SkipReason {
  GitDirectory,        // `.git`, always skipped, not counted
  Hidden,              // name starts with '.'
  Ignored,             // an ignore file or the exclude setting
  TooLarge,            // over maxFileSize
  SymlinkNotFollowed,  // followSymlinks is off
  SymlinkOutsideRoot,  // target resolves outside every root
  SymlinkLoop,         // target is a directory on the link's own path
  BrokenSymlink,       // target does not exist
  NotRegular,          // fifo, socket, device
  Unreadable,          // a directory that could not be opened
  Missing,             // vanished, or not there at all
};

struct WalkStats {
  std::uint64_t files = 0;        // selected files
  std::uint64_t directories = 0;  // directories read
  std::uint64_t hidden = 0;
  std::uint64_t ignored = 0;
  std::uint64_t tooLarge = 0;
  std::uint64_t symlinksNotFollowed = 0;
  std::uint64_t symlinksOutsideRoot = 0;
  std::uint64_t symlinkLoops = 0;
  std::uint64_t brokenSymlinks = 0;
  std::uint64_t notRegular = 0;
  std::uint64_t unreadable = 0;  // directories that could not be opened (see warnings)

  void count(SkipReason reason);
  WalkStats& operator+=(const WalkStats& other);
};

// Problems that did not stop the walk: unreadable directories, bad ignore-file lines.
using WalkWarning = IgnoreWarning;

struct WalkResult {
  WalkStats stats;
  std::vector<WalkWarning> warnings;
  bool cancelled = false;
};

// The walk's verdict on one path (checkPath).
struct PathSelection {
  enum class Verdict { File, Directory, Skipped, OutsideRoots };
  Verdict verdict = Verdict::OutsideRoots;
  std::optional<SkipReason> reason;  // set when Skipped
  FileEntry entry;  // paths and root when under a root; size and mtime when a selected File
  std::vector<WalkWarning> warnings;  // e.g. bad lines in the ignore files consulted

  bool selected() const { return verdict == Verdict::File || verdict == Verdict::Directory; }
};

// True when the block (the first 8 KiB of a file, or less) holds a NUL byte, as git and ripgrep
// decide. The walker never reads file contents; callers that do can use this.
bool looksBinary(std::string_view firstBlock);

// A stat's modification time in nanoseconds, as FileEntry and the index's stamps record it.
std::int64_t mtimeNanoseconds(const struct stat& status);

// True when `path` is `directory` or below it; both absolute and lexically normal.
bool isUnder(std::string_view path, std::string_view directory);
// `path` lexically normal and without a trailing '/' ("/" stays "/"): the form isUnder wants.
std::string normalPath(std::string_view path);

class WorkspaceWalker {
 public:
  using FileCallback = std::function<void(const FileEntry&)>;

  // Roots may be relative (made absolute against the current directory) and may nest.
  explicit WorkspaceWalker(std::vector<std::string> roots, WalkOptions options = {});

  // Calls onFile for every selected file. onFile runs on up to `threads` threads at once, so it
  // must be thread-safe; the entry it gets is only valid during the call. Order is unspecified.
  // If onFile throws, the walk stops and the first exception is rethrown here.
  WalkResult walk(const FileCallback& onFile) const;

  // All selected files, sorted by root and then relative path.
  std::vector<FileEntry> collectSorted(WalkResult* result = nullptr) const;

  // Would a walk select this path (absolute or relative to the current directory)? For a
  // directory: would the walk descend into it. Meant for file-watcher events. A path under
  // nested roots is judged under each; the first root that selects it wins.
  PathSelection checkPath(std::string_view path) const;

  const std::vector<std::string>& roots() const { return roots_; }

 private:
  PathSelection checkUnderRoot(std::uint32_t rootIndex, std::string_view relativePath) const;

  std::vector<std::string> roots_;           // absolute, lexically normal
  std::vector<std::string> canonicalRoots_;  // symlinks resolved, for "inside a root" checks
  WalkOptions options_;
  std::shared_ptr<const IgnoreChain> settingsChain_;  // the exclude setting, compiled once
  std::vector<WalkWarning> settingsWarnings_;
};

}  // namespace gloss::indexer
