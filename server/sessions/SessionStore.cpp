// SessionStore: opening, transactions with busy retries, and the session-level operations.
// Messages and summaries are in SessionMessages.cpp, lists, search, statistics and exports in
// SessionQueries.cpp.
#include "server/sessions/SessionStore.h"

#include <chrono>
#include <thread>

#include "server/sessions/SessionRows.h"
#include "server/sessions/SessionSchema.h"

namespace gloss::server::sessions {
namespace {

// On top of the 5 s busy timeout each attempt already waits: a writer that keeps the lock
// longer than that is stuck, not busy.
constexpr int kWriteAttempts = 4;

std::string trimmed(std::string_view text) {
  const char* spaces = " \t\r\n\v\f";
  std::size_t first = text.find_first_not_of(spaces);
  if (first == std::string_view::npos) return {};
  std::size_t last = text.find_last_not_of(spaces);
  return std::string(text.substr(first, last - first + 1));
}

bool retryable(const SessionError& error) {
  return error.kind == SessionError::Kind::Storage && isBusyError(error.dbCode);
}

}  // namespace

Result<std::unique_ptr<SessionStore>> SessionStore::open(const std::string& path,
                                                         SessionStoreOptions options) {
  auto opened = openSessionDatabase(path);
  if (!opened) {
    SessionError error;
    error.kind = SessionError::Kind::Unavailable;
    error.message = std::move(opened).error();
    return unexpected(std::move(error));
  }
  return std::unique_ptr<SessionStore>(
      new SessionStore(std::move(opened->db), path, opened->previousVersion, std::move(options)));
}

SessionStore::SessionStore(indexer::Database db, std::string path, int previousVersion,
                           SessionStoreOptions options)
    : db_(std::move(db)),
      path_(std::move(path)),
      previousVersion_(previousVersion),
      options_(std::move(options)) {}

SessionStore::~SessionStore() = default;

std::int64_t SessionStore::now() const {
  if (options_.clock) return options_.clock();
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

Status SessionStore::write(const std::function<Status()>& body) {
  std::lock_guard lock(mutex_);
  for (int attempt = 1;; ++attempt) {
    Status status = Done{};
    if (auto transaction = indexer::Transaction::begin(db_); !transaction) {
      status = unexpected(storageError(transaction.error()));
    } else if (status = body(); status) {
      // On any failure the transaction's destructor rolls back.
      if (auto committed = transaction->commit(); !committed) {
        status = unexpected(storageError(committed.error()));
      }
    }
    if (status || !retryable(status.error()) || attempt == kWriteAttempts) return status;
    std::this_thread::sleep_for(std::chrono::milliseconds(20 * attempt));
  }
}

Status SessionStore::read(const std::function<Status()>& body) {
  std::lock_guard lock(mutex_);
  for (int attempt = 1;; ++attempt) {
    Status status = Done{};
    if (auto begun = db_.exec("BEGIN"); !begun) {
      status = unexpected(storageError(begun.error()));
    } else if (status = body(); status) {
      if (auto committed = db_.exec("COMMIT"); !committed) {
        status = unexpected(storageError(committed.error()));
      }
    }
    if (status) return status;
    db_.exec("ROLLBACK");
    if (!retryable(status.error()) || attempt == kWriteAttempts) return status;
    std::this_thread::sleep_for(std::chrono::milliseconds(20 * attempt));
  }
}

Result<Session> SessionStore::loadSession(std::int64_t id) {
  static const std::string kSql = "SELECT " + kSessionColumns + " FROM sessions s WHERE s.id = ?";
  std::optional<Session> found;
  auto status = forEachRow(
      db_, kSql, [&](const indexer::Statement& row) { found = readSession(row); }, id);
  if (!status) return unexpected(std::move(status).error());
  if (!found) return unexpected(notFound("session", "sessionId", id));
  return std::move(*found);
}

Result<Session> SessionStore::loadLiveSession(std::int64_t id) {
  auto session = loadSession(id);
  if (session && session->deletedAt) {
    SessionError error = invalid("session " + std::to_string(id) + " is deleted");
    error.field = "sessionId";
    error.id = id;
    return unexpected(std::move(error));
  }
  return session;
}

Status SessionStore::touchSession(std::int64_t id, std::int64_t at) {
  return execute(db_, "UPDATE sessions SET updated_at = max(updated_at, ?) WHERE id = ?", at, id);
}

Result<Session> SessionStore::createSession(std::string_view title, std::string_view workspace) {
  std::string given = trimmed(title);
  Session out;
  auto status = write([&]() -> Status {
    std::int64_t at = now();
    auto inserted = execute(db_,
                            "INSERT INTO sessions(title, title_is_auto, workspace, created_at, "
                            "updated_at) VALUES (?, ?, ?, ?, ?)",
                            given, given.empty(), workspace, at, at);
    if (!inserted) return inserted;
    auto session = loadSession(sqlite3_last_insert_rowid(db_.handle()));
    if (!session) return unexpected(std::move(session).error());
    out = std::move(*session);
    return Done{};
  });
  if (!status) return unexpected(std::move(status).error());
  return out;
}

Result<Session> SessionStore::getSession(std::int64_t id) {
  Session out;
  auto status = read([&]() -> Status {
    auto session = loadSession(id);
    if (!session) return unexpected(std::move(session).error());
    out = std::move(*session);
    return Done{};
  });
  if (!status) return unexpected(std::move(status).error());
  return out;
}

Result<Session> SessionStore::rename(std::int64_t id, std::string_view title) {
  std::string given = trimmed(title);
  if (given.empty()) return unexpected(invalid("the title must not be empty"));
  Session out;
  auto status = write([&]() -> Status {
    if (auto live = loadLiveSession(id); !live) return unexpected(std::move(live).error());
    auto updated = execute(db_,
                           "UPDATE sessions SET title = ?, title_is_auto = 0, "
                           "updated_at = max(updated_at, ?) WHERE id = ?",
                           given, now(), id);
    if (!updated) return updated;
    auto session = loadSession(id);
    if (!session) return unexpected(std::move(session).error());
    out = std::move(*session);
    return Done{};
  });
  if (!status) return unexpected(std::move(status).error());
  return out;
}

Result<Session> SessionStore::setArchived(std::int64_t id, bool archived) {
  Session out;
  auto status = write([&]() -> Status {
    if (auto live = loadLiveSession(id); !live) return unexpected(std::move(live).error());
    auto updated = execute(db_, "UPDATE sessions SET archived = ? WHERE id = ?", archived, id);
    if (!updated) return updated;
    auto session = loadSession(id);
    if (!session) return unexpected(std::move(session).error());
    out = std::move(*session);
    return Done{};
  });
  if (!status) return unexpected(std::move(status).error());
  return out;
}

Status SessionStore::deleteSession(std::int64_t id, bool hard) {
  return write([&]() -> Status {
    if (auto session = loadSession(id); !session) return unexpected(std::move(session).error());
    if (!hard) {
      return execute(db_, "UPDATE sessions SET deleted_at = coalesce(deleted_at, ?) WHERE id = ?",
                     now(), id);
    }
    // Children first and explicitly: the full-text triggers see every deleted message.
    for (const char* sql :
         {"DELETE FROM messages WHERE session_id = ?", "DELETE FROM summaries WHERE session_id = ?",
          "DELETE FROM sessions WHERE id = ?"}) {
      if (auto status = execute(db_, sql, id); !status) return status;
    }
    return Done{};
  });
}

Result<std::int64_t> SessionStore::countSessions() {
  std::int64_t count = 0;
  auto status = read([&]() -> Status {
    auto value = queryInt(db_, "SELECT count(*) FROM sessions WHERE deleted_at IS NULL", 0);
    if (!value) return unexpected(std::move(value).error());
    count = *value;
    return Done{};
  });
  if (!status) return unexpected(std::move(status).error());
  return count;
}

}  // namespace gloss::server::sessions
