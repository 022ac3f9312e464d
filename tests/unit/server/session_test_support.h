// Shared by the session-store tests: a temporary folder for real sessions.db files and a clock
// the test moves by hand.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>

#include "server/sessions/SessionStore.h"

namespace gloss::server::sessions::test {

class TempFolder {
 public:
  TempFolder() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "gloss-sessions-XXXXXX").string();
    root_ = mkdtemp(pattern.data());
  }
  ~TempFolder() {
    std::error_code ec;
    std::filesystem::remove_all(root_, ec);
  }
  std::string path(const std::string& name) const { return root_ + "/" + name; }

 private:
  std::string root_;
};

// 2024-03-09 16:00:00 UTC.
inline constexpr std::int64_t kStart = 1'710'000'000'000;

class ManualClock {
 public:
  std::int64_t now() const { return now_; }
  void advance(std::int64_t ms) { now_ += ms; }
  void set(std::int64_t ms) { now_ = ms; }
  SessionStoreOptions options() {
    SessionStoreOptions options;
    options.clock = [this] { return now_.load(); };
    return options;
  }

 private:
  std::atomic<std::int64_t> now_{kStart};
};

inline std::unique_ptr<SessionStore> openOrFail(const std::string& path,
                                                SessionStoreOptions options = {}) {
  auto store = SessionStore::open(path, std::move(options));
  EXPECT_TRUE(store) << (store ? "" : store.error().message);
  return store ? std::move(*store) : nullptr;
}

inline std::string readBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

inline NewMessage userMessage(std::string content) {
  NewMessage message;
  message.role = "user";
  message.content = std::move(content);
  return message;
}

inline NewMessage assistantMessage(std::string content) {
  NewMessage message;
  message.role = "assistant";
  message.content = std::move(content);
  return message;
}

}  // namespace gloss::server::sessions::test
