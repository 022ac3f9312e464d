// Saves a streaming reply's text so far at most every `interval`, from its own thread, so that
// the text is on disk even when the provider stalls after its last delta: a crash at any moment
// loses at most one interval of text, never the message. Each checkpoint is a full-sync commit,
// which is why it is not done per delta.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

#include "server/sessions/SessionStore.h"

namespace gloss::server {

class ReplyCheckpointer {
 public:
  ReplyCheckpointer(sessions::SessionStore& store, std::int64_t messageId,
                    std::chrono::milliseconds interval = std::chrono::milliseconds(500));
  ~ReplyCheckpointer();  // stops the thread; the caller finishes the reply itself
  ReplyCheckpointer(const ReplyCheckpointer&) = delete;
  ReplyCheckpointer& operator=(const ReplyCheckpointer&) = delete;

  void append(std::string_view text);
  std::string text() const;

 private:
  void run();

  sessions::SessionStore& store_;
  std::int64_t messageId_;
  std::chrono::milliseconds interval_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::string text_;
  bool dirty_ = false;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace gloss::server
