#include "indexer/DirectoryTaskPool.h"

#include <utility>

namespace gloss::indexer {

void DirectoryTaskPool::push(unsigned worker, DirectoryTask task) {
  {
    std::lock_guard lock(mutex_);
    queues_[worker].push_back(std::move(task));
    ++unfinished_;
  }
  wakeup_.notify_one();
}

std::optional<DirectoryTask> DirectoryTaskPool::next(unsigned worker) {
  std::unique_lock lock(mutex_);
  for (;;) {
    if (auto task = takeLocked(worker)) return task;
    if (unfinished_ == 0) return std::nullopt;
    wakeup_.wait(lock);
  }
}

void DirectoryTaskPool::finished() {
  bool allDone = false;
  {
    std::lock_guard lock(mutex_);
    allDone = --unfinished_ == 0;
  }
  if (allDone) wakeup_.notify_all();
}

std::optional<DirectoryTask> DirectoryTaskPool::takeLocked(unsigned worker) {
  auto& own = queues_[worker];
  if (!own.empty()) {
    DirectoryTask task = std::move(own.back());
    own.pop_back();
    return task;
  }
  for (std::size_t i = 1; i < queues_.size(); ++i) {
    auto& other = queues_[(worker + i) % queues_.size()];
    if (other.empty()) continue;
    DirectoryTask task = std::move(other.front());
    other.pop_front();
    return task;
  }
  return std::nullopt;
}

}  // namespace gloss::indexer
