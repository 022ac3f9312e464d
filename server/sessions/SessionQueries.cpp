// SessionStore's read-mostly side: session lists with keyset pagination, full-text search,
// usage statistics, whole-session records for the exports, and the integrity check.
#include <algorithm>
#include <cctype>
#include <charconv>
#include <ctime>
#include <map>
#include <set>

#include "server/sessions/SessionExport.h"
#include "server/sessions/SessionRows.h"
#include "server/sessions/SessionStore.h"

namespace gloss::server::sessions {
namespace {

constexpr int kMaxMessageHits = 1000;  // message matches read to rank the sessions of a search
constexpr int kTopCommands = 10;

// Words as FTS5 prefix phrases, all required: `parse "args` → "parse"* """args"*. Quoting keeps
// FTS5's operators and punctuation from being read as query syntax.
std::string ftsQuery(std::string_view text) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    std::size_t start = i;
    while (i < text.size() && !std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    if (start == i) break;
    if (!out.empty()) out += ' ';
    out += '"';
    for (char c : text.substr(start, i - start)) {
      if (c == '"') out += '"';
      out += c;
    }
    out += "\"*";
  }
  return out;
}

// A cursor is "<updated_at>.<id>" of the last session of the previous page.
std::string encodeCursor(const Session& last) {
  return std::to_string(last.updatedAt) + "." + std::to_string(last.id);
}

bool decodeCursor(std::string_view cursor, std::int64_t& updatedAt, std::int64_t& id) {
  std::size_t dot = cursor.find('.');
  if (dot == std::string_view::npos) return false;
  auto parse = [](std::string_view text, std::int64_t& out) {
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && end == text.data() + text.size() && !text.empty();
  };
  return parse(cursor.substr(0, dot), updatedAt) && parse(cursor.substr(dot + 1), id);
}

// [start, end) of the local calendar day holding `nowMs`, in ms.
std::pair<std::int64_t, std::int64_t> localDay(std::int64_t nowMs) {
  std::time_t seconds = static_cast<std::time_t>(nowMs / 1000);
  std::tm day{};
  localtime_r(&seconds, &day);
  day.tm_hour = day.tm_min = day.tm_sec = 0;
  day.tm_isdst = -1;
  std::tm next = day;
  next.tm_mday += 1;
  return {static_cast<std::int64_t>(std::mktime(&day)) * 1000,
          static_cast<std::int64_t>(std::mktime(&next)) * 1000};
}

// Sessions and messages that count: neither soft-deleted.
constexpr const char* kLiveMessages =
    " FROM messages m JOIN sessions s ON s.id = m.session_id"
    " WHERE m.deleted_at IS NULL AND s.deleted_at IS NULL";

}  // namespace

Result<SessionPage> SessionStore::listSessions(const ListOptions& options) {
  static const std::string kFilters =
      " FROM sessions s WHERE (?1 = 2 OR s.archived = ?1) AND (?2 OR s.deleted_at IS NULL)"
      " AND (?3 = 0 OR s.updated_at < ?4 OR (s.updated_at = ?4 AND s.id < ?5))";
  static const std::string kOrder = " ORDER BY s.updated_at DESC, s.id DESC LIMIT ?6";
  static const std::string kAll = "SELECT " + kSessionColumns + kFilters + kOrder;
  static const std::string kMatching =
      "SELECT " + kSessionColumns + kFilters +
      " AND s.id IN (SELECT rowid FROM session_fts WHERE session_fts MATCH ?7"
      " UNION SELECT m.session_id FROM message_fts JOIN messages m ON m.id = message_fts.rowid"
      " WHERE message_fts MATCH ?7)" +
      kOrder;
  std::int64_t afterUpdated = 0, afterId = 0;
  bool paged = !options.cursor.empty();
  if (paged && !decodeCursor(options.cursor, afterUpdated, afterId)) {
    return unexpected(invalid("bad cursor \"" + options.cursor + "\": pass a nextCursor back"));
  }
  int archived = options.archived == ArchivedFilter::Any        ? 2
                 : options.archived == ArchivedFilter::Archived ? 1
                                                                : 0;
  int limit = std::clamp(options.limit, 1, kMaxPageSize);
  std::string query = ftsQuery(options.query);
  SessionPage page;
  auto status = read([&]() -> Status {
    page.sessions.clear();
    auto onRow = [&](const indexer::Statement& row) { page.sessions.push_back(readSession(row)); };
    // One more than asked tells whether another page follows.
    if (query.empty()) {
      return forEachRow(db_, kAll, onRow, archived, options.includeDeleted, paged, afterUpdated,
                        afterId, limit + 1);
    }
    return forEachRow(db_, kMatching, onRow, archived, options.includeDeleted, paged, afterUpdated,
                      afterId, limit + 1, query);
  });
  if (!status) return unexpected(std::move(status).error());
  if (page.sessions.size() > static_cast<std::size_t>(limit)) {
    page.sessions.pop_back();
    page.nextCursor = encodeCursor(page.sessions.back());
  }
  return page;
}

Result<std::vector<SearchHit>> SessionStore::search(std::string_view text, int limit) {
  std::string query = ftsQuery(text);
  if (query.empty()) return unexpected(invalid("the search query is empty"));
  limit = std::clamp(limit, 1, kMaxPageSize);
  std::vector<SearchHit> hits;
  auto status = read([&]() -> Status {
    hits.clear();
    // Sessions in order of their best hit: title hits first, then by message rank.
    std::vector<std::int64_t> order;
    std::map<std::int64_t, SearchHit> bySession;
    auto titles = forEachRow(
        db_,
        "SELECT s.id, snippet(session_fts, 0, '**', '**', '\xE2\x80\xA6', 12) FROM session_fts "
        "JOIN sessions s ON s.id = session_fts.rowid WHERE session_fts MATCH ? AND "
        "s.deleted_at IS NULL ORDER BY rank LIMIT ?",
        [&](const indexer::Statement& row) {
          order.push_back(row.int64(0));
          bySession[row.int64(0)].snippet = row.string(1);
        },
        query, limit);
    if (!titles) return titles;
    // A message's words say more than the title that matched: its snippet wins.
    std::set<std::int64_t> withMessage;
    auto messages = forEachRow(
        db_,
        "SELECT m.session_id, m.id, snippet(message_fts, 0, '**', '**', '\xE2\x80\xA6', 12) "
        "FROM message_fts JOIN messages m ON m.id = message_fts.rowid JOIN sessions s ON s.id = "
        "m.session_id WHERE message_fts MATCH ? AND s.deleted_at IS NULL ORDER BY rank LIMIT ?",
        [&](const indexer::Statement& row) {
          std::int64_t session = row.int64(0);
          if (!withMessage.insert(session).second) return;
          if (!bySession.count(session)) order.push_back(session);
          SearchHit& hit = bySession[session];
          hit.snippet = row.string(2);
          hit.messageId = row.int64(1);
        },
        query, kMaxMessageHits);
    if (!messages) return messages;
    if (order.size() > static_cast<std::size_t>(limit)) order.resize(limit);
    for (std::int64_t id : order) {
      auto session = loadSession(id);
      if (!session) return unexpected(std::move(session).error());
      SearchHit& hit = bySession[id];
      hit.session = std::move(*session);
      hits.push_back(std::move(hit));
    }
    return Done{};
  });
  if (!status) return unexpected(std::move(status).error());
  return hits;
}

Result<Stats> SessionStore::stats(std::int64_t nowMs) {
  static const std::string kMessages = std::string("SELECT count(*)") + kLiveMessages;
  static const std::string kToday = std::string("SELECT count(*)") + kLiveMessages +
                                    " AND m.created_at >= ? AND m.created_at < ?";
  static const std::string kLatency = std::string("SELECT count(m.total_ms), avg(m.total_ms)") +
                                      kLiveMessages +
                                      " AND m.role = 'assistant' AND m.total_ms IS NOT NULL";
  static const std::string kTokens =
      std::string(
          "SELECT m.model, sum(coalesce(m.prompt_tokens, 0) + "
          "coalesce(m.completion_tokens, 0)) AS tokens") +
      kLiveMessages + " AND m.model != '' GROUP BY m.model ORDER BY tokens DESC, m.model";
  static const std::string kCommands =
      "SELECT name, count(*) AS uses FROM (SELECT CASE WHEN c.type = 'object' THEN "
      "json_extract(c.value, '$.name') ELSE c.value END AS name FROM messages m JOIN sessions s "
      "ON s.id = m.session_id, json_each(m.metadata, '$.commands') c WHERE m.deleted_at IS NULL "
      "AND s.deleted_at IS NULL) WHERE typeof(name) = 'text' GROUP BY name "
      "ORDER BY uses DESC, name LIMIT " +
      std::to_string(kTopCommands);
  // Not a structured binding: lambdas may capture those only from C++20 compilers that clang
  // 15 and older are not (the fuzz build uses clang).
  const auto day = localDay(nowMs);
  const std::int64_t dayStart = day.first, dayEnd = day.second;
  Stats out;
  auto status = read([&]() -> Status {
    out = Stats{};
    auto sessions = queryInt(db_, "SELECT count(*) FROM sessions WHERE deleted_at IS NULL", 0);
    if (!sessions) return unexpected(std::move(sessions).error());
    out.sessions = *sessions;
    auto messages = queryInt(db_, kMessages, 0);
    if (!messages) return unexpected(std::move(messages).error());
    out.messages = *messages;
    auto today = queryInt(db_, kToday, 0, dayStart, dayEnd);
    if (!today) return unexpected(std::move(today).error());
    out.messagesToday = *today;
    auto latency = forEachRow(db_, kLatency, [&](const indexer::Statement& row) {
      if (row.int64(0) > 0) out.averageLatencyMs = row.real(1);
    });
    if (!latency) return latency;
    auto tokens = forEachRow(db_, kTokens, [&](const indexer::Statement& row) {
      out.tokensByModel.emplace_back(row.string(0), row.int64(1));
    });
    if (!tokens) return tokens;
    return forEachRow(db_, kCommands, [&](const indexer::Statement& row) {
      out.topCommands.emplace_back(row.string(0), row.int64(1));
    });
  });
  if (!status) return unexpected(std::move(status).error());
  return out;
}

Result<SessionRecord> SessionStore::record(std::int64_t id) {
  SessionRecord out;
  auto status = read([&]() -> Status {
    auto session = loadSession(id);
    if (!session) return unexpected(std::move(session).error());
    auto messages = loadMessages(id, true);
    if (!messages) return unexpected(std::move(messages).error());
    auto summaries = loadSummaries(id);
    if (!summaries) return unexpected(std::move(summaries).error());
    out = SessionRecord{std::move(*session), std::move(*messages), std::move(*summaries)};
    return Done{};
  });
  if (!status) return unexpected(std::move(status).error());
  return out;
}

Result<std::string> SessionStore::exportMarkdown(std::int64_t id) {
  auto found = record(id);
  if (!found) return unexpected(std::move(found).error());
  return renderMarkdown(*found);
}

Result<std::string> SessionStore::exportJson(std::int64_t id) {
  auto found = record(id);
  if (!found) return unexpected(std::move(found).error());
  return json::serialize(renderJson(*found));
}

Result<std::string> SessionStore::integrityCheck() {
  std::string report;
  // The full-text checks are INSERTs, so this takes the write lock.
  auto status = write([&]() -> Status {
    report.clear();
    auto pages = forEachRow(db_, "PRAGMA integrity_check", [&](const indexer::Statement& row) {
      if (!report.empty()) report += "\n";
      report += row.string(0);
    });
    if (!pages) return pages;
    for (const char* sql : {"INSERT INTO session_fts(session_fts) VALUES ('integrity-check')",
                            "INSERT INTO message_fts(message_fts) VALUES ('integrity-check')"}) {
      if (auto checked = execute(db_, sql); !checked) report += "\n" + checked.error().message;
    }
    return Done{};
  });
  if (!status) return unexpected(std::move(status).error());
  return report;
}

}  // namespace gloss::server::sessions
