#include "server/sessions/SessionSchema.h"

#include <chrono>
#include <filesystem>
#include <optional>
#include <system_error>
#include <thread>

namespace gloss::server::sessions {
namespace {

using indexer::Database;
using indexer::DbError;

// v1: the tables. Timestamps are ms since the epoch (UTC). Unknown numbers are NULL; unknown
// text is ''.
constexpr const char* kV1 = R"sql(
CREATE TABLE sessions(
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL DEFAULT '',
  title_is_auto INTEGER NOT NULL DEFAULT 1 CHECK (title_is_auto IN (0, 1)),
  workspace TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  deleted_at INTEGER);
CREATE INDEX sessions_by_update ON sessions(updated_at DESC, id DESC);
CREATE TABLE messages(
  id INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('user', 'assistant', 'system')),
  content TEXT NOT NULL,
  original_content TEXT,
  edited_at INTEGER,
  deleted_at INTEGER,
  status TEXT NOT NULL DEFAULT 'complete' CHECK (status IN ('complete', 'incomplete', 'error')),
  created_at INTEGER NOT NULL,
  model TEXT NOT NULL DEFAULT '',
  provider TEXT NOT NULL DEFAULT '',
  prompt_tokens INTEGER,
  completion_tokens INTEGER,
  first_token_ms INTEGER,
  total_ms INTEGER,
  error TEXT NOT NULL DEFAULT '',
  metadata TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(metadata)));
CREATE INDEX messages_by_session ON messages(session_id, id);
CREATE TABLE summaries(
  id INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  text TEXT NOT NULL,
  topics TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(topics)),
  first_message_id INTEGER NOT NULL,
  last_message_id INTEGER NOT NULL,
  created_at INTEGER NOT NULL);
CREATE INDEX summaries_by_session ON summaries(session_id, id);
)sql";

// v2: full-text search over titles and the messages not deleted. Both indexes are
// external-content tables kept in step by triggers, so no writer can forget them; messages are
// indexed through a view of the live rows, so that the index's own integrity-check and rebuild
// agree with "deleted text is not searchable". Existing rows are indexed by the rebuilds.
constexpr const char* kV2 = R"sql(
CREATE VIRTUAL TABLE session_fts USING fts5(
  title, content='sessions', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
CREATE VIEW live_messages AS SELECT id, content FROM messages WHERE deleted_at IS NULL;
CREATE VIRTUAL TABLE message_fts USING fts5(
  content, content='live_messages', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER sessions_fts_insert AFTER INSERT ON sessions BEGIN
  INSERT INTO session_fts(rowid, title) VALUES (new.id, new.title);
END;
CREATE TRIGGER sessions_fts_update AFTER UPDATE OF title ON sessions BEGIN
  INSERT INTO session_fts(session_fts, rowid, title) VALUES ('delete', old.id, old.title);
  INSERT INTO session_fts(rowid, title) VALUES (new.id, new.title);
END;
CREATE TRIGGER sessions_fts_delete AFTER DELETE ON sessions BEGIN
  INSERT INTO session_fts(session_fts, rowid, title) VALUES ('delete', old.id, old.title);
END;
CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages WHEN new.deleted_at IS NULL BEGIN
  INSERT INTO message_fts(rowid, content) VALUES (new.id, new.content);
END;
CREATE TRIGGER messages_fts_update AFTER UPDATE OF content, deleted_at ON messages BEGIN
  INSERT INTO message_fts(message_fts, rowid, content)
    SELECT 'delete', old.id, old.content WHERE old.deleted_at IS NULL;
  INSERT INTO message_fts(rowid, content)
    SELECT new.id, new.content WHERE new.deleted_at IS NULL;
END;
CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages WHEN old.deleted_at IS NULL BEGIN
  INSERT INTO message_fts(message_fts, rowid, content) VALUES ('delete', old.id, old.content);
END;
INSERT INTO session_fts(session_fts) VALUES ('rebuild');
INSERT INTO message_fts(message_fts) VALUES ('rebuild');
)sql";

constexpr int kOpenAttempts = 5;

std::string notModified(const std::string& path, const std::string& why) {
  return why + "; not opened, not modified (" + path + ")";
}

std::string newerSchema(const std::string& path, std::int64_t version) {
  return notModified(path, "sessions.db was written by a newer gloss (schema " +
                               std::to_string(version) + ", this build knows " +
                               std::to_string(sessionSchemaVersion()) + ")");
}

// Why an existing database must not be opened, or nothing when it may. `objects` counts the
// schema's entries: an empty file or database is fine to initialise.
std::optional<std::string> refusal(const std::string& path, std::int64_t applicationId,
                                   std::int64_t version, std::int64_t objects) {
  if (objects == 0 && version == 0 && applicationId == 0) return std::nullopt;
  if (applicationId != kSessionApplicationId) {
    return notModified(path, "not a gloss sessions database (application_id " +
                                 std::to_string(applicationId) + ")");
  }
  if (version > sessionSchemaVersion()) return newerSchema(path, version);
  return std::nullopt;
}

struct Header {
  std::int64_t applicationId = 0, version = 0, objects = 0;
};

Expected<Header, DbError> readHeader(Database& db) {
  Header header;
  for (auto [sql, field] : {std::pair{"PRAGMA application_id", &Header::applicationId},
                            std::pair{"PRAGMA user_version", &Header::version},
                            std::pair{"SELECT count(*) FROM sqlite_schema", &Header::objects}}) {
    auto value = db.queryInt(sql);
    if (!value) return unexpected(std::move(value).error());
    header.*field = *value;
  }
  return header;
}

// Looks at an existing file through a read-only connection, which can neither change the
// header nor checkpoint a WAL into the file, before anything may write to it.
std::optional<std::string> inspectExisting(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec) || std::filesystem::file_size(path, ec) == 0) {
    return std::nullopt;
  }
  auto db = Database::open(path, Database::Mode::ReadOnly);
  if (!db) return notModified(path, "cannot read sessions.db: " + db.error().message);
  sqlite3_busy_timeout(db->handle(), kSessionBusyTimeoutMs);
  auto header = readHeader(*db);
  if (!header) return notModified(path, "cannot read sessions.db: " + header.error().message);
  return refusal(path, header->applicationId, header->version, header->objects);
}

Expected<Database, std::string> connect(const std::string& path) {
  auto db = Database::open(path, Database::Mode::ReadWriteCreate);
  if (!db) return unexpected("cannot open sessions.db: " + db.error().message);
  sqlite3_busy_timeout(db->handle(), kSessionBusyTimeoutMs);
  // journal_mode answers with a row; ":memory:" answers "memory", which is fine.
  auto wal = db->prepare("PRAGMA journal_mode=WAL");
  indexer::Status status = wal ? (*wal)->run() : unexpected(wal.error());
  // FULL: in WAL mode NORMAL may lose the last commits on power loss; this is user data and
  // writes are few, so every commit is synced.
  if (status) status = db->exec("PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON");
  if (!status) return unexpected("cannot configure " + path + ": " + status.error().message);
  return std::move(*db);
}

enum class Step { Done, Busy };

// One attempt at bringing the schema up to date, all in one transaction.
Expected<Step, std::string> migrate(Database& db, const std::string& path, int& previous) {
  auto transaction = indexer::Transaction::begin(db);
  if (!transaction) {
    if (isBusyError(transaction.error().code)) return Step::Busy;
    return unexpected("cannot lock " + path + ": " + transaction.error().message);
  }
  auto header = readHeader(db);
  if (!header) return unexpected("cannot read " + path + ": " + header.error().message);
  // Checked again under the lock: another process may have changed the file since.
  if (auto refused = refusal(path, header->applicationId, header->version, header->objects)) {
    return unexpected(*refused);
  }
  previous = static_cast<int>(header->version);
  if (previous == sessionSchemaVersion()) return Step::Done;
  for (const Migration& migration : sessionMigrations()) {
    if (migration.version <= previous) continue;
    if (auto status = db.exec(migration.sql); !status) {
      if (isBusyError(status.error().code)) return Step::Busy;
      return unexpected("migrating sessions.db to schema " + std::to_string(migration.version) +
                        " (" + migration.description + ") failed: " + status.error().message +
                        "; nothing was changed (" + path + ")");
    }
  }
  // Pragmas take no bound parameters; these values are our own constants.
  std::string stamp = "PRAGMA application_id=" + std::to_string(kSessionApplicationId) +
                      "; PRAGMA user_version=" + std::to_string(sessionSchemaVersion());
  auto status = db.exec(stamp.c_str());
  if (status) status = transaction->commit();
  if (!status) {
    if (isBusyError(status.error().code)) return Step::Busy;
    return unexpected("cannot write the schema of " + path + ": " + status.error().message);
  }
  return Step::Done;
}

}  // namespace

const std::vector<Migration>& sessionMigrations() {
  static const std::vector<Migration> kMigrations = {
      {1, "sessions, messages and summaries", kV1},
      {2, "full-text search over titles and messages", kV2},
  };
  return kMigrations;
}

int sessionSchemaVersion() {
  return sessionMigrations().back().version;
}

bool isBusyError(int code) {
  int primary = code & 0xff;
  return primary == SQLITE_BUSY || primary == SQLITE_LOCKED;
}

Expected<OpenedSessionDatabase, std::string> openSessionDatabase(const std::string& path) {
  bool memory = path == ":memory:";
  if (!memory) {
    std::error_code ec;
    auto parent = std::filesystem::path(path).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    if (ec) return unexpected("cannot create " + parent.string() + ": " + ec.message());
    if (auto refused = inspectExisting(path)) return unexpected(*refused);
  }
  auto db = connect(path);
  if (!db) return unexpected(std::move(db).error());
  int previous = 0;
  for (int attempt = 1;; ++attempt) {
    auto step = migrate(*db, path, previous);
    if (!step) return unexpected(std::move(step).error());
    if (*step == Step::Done) break;
    if (attempt == kOpenAttempts) {
      return unexpected("sessions.db stayed locked by another process; not opened (" + path + ")");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50 * attempt));
  }
  return OpenedSessionDatabase{std::move(*db), previous};
}

}  // namespace gloss::server::sessions
