// The server's handle on sessions.db: where it lives (chosen at initialize) and the store,
// opened on first use so that a daemon never asked about conversations leaves no file behind.
// A store that cannot be opened is reported once in the log and its reason is every later
// caller's error; the daemon keeps serving everything else. The chat pipeline gets the store
// from here.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "server/Client.h"
#include "server/sessions/SessionStore.h"

namespace gloss::server {

class SessionService {
 public:
  explicit SessionService(Client& client) : client_(client) {}

  // The database path; only the first call counts, since an open store is not moved.
  void setPath(std::string path);

  // The store, opening it on the first call. The error (kind Unavailable) says why it could
  // not be opened.
  sessions::Result<sessions::SessionStore*> store();

  // For gloss/status: {path, state: "not opened"|"open"|"failed", sessions, error}.
  json::value status();

 private:
  Client& client_;
  std::mutex mutex_;
  std::string path_;
  bool attempted_ = false;
  std::unique_ptr<sessions::SessionStore> store_;
  sessions::SessionError failure_;
};

}  // namespace gloss::server
