#include "server/SessionMethods.h"

#include <chrono>

#include "server/sessions/SessionJson.h"

namespace gloss::server {
namespace {

using protocol::ErrorCode;

HandlerResult failure(const sessions::SessionError& error) {
  return gloss::unexpected(toRpcError(error));
}

std::int64_t nowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

protocol::RpcError toRpcError(const sessions::SessionError& error) {
  using Kind = sessions::SessionError::Kind;
  bool caller = error.kind == Kind::NotFound || error.kind == Kind::Invalid;
  protocol::RpcError out = protocol::makeError(
      caller ? ErrorCode::InvalidParams : ErrorCode::RequestFailed,
      error.kind == Kind::Unavailable ? "chat sessions are unavailable: " + error.message
                                      : error.message);
  if (!error.field.empty()) out.data = json::object{{error.field, error.id}};
  return out;
}

void SessionMethods::registerOn(MethodTable& table) {
  table.method("gloss/sessions/list", this, &SessionMethods::onList);
  table.method("gloss/sessions/get", this, &SessionMethods::onGet);
  table.method("gloss/sessions/create", this, &SessionMethods::onCreate);
  table.method("gloss/sessions/rename", this, &SessionMethods::onRename);
  table.method("gloss/sessions/archive", this, &SessionMethods::onArchive);
  table.method("gloss/sessions/delete", this, &SessionMethods::onDelete);
  table.method("gloss/sessions/export", this, &SessionMethods::onExport);
  table.method("gloss/sessions/search", this, &SessionMethods::onSearch);
  table.method("gloss/messages/edit", this, &SessionMethods::onEditMessage);
  table.method("gloss/messages/delete", this, &SessionMethods::onDeleteMessage);
  table.method("gloss/stats", this, &SessionMethods::onStats);
}

HandlerResult SessionMethods::onList(const ListSessionsParams& params, RequestContext&) {
  auto store = service_.store();
  if (!store) return failure(store.error());
  auto page = (*store)->listSessions(params.options);
  if (!page) return failure(page.error());
  json::array sessions;
  for (const auto& session : page->sessions) sessions.push_back(sessions::toJSON(session));
  json::value next =
      page->nextCursor.empty() ? json::value(nullptr) : json::value(page->nextCursor);
  return json::value(json::object{{"sessions", std::move(sessions)}, {"nextCursor", next}});
}

HandlerResult SessionMethods::onGet(const GetSessionParams& params, RequestContext&) {
  auto store = service_.store();
  if (!store) return failure(store.error());
  auto session = (*store)->getSession(params.sessionId);
  if (!session) return failure(session.error());
  auto page = (*store)->messages(params.sessionId, {params.beforeId, params.limit});
  if (!page) return failure(page.error());
  json::array messages;
  for (const auto& message : page->messages) messages.push_back(sessions::toJSON(message));
  return json::value(json::object{{"session", sessions::toJSON(*session)},
                                  {"messages", std::move(messages)},
                                  {"hasMore", page->hasMore}});
}

HandlerResult SessionMethods::onCreate(const CreateSessionParams& params, RequestContext&) {
  auto store = service_.store();
  if (!store) return failure(store.error());
  std::string workspace = params.workspace ? *params.workspace : defaultWorkspace_();
  auto session = (*store)->createSession(params.title, workspace);
  if (!session) return failure(session.error());
  return json::value(sessions::toJSON(*session));
}

HandlerResult SessionMethods::onRename(const RenameSessionParams& params, RequestContext&) {
  auto store = service_.store();
  if (!store) return failure(store.error());
  auto session = (*store)->rename(params.sessionId, params.title);
  if (!session) return failure(session.error());
  return json::value(sessions::toJSON(*session));
}

HandlerResult SessionMethods::onArchive(const ArchiveSessionParams& params, RequestContext&) {
  auto store = service_.store();
  if (!store) return failure(store.error());
  auto session = (*store)->setArchived(params.sessionId, params.archived);
  if (!session) return failure(session.error());
  return json::value(sessions::toJSON(*session));
}

HandlerResult SessionMethods::onDelete(const DeleteSessionParams& params, RequestContext&) {
  auto store = service_.store();
  if (!store) return failure(store.error());
  auto deleted = (*store)->deleteSession(params.sessionId, params.hard);
  if (!deleted) return failure(deleted.error());
  return json::value(
      json::object{{"sessionId", params.sessionId}, {"deleted", true}, {"hard", params.hard}});
}

HandlerResult SessionMethods::onExport(const ExportSessionParams& params, RequestContext&) {
  auto store = service_.store();
  if (!store) return failure(store.error());
  bool markdown = params.format == ExportFormat::Markdown;
  auto content = markdown ? (*store)->exportMarkdown(params.sessionId)
                          : (*store)->exportJson(params.sessionId);
  if (!content) return failure(content.error());
  return json::value(
      json::object{{"content", std::move(*content)}, {"format", markdown ? "markdown" : "json"}});
}

HandlerResult SessionMethods::onSearch(const SearchSessionsParams& params, RequestContext&) {
  auto store = service_.store();
  if (!store) return failure(store.error());
  auto hits = (*store)->search(params.query, params.limit);
  if (!hits) return failure(hits.error());
  json::array sessions;
  for (const auto& hit : *hits) sessions.push_back(sessions::toJSON(hit));
  return json::value(json::object{{"sessions", std::move(sessions)}});
}

HandlerResult SessionMethods::onEditMessage(const EditMessageParams& params, RequestContext&) {
  auto store = service_.store();
  if (!store) return failure(store.error());
  auto message = (*store)->editMessage(params.messageId, params.content);
  if (!message) return failure(message.error());
  return json::value(sessions::toJSON(*message));
}

HandlerResult SessionMethods::onDeleteMessage(const DeleteMessageParams& params, RequestContext&) {
  auto store = service_.store();
  if (!store) return failure(store.error());
  auto deleted = (*store)->deleteMessage(params.messageId);
  if (!deleted) return failure(deleted.error());
  return json::value(json::object{{"messageId", params.messageId}, {"deleted", true}});
}

HandlerResult SessionMethods::onStats(const NoParams&, RequestContext&) {
  auto store = service_.store();
  if (!store) return failure(store.error());
  auto stats = (*store)->stats(nowMs());
  if (!stats) return failure(stats.error());
  return json::value(sessions::toJSON(*stats));
}

}  // namespace gloss::server
