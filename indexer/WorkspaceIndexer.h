// Keeps index.db in step with the workspace: a full pass (walk, one stat per unchanged file,
// parallel chunking of the changed ones, batched writes) and single-file updates for saves and
// file-watcher events. Paths in the index are absolute. Not thread-safe: one owner drives it
// (the writer thread of the server, or the CLI).
#pragma once

#include <atomic>
#include <functional>
#include <string>
#include <vector>

#include "indexer/Chunker.h"
#include "indexer/IndexStore.h"
#include "indexer/WorkspaceWalker.h"

namespace gloss::indexer {

// Files over `maxChunkedFileSize` are recorded (path, size, mtime) but neither read nor chunked:
// grep still has to know they exist. The walk's own size limit is off by default for that reason.
struct IndexerOptions {
  WalkOptions walk = unlimitedWalk();
  ChunkOptions chunk;
  std::uint64_t maxChunkedFileSize = 1024 * 1024;
  unsigned threads = 0;                        // chunking threads; 0: one per core
  std::size_t batchFiles = 512;                // files per write transaction
  std::size_t batchBytes = 32u * 1024 * 1024;  // or this much text, whichever comes first

  static WalkOptions unlimitedWalk() {
    WalkOptions walk;
    walk.maxFileSize = UINT64_MAX;
    return walk;
  }
};

struct IndexProgress {
  std::size_t done = 0;   // files examined among those that needed reading
  std::size_t total = 0;  // files that needed reading (new or changed stat)
};

struct IndexRunStats {
  std::size_t files = 0;      // selected by the walk
  std::size_t unchanged = 0;  // same size and mtime: one stat, nothing read
  std::size_t touched = 0;    // stat changed, content hash did not
  std::size_t indexed = 0;    // chunked and written
  std::size_t binary = 0;     // NUL byte in the first block: kept as a file without chunks
  std::size_t oversized = 0;  // over maxChunkedFileSize: recorded, not read
  std::size_t unreadable = 0;
  std::size_t removed = 0;  // in the index but no longer in the workspace
  std::uint64_t bytesRead = 0;
  double seconds = 0;
  WalkStats walk;
  std::vector<WalkWarning> warnings;
  std::vector<std::string> errors;  // database failures; the pass stops at the first
  bool cancelled = false;
};

enum class FileUpdateKind { Indexed, Unchanged, Removed, NotIndexed };
struct FileUpdate {
  FileUpdateKind kind = FileUpdateKind::NotIndexed;
  std::string reason;  // for NotIndexed: why the path is not part of the index
};

class WorkspaceIndexer {
 public:
  using ProgressCallback = std::function<void(const IndexProgress&)>;

  WorkspaceIndexer(IndexStore& store, std::vector<std::string> roots, IndexerOptions options);

  IndexRunStats update(const ProgressCallback& onProgress = {},
                       const std::atomic<bool>* cancel = nullptr);

  // Re-reads one file (after a save or a watcher event): indexes it when the walk would select
  // it, removes it from the index when it is gone or no longer selected.
  Expected<FileUpdate, std::string> updateFile(const std::string& path);
  // Removes a file, or every indexed file under a directory.
  Expected<std::size_t, std::string> removePath(const std::string& path);

  const WorkspaceWalker& walker() const { return walker_; }

 private:
  struct Work;
  void chunkWorker(Work& work);
  // Hands a parsed file to the writer; false when the pass is stopping.
  static bool pushParsed(Work& work, ParsedFile parsed);
  void writeBatches(Work& work, IndexRunStats& stats, const ProgressCallback& onProgress);

  IndexStore& store_;
  IndexerOptions options_;
  WorkspaceWalker walker_;
};

// Reads a whole file; nothing when it cannot be read.
std::optional<std::string> readFile(const std::string& path);

}  // namespace gloss::indexer
