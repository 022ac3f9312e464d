#include "indexer/Sqlite.h"

#include <utility>

namespace gloss::indexer {

Statement::~Statement() {
  sqlite3_finalize(stmt_);
}

void Statement::bind(int index, std::string_view text) {
  // A null pointer would bind SQL NULL; an empty view must stay an empty string.
  const char* data = text.data() ? text.data() : "";
  sqlite3_bind_text64(stmt_, index, data, text.size(), SQLITE_STATIC, SQLITE_UTF8);
}

void Statement::bindBlob(int index, std::string_view bytes) {
  const char* data = bytes.data() ? bytes.data() : "";
  sqlite3_bind_blob64(stmt_, index, data, bytes.size(), SQLITE_STATIC);
}

void Statement::bind(int index, double value) {
  sqlite3_bind_double(stmt_, index, value);
}

void Statement::bindInt64(int index, std::int64_t value) {
  sqlite3_bind_int64(stmt_, index, value);
}

Expected<bool, DbError> Statement::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  sqlite3* db = sqlite3_db_handle(stmt_);
  DbError error{sqlite3_extended_errcode(db), sqlite3_errmsg(db)};
  sqlite3_reset(stmt_);
  return unexpected(std::move(error));
}

Status Statement::run() {
  while (true) {
    auto row = step();
    if (!row) return unexpected(std::move(row).error());
    if (!*row) return Done{};
  }
}

void Statement::reset() {
  sqlite3_reset(stmt_);
}

std::string_view Statement::text(int column) const {
  const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  if (!data) return {};
  return std::string_view(data, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

std::string_view Statement::blob(int column) const {
  const auto* data = static_cast<const char*>(sqlite3_column_blob(stmt_, column));
  if (!data) return {};
  return std::string_view(data, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

Expected<Database, DbError> Database::open(const std::string& path, Mode mode) {
  int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
  flags |=
      mode == Mode::ReadOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    DbError error{rc, db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)};
    sqlite3_close_v2(db);
    error.message = "cannot open " + path + ": " + error.message;
    return unexpected(std::move(error));
  }
  sqlite3_extended_result_codes(db, 1);
  return Database(db, path);
}

Database::Database(Database&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)),
      path_(std::move(other.path_)),
      cache_(std::move(other.cache_)) {}

Database& Database::operator=(Database&& other) noexcept {
  if (this != &other) {
    close();
    db_ = std::exchange(other.db_, nullptr);
    path_ = std::move(other.path_);
    cache_ = std::move(other.cache_);
  }
  return *this;
}

Database::~Database() {
  close();
}

void Database::close() {
  // Statements must be finalized before the connection, or close_v2 leaves a zombie handle.
  cache_.clear();
  if (db_) sqlite3_close_v2(db_);
  db_ = nullptr;
}

DbError Database::error(int code) const {
  if (!db_) return DbError{code, sqlite3_errstr(code)};
  return DbError{code, sqlite3_errmsg(db_)};
}

Status Database::exec(const char* sql) {
  char* message = nullptr;
  int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &message);
  if (rc == SQLITE_OK) return Done{};
  DbError error{sqlite3_extended_errcode(db_), message ? message : sqlite3_errstr(rc)};
  sqlite3_free(message);
  return unexpected(std::move(error));
}

Expected<CachedStatement, DbError> Database::prepare(std::string_view sql) {
  auto found = cache_.find(sql);
  if (found != cache_.end()) return CachedStatement(found->second.get());
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) {
    DbError error = this->error(rc);
    error.message += " (preparing: " + std::string(sql) + ")";
    return unexpected(std::move(error));
  }
  auto it = cache_.emplace(std::string(sql), std::make_unique<Statement>(stmt)).first;
  return CachedStatement(it->second.get());
}

Expected<std::int64_t, DbError> Database::queryInt(std::string_view sql) {
  auto stmt = prepare(sql);
  if (!stmt) return unexpected(std::move(stmt).error());
  auto row = (*stmt)->step();
  if (!row) return unexpected(std::move(row).error());
  if (!*row) return unexpected(DbError{SQLITE_ERROR, "no row from: " + std::string(sql)});
  return (*stmt)->int64(0);
}

Expected<Transaction, DbError> Transaction::begin(Database& db) {
  auto status = db.exec("BEGIN IMMEDIATE");
  if (!status) return unexpected(std::move(status).error());
  return Transaction(&db);
}

Transaction::~Transaction() {
  if (db_) db_->exec("ROLLBACK");
}

Status Transaction::commit() {
  auto status = db_->exec("COMMIT");
  if (status) db_ = nullptr;
  return status;
}

}  // namespace gloss::indexer
