// The values the chat-session store (sessions.db) hands out and takes in, and its error type.
// Kept apart from SessionStore so that the JSON mapping, the export and the LSP methods can use
// them without the database.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "indexer/Sqlite.h"
#include "protocol/Expected.h"

namespace gloss::server::sessions {

namespace json = boost::json;

struct SessionError {
  enum class Kind {
    NotFound,     // no session / message with that id
    Invalid,      // a value the store refuses (role, cursor, empty title, deleted target)
    Storage,      // SQLite failed
    Unavailable,  // the store could not be opened at all
  };
  Kind kind = Kind::Storage;
  std::string message;
  // For NotFound: which id was unknown ("sessionId" or "messageId") and its value.
  std::string field;
  std::int64_t id = 0;
  int dbCode = 0;  // the SQLite result code behind a Storage error
};

template <typename T>
using Result = Expected<T, SessionError>;
using Done = indexer::Done;
using Status = Result<Done>;

inline constexpr int kDefaultPageSize = 50;
inline constexpr int kMaxPageSize = 200;

// Roles and statuses travel as the strings stored in the database; the store checks them.
bool isValidRole(std::string_view role);      // "user", "assistant", "system"
bool isValidStatus(std::string_view status);  // "complete", "incomplete", "error"

struct Session {
  std::int64_t id = 0;
  std::string title;
  bool titleIsAuto = true;  // false once a title was given or the session renamed
  std::string workspace;
  std::int64_t createdAt = 0;  // ms since the epoch, UTC
  std::int64_t updatedAt = 0;
  bool archived = false;
  std::optional<std::int64_t> deletedAt;
  std::int64_t messageCount = 0;  // messages not deleted
};

// What a model reply cost; absent values were not reported.
struct Usage {
  std::optional<std::int64_t> promptTokens;
  std::optional<std::int64_t> completionTokens;
  std::optional<std::int64_t> firstTokenMs;
  std::optional<std::int64_t> totalMs;
};

// `metadata` is free-form JSON with these conventional members: "references" (files and chunks
// sent with the prompt), "commands" (slash commands applied: strings, or objects with a "name"),
// "codeBlocks". Statistics read "commands".
struct Message {
  std::int64_t id = 0;
  std::int64_t sessionId = 0;
  std::string role;
  std::string content;
  std::optional<std::string> originalContent;  // the first version, once edited
  std::optional<std::int64_t> editedAt;
  std::optional<std::int64_t> deletedAt;
  std::string status = "complete";
  std::int64_t createdAt = 0;
  std::string model;
  std::string provider;
  Usage usage;
  std::string error;
  json::object metadata;
};

struct NewMessage {
  std::string role = "user";
  std::string content;
  std::string status = "complete";
  std::string model;
  std::string provider;
  Usage usage;
  std::string error;
  json::object metadata;
};

// How a streamed reply ended.
struct ReplyOutcome {
  std::string content;
  std::string status = "complete";
  Usage usage;
  std::string error;
  json::object metadata;
};

enum class ArchivedFilter { Active, Archived, Any };

struct ListOptions {
  std::string cursor;  // from a previous page's nextCursor; empty for the first page
  int limit = kDefaultPageSize;
  ArchivedFilter archived = ArchivedFilter::Active;
  std::string query;  // full-text over titles and messages; empty for all
  bool includeDeleted = false;
};

struct SessionPage {
  std::vector<Session> sessions;
  std::string nextCursor;  // empty on the last page
};

struct MessagePageOptions {
  std::optional<std::int64_t> beforeId;  // only messages older than this one
  int limit = kDefaultPageSize;
};

struct MessagePage {
  std::vector<Message> messages;  // oldest first
  bool hasMore = false;           // older messages remain before the first one
};

struct Summary {
  std::int64_t id = 0;
  std::int64_t sessionId = 0;
  std::string text;
  std::vector<std::string> topics;
  std::int64_t firstMessageId = 0;
  std::int64_t lastMessageId = 0;
  std::int64_t createdAt = 0;
};

struct HistoryEntry {
  std::int64_t id = 0;
  std::string role;
  std::string content;
  std::string status;
};

struct SearchHit {
  Session session;
  std::string snippet;                    // matched words wrapped in ** **
  std::optional<std::int64_t> messageId;  // the message the snippet comes from; none: the title
};

struct Stats {
  std::int64_t sessions = 0;
  std::int64_t messages = 0;
  std::int64_t messagesToday = 0;          // since local midnight
  std::optional<double> averageLatencyMs;  // over assistant replies that report total_ms
  std::vector<std::pair<std::string, std::int64_t>> tokensByModel;  // most first
  std::vector<std::pair<std::string, std::int64_t>> topCommands;    // at most 10, most first
};

// Everything about one session, for the exports.
struct SessionRecord {
  Session session;
  std::vector<Message> messages;  // oldest first, deleted ones included
  std::vector<Summary> summaries;
};

}  // namespace gloss::server::sessions
