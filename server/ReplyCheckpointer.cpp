#include "server/ReplyCheckpointer.h"

namespace gloss::server {

ReplyCheckpointer::ReplyCheckpointer(sessions::SessionStore& store, std::int64_t messageId,
                                     std::chrono::milliseconds interval)
    : store_(store), messageId_(messageId), interval_(interval) {
  thread_ = std::thread([this] { run(); });
}

ReplyCheckpointer::~ReplyCheckpointer() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void ReplyCheckpointer::append(std::string_view text) {
  std::lock_guard lock(mutex_);
  text_.append(text);
  dirty_ = true;
}

std::string ReplyCheckpointer::text() const {
  std::lock_guard lock(mutex_);
  return text_;
}

void ReplyCheckpointer::run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    wake_.wait_for(lock, interval_, [this] { return stopping_; });
    if (stopping_ || !dirty_) continue;
    std::string snapshot = text_;
    dirty_ = false;
    lock.unlock();
    store_.checkpointReply(messageId_, snapshot);
    lock.lock();
  }
}

}  // namespace gloss::server
