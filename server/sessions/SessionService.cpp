#include "server/sessions/SessionService.h"

#include "server/sessions/SessionSchema.h"

namespace gloss::server {

void SessionService::setPath(std::string path) {
  std::lock_guard lock(mutex_);
  if (path_.empty()) path_ = std::move(path);
}

sessions::Result<sessions::SessionStore*> SessionService::store() {
  std::lock_guard lock(mutex_);
  if (!attempted_) {
    attempted_ = true;
    if (path_.empty()) {
      failure_.kind = sessions::SessionError::Kind::Unavailable;
      failure_.message = "no sessions database: the server is not initialized";
    } else if (auto opened = sessions::SessionStore::open(path_); opened) {
      store_ = std::move(*opened);
      if (int previous = store_->previousSchemaVersion();
          previous > 0 && previous < sessions::sessionSchemaVersion()) {
        client_.log(LogLevel::Info,
                    "sessions.db migrated from schema " + std::to_string(previous) + ": " + path_);
      }
    } else {
      failure_ = std::move(opened).error();
      client_.log(LogLevel::Error, "chat sessions are unavailable: " + failure_.message);
    }
  }
  if (store_) return store_.get();
  return unexpected(failure_);
}

json::value SessionService::status() {
  std::lock_guard lock(mutex_);
  json::object out{{"path", path_}};
  if (!attempted_) {
    out["state"] = "not opened";
  } else if (!store_) {
    out["state"] = "failed";
    out["error"] = failure_.message;
  } else {
    out["state"] = "open";
    auto count = store_->countSessions();
    out["sessions"] = count ? json::value(*count) : json::value(nullptr);
  }
  return out;
}

}  // namespace gloss::server
