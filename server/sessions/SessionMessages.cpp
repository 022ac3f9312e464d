// SessionStore's messages (append, streamed replies, edits, deletes, history) and summaries.
#include <algorithm>
#include <limits>

#include "server/sessions/AutoTitle.h"
#include "server/sessions/SessionRows.h"
#include "server/sessions/SessionStore.h"

namespace gloss::server::sessions {
namespace {

int clampLimit(int limit) {
  return std::clamp(limit, 1, kMaxPageSize);
}

SessionError badRole(std::string_view role) {
  return invalid("role must be \"user\", \"assistant\" or \"system\", not \"" + std::string(role) +
                 "\"");
}

SessionError badStatus(std::string_view status) {
  return invalid("status must be \"complete\", \"incomplete\" or \"error\", not \"" +
                 std::string(status) + "\"");
}

constexpr const char* kInsertMessage =
    "INSERT INTO messages(session_id, role, content, status, created_at, model, provider, "
    "prompt_tokens, completion_tokens, first_token_ms, total_ms, error, metadata) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, NULLIF(?, -1), NULLIF(?, -1), NULLIF(?, -1), NULLIF(?, -1), ?, "
    "?)";

}  // namespace

Result<Message> SessionStore::loadMessage(std::int64_t id) {
  static const std::string kSql = "SELECT " + kMessageColumns + " FROM messages WHERE id = ?";
  std::optional<Message> found;
  auto status = forEachRow(
      db_, kSql, [&](const indexer::Statement& row) { found = readMessage(row); }, id);
  if (!status) return unexpected(std::move(status).error());
  if (!found) return unexpected(notFound("message", "messageId", id));
  return std::move(*found);
}

Result<Message> SessionStore::loadLiveMessage(std::int64_t id) {
  auto message = loadMessage(id);
  if (message && message->deletedAt) {
    SessionError error = invalid("message " + std::to_string(id) + " is deleted");
    error.field = "messageId";
    error.id = id;
    return unexpected(std::move(error));
  }
  return message;
}

Result<Message> SessionStore::getMessage(std::int64_t id) {
  Message out;
  auto status = read([&]() -> Status {
    auto message = loadMessage(id);
    if (!message) return unexpected(std::move(message).error());
    out = std::move(*message);
    return Done{};
  });
  if (!status) return unexpected(std::move(status).error());
  return out;
}

Result<Message> SessionStore::appendMessage(std::int64_t sessionId, const NewMessage& message) {
  if (!isValidRole(message.role)) return unexpected(badRole(message.role));
  if (!isValidStatus(message.status)) return unexpected(badStatus(message.status));
  std::string metadata = toJsonText(message.metadata);
  Message out;
  auto status = write([&]() -> Status {
    auto session = loadLiveSession(sessionId);
    if (!session) return unexpected(std::move(session).error());
    std::int64_t at = now();
    const Usage& usage = message.usage;
    auto inserted =
        execute(db_, kInsertMessage, sessionId, message.role, message.content, message.status, at,
                message.model, message.provider, negativeIfUnknown(usage.promptTokens),
                negativeIfUnknown(usage.completionTokens), negativeIfUnknown(usage.firstTokenMs),
                negativeIfUnknown(usage.totalMs), message.error, metadata);
    if (!inserted) return inserted;
    std::int64_t id = sqlite3_last_insert_rowid(db_.handle());
    if (message.role == "user" && session->titleIsAuto && session->title.empty()) {
      std::string title = autoTitle(message.content);
      if (!title.empty()) {
        auto titled = execute(db_, "UPDATE sessions SET title = ? WHERE id = ?", title, sessionId);
        if (!titled) return titled;
      }
    }
    if (auto touched = touchSession(sessionId, at); !touched) return touched;
    auto stored = loadMessage(id);
    if (!stored) return unexpected(std::move(stored).error());
    out = std::move(*stored);
    return Done{};
  });
  if (!status) return unexpected(std::move(status).error());
  return out;
}

Result<std::int64_t> SessionStore::beginReply(std::int64_t sessionId, std::string_view model,
                                              std::string_view provider) {
  NewMessage reply;
  reply.role = "assistant";
  reply.status = "incomplete";
  reply.model = std::string(model);
  reply.provider = std::string(provider);
  auto message = appendMessage(sessionId, reply);
  if (!message) return unexpected(std::move(message).error());
  return message->id;
}

Status SessionStore::checkpointReply(std::int64_t messageId, std::string_view textSoFar) {
  return write([&]() -> Status {
    auto updated = execute(db_,
                           "UPDATE messages SET content = ? WHERE id = ? AND status = 'incomplete' "
                           "AND deleted_at IS NULL",
                           textSoFar, messageId);
    if (!updated || sqlite3_changes(db_.handle()) > 0) return updated;
    auto message = loadLiveMessage(messageId);
    if (!message) return unexpected(std::move(message).error());
    return unexpected(
        invalid("message " + std::to_string(messageId) + " is not a reply in progress"));
  });
}

Result<Message> SessionStore::finishReply(std::int64_t messageId, const ReplyOutcome& outcome) {
  if (!isValidStatus(outcome.status)) return unexpected(badStatus(outcome.status));
  std::string metadata = toJsonText(outcome.metadata);
  Message out;
  auto status = write([&]() -> Status {
    auto message = loadLiveMessage(messageId);
    if (!message) return unexpected(std::move(message).error());
    if (message->status != "incomplete") {
      return unexpected(
          invalid("message " + std::to_string(messageId) + " is not a reply in progress"));
    }
    const Usage& usage = outcome.usage;
    auto updated =
        execute(db_,
                "UPDATE messages SET content = ?, status = ?, prompt_tokens = NULLIF(?, "
                "-1), completion_tokens = NULLIF(?, -1), first_token_ms = NULLIF(?, "
                "-1), total_ms = NULLIF(?, -1), error = ?, metadata = ? WHERE id = ?",
                outcome.content, outcome.status, negativeIfUnknown(usage.promptTokens),
                negativeIfUnknown(usage.completionTokens), negativeIfUnknown(usage.firstTokenMs),
                negativeIfUnknown(usage.totalMs), outcome.error, metadata, messageId);
    if (!updated) return updated;
    if (auto touched = touchSession(message->sessionId, now()); !touched) return touched;
    auto stored = loadMessage(messageId);
    if (!stored) return unexpected(std::move(stored).error());
    out = std::move(*stored);
    return Done{};
  });
  if (!status) return unexpected(std::move(status).error());
  return out;
}

Result<Message> SessionStore::editMessage(std::int64_t id, std::string_view content) {
  Message out;
  auto status = write([&]() -> Status {
    auto message = loadLiveMessage(id);
    if (!message) return unexpected(std::move(message).error());
    if (auto session = loadLiveSession(message->sessionId); !session) {
      return unexpected(std::move(session).error());
    }
    std::int64_t at = now();
    // Every right-hand side sees the row before the update: the first edit saves the original.
    auto updated = execute(db_,
                           "UPDATE messages SET original_content = coalesce(original_content, "
                           "content), content = ?, edited_at = ? WHERE id = ?",
                           content, at, id);
    if (!updated) return updated;
    if (auto touched = touchSession(message->sessionId, at); !touched) return touched;
    auto stored = loadMessage(id);
    if (!stored) return unexpected(std::move(stored).error());
    out = std::move(*stored);
    return Done{};
  });
  if (!status) return unexpected(std::move(status).error());
  return out;
}

Status SessionStore::deleteMessage(std::int64_t id) {
  return write([&]() -> Status {
    auto message = loadMessage(id);
    if (!message) return unexpected(std::move(message).error());
    if (message->deletedAt) return Done{};
    std::int64_t at = now();
    auto updated = execute(db_, "UPDATE messages SET deleted_at = ? WHERE id = ?", at, id);
    if (!updated) return updated;
    return touchSession(message->sessionId, at);
  });
}

Result<MessagePage> SessionStore::messages(std::int64_t sessionId,
                                           const MessagePageOptions& options) {
  static const std::string kSql = "SELECT " + kMessageColumns +
                                  " FROM messages WHERE session_id = ? AND deleted_at IS NULL "
                                  "AND id < ? ORDER BY id DESC LIMIT ?";
  int limit = clampLimit(options.limit);
  std::int64_t before = options.beforeId.value_or(std::numeric_limits<std::int64_t>::max());
  MessagePage page;
  auto status = read([&]() -> Status {
    if (auto session = loadSession(sessionId); !session) {
      return unexpected(std::move(session).error());
    }
    page.messages.clear();
    // One more than asked tells whether older messages remain.
    return forEachRow(
        db_, kSql,
        [&](const indexer::Statement& row) { page.messages.push_back(readMessage(row)); },
        sessionId, before, limit + 1);
  });
  if (!status) return unexpected(std::move(status).error());
  page.hasMore = page.messages.size() > static_cast<std::size_t>(limit);
  if (page.hasMore) page.messages.pop_back();
  std::reverse(page.messages.begin(), page.messages.end());
  return page;
}

Result<std::vector<Message>> SessionStore::loadMessages(std::int64_t sessionId,
                                                        bool includeDeleted) {
  static const std::string kSql = "SELECT " + kMessageColumns +
                                  " FROM messages WHERE session_id = ? AND (? OR deleted_at IS "
                                  "NULL) ORDER BY id";
  std::vector<Message> out;
  auto status = forEachRow(
      db_, kSql, [&](const indexer::Statement& row) { out.push_back(readMessage(row)); }, sessionId,
      includeDeleted);
  if (!status) return unexpected(std::move(status).error());
  return out;
}

Result<std::vector<HistoryEntry>> SessionStore::historyForPrompt(std::int64_t sessionId) {
  std::vector<HistoryEntry> out;
  auto status = read([&]() -> Status {
    if (auto session = loadSession(sessionId); !session) {
      return unexpected(std::move(session).error());
    }
    out.clear();
    return forEachRow(
        db_,
        "SELECT id, role, content, status FROM messages WHERE session_id = ? AND deleted_at IS "
        "NULL ORDER BY id",
        [&](const indexer::Statement& row) {
          out.push_back({row.int64(0), row.string(1), row.string(2), row.string(3)});
        },
        sessionId);
  });
  if (!status) return unexpected(std::move(status).error());
  return out;
}

Result<Summary> SessionStore::saveSummary(std::int64_t sessionId, std::string_view text,
                                          const std::vector<std::string>& topics,
                                          std::int64_t firstMessageId, std::int64_t lastMessageId) {
  if (firstMessageId > lastMessageId) {
    return unexpected(invalid("a summary's first message must not come after its last"));
  }
  std::string topicsText = topicsToJsonText(topics);
  Summary out;
  auto status = write([&]() -> Status {
    if (auto session = loadLiveSession(sessionId); !session) {
      return unexpected(std::move(session).error());
    }
    out = Summary{0, sessionId, std::string(text), topics, firstMessageId, lastMessageId, now()};
    auto inserted =
        execute(db_,
                "INSERT INTO summaries(session_id, text, topics, first_message_id, "
                "last_message_id, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                sessionId, text, topicsText, firstMessageId, lastMessageId, out.createdAt);
    if (!inserted) return inserted;
    out.id = sqlite3_last_insert_rowid(db_.handle());
    return Done{};
  });
  if (!status) return unexpected(std::move(status).error());
  return out;
}

Result<std::vector<Summary>> SessionStore::loadSummaries(std::int64_t sessionId) {
  static const std::string kSql =
      "SELECT " + kSummaryColumns + " FROM summaries WHERE session_id = ? ORDER BY id";
  std::vector<Summary> out;
  auto status = forEachRow(
      db_, kSql, [&](const indexer::Statement& row) { out.push_back(readSummary(row)); },
      sessionId);
  if (!status) return unexpected(std::move(status).error());
  return out;
}

Result<std::optional<Summary>> SessionStore::latestSummary(std::int64_t sessionId) {
  static const std::string kSql =
      "SELECT " + kSummaryColumns + " FROM summaries WHERE session_id = ? ORDER BY id DESC LIMIT 1";
  std::optional<Summary> out;
  auto status = read([&]() -> Status {
    if (auto session = loadSession(sessionId); !session) {
      return unexpected(std::move(session).error());
    }
    return forEachRow(
        db_, kSql, [&](const indexer::Statement& row) { out = readSummary(row); }, sessionId);
  });
  if (!status) return unexpected(std::move(status).error());
  return out;
}

}  // namespace gloss::server::sessions
