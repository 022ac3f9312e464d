// Private to the session store: turning rows into Session / Message / Summary values, running
// parameterised statements, and the store's error values. Statement binds no SQL NULL, so an
// unknown number travels as -1 and the SQL turns it into NULL (NULLIF(?, -1)) and back
// (coalesce(column, -1)); no real count, duration or timestamp is negative.
#pragma once

#include <string>
#include <string_view>

#include "server/sessions/SessionTypes.h"

namespace gloss::server::sessions {

SessionError storageError(const indexer::DbError& error);
SessionError notFound(std::string_view what, std::string field, std::int64_t id);
SessionError invalid(std::string message);

inline std::optional<std::int64_t> unknownIfNegative(std::int64_t value) {
  return value < 0 ? std::nullopt : std::optional<std::int64_t>(value);
}
inline std::int64_t negativeIfUnknown(const std::optional<std::int64_t>& value) {
  return value.value_or(-1);
}

// Column lists for SELECTs: sessions aliased `s`, messages and summaries unaliased.
extern const std::string kSessionColumns;
extern const std::string kMessageColumns;
extern const std::string kSummaryColumns;
Session readSession(const indexer::Statement& row);
Message readMessage(const indexer::Statement& row);
Summary readSummary(const indexer::Statement& row);

std::string toJsonText(const json::object& object);
std::string topicsToJsonText(const std::vector<std::string>& topics);

template <typename... Args>
void bindArguments(indexer::Statement& stmt, const Args&... args) {
  if constexpr (sizeof...(Args) > 0) {
    stmt.bindAll(args...);
  } else {
    stmt.reset();
  }
}

template <typename... Args>
Status execute(indexer::Database& db, std::string_view sql, const Args&... args) {
  auto stmt = db.prepare(sql);
  if (!stmt) return unexpected(storageError(stmt.error()));
  bindArguments(**stmt, args...);
  auto done = (*stmt)->run();
  if (!done) return unexpected(storageError(done.error()));
  return Done{};
}

// Calls `onRow(statement)` for every row.
template <typename F, typename... Args>
Status forEachRow(indexer::Database& db, std::string_view sql, F&& onRow, const Args&... args) {
  auto stmt = db.prepare(sql);
  if (!stmt) return unexpected(storageError(stmt.error()));
  bindArguments(**stmt, args...);
  while (true) {
    auto row = (*stmt)->step();
    if (!row) return unexpected(storageError(row.error()));
    if (!*row) return Done{};
    onRow(**stmt);
  }
}

// The first column of the first row, or `fallback` when there is no row.
template <typename... Args>
Result<std::int64_t> queryInt(indexer::Database& db, std::string_view sql, std::int64_t fallback,
                              const Args&... args) {
  std::int64_t value = fallback;
  bool first = true;
  auto status = forEachRow(
      db, sql,
      [&](const indexer::Statement& row) {
        if (first) value = row.int64(0);
        first = false;
      },
      args...);
  if (!status) return unexpected(std::move(status).error());
  return value;
}

}  // namespace gloss::server::sessions
