// Thin RAII wrappers over the SQLite C API: a connection with a cache of prepared statements, a
// statement with typed binds and columns, and a transaction that rolls back unless committed.
// Errors are values (DbError) so callers never see sqlite3's integer codes without a message.
#pragma once

#include <sqlite3.h>

#include <concepts>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "protocol/Expected.h"

namespace gloss::indexer {

struct DbError {
  int code = SQLITE_ERROR;  // primary or extended sqlite3 result code
  std::string message;
};

// The value of a call that succeeds with nothing to return.
struct Done {};
using Status = Expected<Done, DbError>;

class Statement {
 public:
  explicit Statement(sqlite3_stmt* stmt) : stmt_(stmt) {}
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Text is bound without copying (SQLITE_STATIC): it must stay alive until the statement has
  // been stepped, which is how every caller here uses it.
  void bind(int index, std::string_view text);
  void bind(int index, const char* text) { bind(index, std::string_view(text)); }
  void bind(int index, double value);
  // Bytes as a BLOB, bound without copying like text.
  void bindBlob(int index, std::string_view bytes);
  template <std::integral T>
  void bind(int index, T value) {
    bindInt64(index, static_cast<std::int64_t>(value));
  }
  // Resets the statement (so it can run again) and binds the arguments to parameters 1..n.
  template <typename... Args>
  void bindAll(const Args&... args) {
    reset();
    int index = 0;
    (bind(++index, args), ...);
  }

  // True when a row is ready, false when the statement has finished.
  Expected<bool, DbError> step();
  // Steps to completion, for statements that return no rows.
  Status run();
  void reset();

  std::int64_t int64(int column) const { return sqlite3_column_int64(stmt_, column); }
  double real(int column) const { return sqlite3_column_double(stmt_, column); }
  std::string_view text(int column) const;
  std::string string(int column) const { return std::string(text(column)); }
  std::string_view blob(int column) const;

 private:
  void bindInt64(int index, std::int64_t value);
  sqlite3_stmt* stmt_;
};

// A borrowed cached statement; resetting it when the borrow ends matters because a statement
// left mid-iteration keeps its read transaction (and WAL snapshot) open.
class CachedStatement {
 public:
  explicit CachedStatement(Statement* stmt) : stmt_(stmt) {}
  CachedStatement(CachedStatement&& other) noexcept : stmt_(other.stmt_) { other.stmt_ = nullptr; }
  CachedStatement(const CachedStatement&) = delete;
  CachedStatement& operator=(const CachedStatement&) = delete;
  CachedStatement& operator=(CachedStatement&&) = delete;
  ~CachedStatement() {
    if (stmt_) stmt_->reset();
  }
  Statement* operator->() const { return stmt_; }
  Statement& operator*() const { return *stmt_; }

 private:
  Statement* stmt_;
};

class Database {
 public:
  enum class Mode { ReadWriteCreate, ReadOnly };
  static Expected<Database, DbError> open(const std::string& path, Mode mode);

  Database(Database&& other) noexcept;
  Database& operator=(Database&& other) noexcept;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  ~Database();

  // Runs SQL text that carries no values (DDL, pragmas, BEGIN/COMMIT).
  Status exec(const char* sql);
  // Prepares once per connection; later calls with the same text reuse the statement.
  Expected<CachedStatement, DbError> prepare(std::string_view sql);
  // The first column of the first row of a statement without parameters (pragmas, counts).
  Expected<std::int64_t, DbError> queryInt(std::string_view sql);

  DbError error(int code) const;
  sqlite3* handle() const { return db_; }
  const std::string& path() const { return path_; }

 private:
  Database(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  void close();

  sqlite3* db_ = nullptr;
  std::string path_;
  std::map<std::string, std::unique_ptr<Statement>, std::less<>> cache_;
};

// BEGIN IMMEDIATE ... COMMIT; rolls back in the destructor unless commit() succeeded. IMMEDIATE
// takes the write lock up front so a writer never fails half-way on a lock upgrade.
class Transaction {
 public:
  static Expected<Transaction, DbError> begin(Database& db);
  Transaction(Transaction&& other) noexcept : db_(other.db_) { other.db_ = nullptr; }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  Transaction& operator=(Transaction&&) = delete;
  ~Transaction();
  Status commit();

 private:
  explicit Transaction(Database* db) : db_(db) {}
  Database* db_;
};

}  // namespace gloss::indexer
