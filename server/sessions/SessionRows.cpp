#include "server/sessions/SessionRows.h"

namespace gloss::server::sessions {

SessionError storageError(const indexer::DbError& error) {
  SessionError out;
  out.kind = SessionError::Kind::Storage;
  out.message = "sessions.db: " + error.message;
  out.dbCode = error.code;
  return out;
}

SessionError notFound(std::string_view what, std::string field, std::int64_t id) {
  SessionError out;
  out.kind = SessionError::Kind::NotFound;
  out.message = "no " + std::string(what) + " " + std::to_string(id);
  out.field = std::move(field);
  out.id = id;
  return out;
}

SessionError invalid(std::string message) {
  SessionError out;
  out.kind = SessionError::Kind::Invalid;
  out.message = std::move(message);
  return out;
}

bool isValidRole(std::string_view role) {
  return role == "user" || role == "assistant" || role == "system";
}

bool isValidStatus(std::string_view status) {
  return status == "complete" || status == "incomplete" || status == "error";
}

const std::string kSessionColumns =
    "s.id, s.title, s.title_is_auto, s.workspace, s.created_at, s.updated_at, s.archived, "
    "coalesce(s.deleted_at, -1), "
    "(SELECT count(*) FROM messages c WHERE c.session_id = s.id AND c.deleted_at IS NULL)";

const std::string kMessageColumns =
    "id, session_id, role, content, original_content IS NOT NULL, coalesce(original_content, ''), "
    "coalesce(edited_at, -1), coalesce(deleted_at, -1), status, created_at, model, provider, "
    "coalesce(prompt_tokens, -1), coalesce(completion_tokens, -1), coalesce(first_token_ms, -1), "
    "coalesce(total_ms, -1), error, metadata";

const std::string kSummaryColumns =
    "id, session_id, text, topics, first_message_id, last_message_id, created_at";

Session readSession(const indexer::Statement& row) {
  Session s;
  s.id = row.int64(0);
  s.title = row.string(1);
  s.titleIsAuto = row.int64(2) != 0;
  s.workspace = row.string(3);
  s.createdAt = row.int64(4);
  s.updatedAt = row.int64(5);
  s.archived = row.int64(6) != 0;
  s.deletedAt = unknownIfNegative(row.int64(7));
  s.messageCount = row.int64(8);
  return s;
}

namespace {

json::object parseObject(std::string_view text) {
  boost::system::error_code ec;
  json::value value = json::parse(text, ec);
  if (ec || !value.is_object()) return {};
  return std::move(value.as_object());
}

}  // namespace

Message readMessage(const indexer::Statement& row) {
  Message m;
  m.id = row.int64(0);
  m.sessionId = row.int64(1);
  m.role = row.string(2);
  m.content = row.string(3);
  if (row.int64(4) != 0) m.originalContent = row.string(5);
  m.editedAt = unknownIfNegative(row.int64(6));
  m.deletedAt = unknownIfNegative(row.int64(7));
  m.status = row.string(8);
  m.createdAt = row.int64(9);
  m.model = row.string(10);
  m.provider = row.string(11);
  m.usage.promptTokens = unknownIfNegative(row.int64(12));
  m.usage.completionTokens = unknownIfNegative(row.int64(13));
  m.usage.firstTokenMs = unknownIfNegative(row.int64(14));
  m.usage.totalMs = unknownIfNegative(row.int64(15));
  m.error = row.string(16);
  m.metadata = parseObject(row.text(17));
  return m;
}

Summary readSummary(const indexer::Statement& row) {
  Summary s;
  s.id = row.int64(0);
  s.sessionId = row.int64(1);
  s.text = row.string(2);
  boost::system::error_code ec;
  json::value topics = json::parse(row.text(3), ec);
  if (!ec && topics.is_array()) {
    for (const auto& topic : topics.as_array()) {
      if (topic.is_string()) s.topics.emplace_back(topic.as_string());
    }
  }
  s.firstMessageId = row.int64(4);
  s.lastMessageId = row.int64(5);
  s.createdAt = row.int64(6);
  return s;
}

std::string toJsonText(const json::object& object) {
  return json::serialize(object);
}

std::string topicsToJsonText(const std::vector<std::string>& topics) {
  json::array array;
  for (const auto& topic : topics) array.emplace_back(topic);
  return json::serialize(array);
}

}  // namespace gloss::server::sessions
