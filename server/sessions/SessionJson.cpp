#include "server/sessions/SessionJson.h"

namespace gloss::server::sessions {
namespace {

json::value orNull(const std::optional<std::int64_t>& value) {
  return value ? json::value(*value) : json::value(nullptr);
}

}  // namespace

json::object toJSON(const Session& s) {
  return json::object{{"id", s.id},
                      {"title", s.title},
                      {"titleIsAuto", s.titleIsAuto},
                      {"workspace", s.workspace},
                      {"createdAt", s.createdAt},
                      {"updatedAt", s.updatedAt},
                      {"archived", s.archived},
                      {"deletedAt", orNull(s.deletedAt)},
                      {"messageCount", s.messageCount}};
}

json::object toJSON(const Message& m) {
  json::object out{{"id", m.id},
                   {"sessionId", m.sessionId},
                   {"role", m.role},
                   {"content", m.content},
                   {"status", m.status},
                   {"createdAt", m.createdAt},
                   {"editedAt", orNull(m.editedAt)},
                   {"deletedAt", orNull(m.deletedAt)},
                   {"model", m.model},
                   {"provider", m.provider},
                   {"usage", json::object{{"promptTokens", orNull(m.usage.promptTokens)},
                                          {"completionTokens", orNull(m.usage.completionTokens)},
                                          {"firstTokenMs", orNull(m.usage.firstTokenMs)},
                                          {"totalMs", orNull(m.usage.totalMs)}}},
                   {"metadata", m.metadata}};
  if (m.originalContent) out["originalContent"] = *m.originalContent;
  if (!m.error.empty()) out["error"] = m.error;
  return out;
}

json::object toJSON(const Summary& s) {
  json::array topics;
  for (const auto& topic : s.topics) topics.emplace_back(topic);
  return json::object{{"id", s.id},
                      {"sessionId", s.sessionId},
                      {"text", s.text},
                      {"topics", std::move(topics)},
                      {"firstMessageId", s.firstMessageId},
                      {"lastMessageId", s.lastMessageId},
                      {"createdAt", s.createdAt}};
}

json::object toJSON(const SearchHit& hit) {
  json::object out = toJSON(hit.session);
  out["snippet"] = hit.snippet;
  out["messageId"] = orNull(hit.messageId);
  return out;
}

json::object toJSON(const Stats& stats) {
  json::array tokens;
  for (const auto& [model, count] : stats.tokensByModel) {
    tokens.push_back(json::object{{"model", model}, {"tokens", count}});
  }
  json::array commands;
  for (const auto& [command, count] : stats.topCommands) {
    commands.push_back(json::object{{"command", command}, {"count", count}});
  }
  json::value latency = nullptr;
  // Whole milliseconds: Boost.JSON would print a double as 1.5E3.
  if (stats.averageLatencyMs) {
    latency = static_cast<std::int64_t>(*stats.averageLatencyMs + 0.5);
  }
  return json::object{
      {"sessions", stats.sessions},           {"messages", stats.messages},
      {"messagesToday", stats.messagesToday}, {"averageLatencyMs", std::move(latency)},
      {"tokensByModel", std::move(tokens)},   {"topCommands", std::move(commands)}};
}

}  // namespace gloss::server::sessions
