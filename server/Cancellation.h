// Cancellation tokens keyed by request id: `$/cancelRequest` marks a token, long work polls it.
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace gloss::server {

class CancellationToken {
 public:
  CancellationToken() : flag_(std::make_shared<std::atomic<bool>>(false)) {}
  bool cancelled() const { return flag_->load(std::memory_order_relaxed); }
  void cancel() const { flag_->store(true, std::memory_order_relaxed); }

 private:
  std::shared_ptr<std::atomic<bool>> flag_;
};

// The tokens of requests in flight, by `protocol::idKey(id)`.
class CancellationRegistry {
 public:
  CancellationToken add(const std::string& key) {
    std::lock_guard lock(mutex_);
    CancellationToken token;
    tokens_[key] = token;
    return token;
  }
  void remove(const std::string& key) {
    std::lock_guard lock(mutex_);
    tokens_.erase(key);
  }
  // Returns false when no request with that id is in flight (already answered, or unknown).
  bool cancel(const std::string& key) {
    std::lock_guard lock(mutex_);
    auto it = tokens_.find(key);
    if (it == tokens_.end()) return false;
    it->second.cancel();
    return true;
  }
  void cancelAll(const std::string& exceptKey = {}) {
    std::lock_guard lock(mutex_);
    for (auto& [key, token] : tokens_) {
      if (key != exceptKey) token.cancel();
    }
  }
  bool contains(const std::string& key) {
    std::lock_guard lock(mutex_);
    return tokens_.count(key) != 0;
  }

 private:
  std::mutex mutex_;
  std::map<std::string, CancellationToken> tokens_;
};

}  // namespace gloss::server
