// gloss/sessions/list|get|create|rename|archive|delete|export|search, gloss/messages/edit|delete
// and gloss/stats: the chat-session store (server/sessions/) over LSP. An unknown or deleted id
// and a refused value are -32602 with `data` naming the id; a store that cannot be opened or a
// failing database is -32803 with the reason (docs/sessions.md).
#pragma once

#include <functional>
#include <string>

#include "server/MethodTable.h"
#include "server/sessions/SessionParams.h"
#include "server/sessions/SessionService.h"

namespace gloss::server {

class SessionMethods {
 public:
  // `defaultWorkspace` names the workspace of sessions created without one.
  SessionMethods(SessionService& service, std::function<std::string()> defaultWorkspace)
      : service_(service), defaultWorkspace_(std::move(defaultWorkspace)) {}
  void registerOn(MethodTable& table);

 private:
  HandlerResult onList(const ListSessionsParams& params, RequestContext& ctx);
  HandlerResult onGet(const GetSessionParams& params, RequestContext& ctx);
  HandlerResult onCreate(const CreateSessionParams& params, RequestContext& ctx);
  HandlerResult onRename(const RenameSessionParams& params, RequestContext& ctx);
  HandlerResult onArchive(const ArchiveSessionParams& params, RequestContext& ctx);
  HandlerResult onDelete(const DeleteSessionParams& params, RequestContext& ctx);
  HandlerResult onExport(const ExportSessionParams& params, RequestContext& ctx);
  HandlerResult onSearch(const SearchSessionsParams& params, RequestContext& ctx);
  HandlerResult onEditMessage(const EditMessageParams& params, RequestContext& ctx);
  HandlerResult onDeleteMessage(const DeleteMessageParams& params, RequestContext& ctx);
  HandlerResult onStats(const NoParams& params, RequestContext& ctx);

  SessionService& service_;
  std::function<std::string()> defaultWorkspace_;
};

// The JSON-RPC error for a store error.
protocol::RpcError toRpcError(const sessions::SessionError& error);

}  // namespace gloss::server
