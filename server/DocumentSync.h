// Document synchronisation: open/change/save/close keep the unsaved-buffer overlay, saves and
// file-watcher events re-index files on disk.
#pragma once

#include "protocol/DocumentTypes.h"
#include "server/Client.h"
#include "server/MethodTable.h"
#include "server/Workspace.h"

namespace gloss::server {

class DocumentSync {
 public:
  DocumentSync(Workspace& workspace, Client& client) : workspace_(workspace), client_(client) {}
  void registerOn(MethodTable& table);
  void onBadNotification(const std::string& method, const std::string& error);

  // The options for `textDocumentSync` in the initialize result.
  static json::value capability();

 private:
  void onDidOpen(const protocol::DidOpenTextDocumentParams& params);
  void onDidChange(const protocol::DidChangeTextDocumentParams& params);
  void onDidSave(const protocol::DidSaveTextDocumentParams& params);
  void onDidClose(const protocol::DidCloseTextDocumentParams& params);
  void onDidChangeWatchedFiles(const protocol::DidChangeWatchedFilesParams& params);
  // The document's path when it lies inside the workspace; else logged at `level` and nullopt.
  std::optional<std::string> localPath(const std::string& method, const std::string& uri,
                                       LogLevel level);

  Workspace& workspace_;
  Client& client_;
};

}  // namespace gloss::server
