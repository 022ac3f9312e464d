// A small fixed pool of worker threads with a bounded queue, so a slow request never blocks
// others and a flood of requests cannot grow memory without limit.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace gloss::server {

class WorkerPool {
 public:
  WorkerPool(std::size_t threads, std::size_t maxQueued);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Queues a task; returns false (and drops it) when the queue is full or the pool stopped.
  bool submit(std::function<void()> task);
  // Runs the queued tasks, then joins the threads. Idempotent.
  void stop();
  std::size_t queued() const;
  // Tasks already queued stay; only new ones see the new limit.
  void setMaxQueued(std::size_t maxQueued);

 private:
  void work();

  std::size_t maxQueued_;
  mutable std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> queue_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace gloss::server
