// The parallel walk's work queue: one deque of directories per worker thread, with work
// stealing, and a count of unfinished tasks that tells every worker when the walk is over.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <vector>

#include "indexer/EntrySelector.h"

namespace gloss::indexer {

// Hands directories to worker threads. A worker takes its own newest task (depth-first, which
// keeps the pending set small) and, when it has none, steals another worker's oldest task: the
// shallowest directory, so the biggest unexplored subtree changes hands.
class DirectoryTaskPool {
 public:
  explicit DirectoryTaskPool(unsigned workers) : queues_(workers) {}

  void push(unsigned worker, DirectoryTask task);

  // Blocks until a task is available; nullopt once every task has finished.
  std::optional<DirectoryTask> next(unsigned worker);

  void finished();

 private:
  std::optional<DirectoryTask> takeLocked(unsigned worker);

  std::mutex mutex_;
  std::condition_variable wakeup_;
  std::vector<std::deque<DirectoryTask>> queues_;
  std::size_t unfinished_ = 0;  // pushed and not yet finished
};

}  // namespace gloss::indexer
