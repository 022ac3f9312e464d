#include "server/DocumentSync.h"

#include "protocol/Uri.h"

namespace gloss::server {

json::value DocumentSync::capability() {
  // change: 2 is incremental sync.
  return json::object{
      {"openClose", true}, {"change", 2}, {"save", json::object{{"includeText", false}}}};
}

void DocumentSync::registerOn(MethodTable& table) {
  table.notification("textDocument/didOpen", this, &DocumentSync::onDidOpen);
  table.notification("textDocument/didChange", this, &DocumentSync::onDidChange);
  table.notification("textDocument/didSave", this, &DocumentSync::onDidSave);
  table.notification("textDocument/didClose", this, &DocumentSync::onDidClose);
  table.notification("workspace/didChangeWatchedFiles", this,
                     &DocumentSync::onDidChangeWatchedFiles);
}

void DocumentSync::onBadNotification(const std::string& method, const std::string& error) {
  client_.log(LogLevel::Warning, method + ": " + error);
}

// Buffers of any file:// document are kept (an outline works for any open file); only those
// inside the workspace reach the index.
std::optional<std::string> DocumentSync::localPath(const std::string& uri) {
  std::optional<std::string> path = protocol::uriToPath(uri);
  if (!path) client_.log(LogLevel::Debug, "ignoring a document that is not a file: " + uri);
  return path;
}

void DocumentSync::onDidOpen(const protocol::DidOpenTextDocumentParams& params) {
  if (auto path = localPath(params.textDocument.uri)) {
    workspace_.overlay().open(*path, params.textDocument.text, params.textDocument.version);
  }
}

void DocumentSync::onDidChange(const protocol::DidChangeTextDocumentParams& params) {
  auto path = localPath(params.textDocument.uri);
  if (!path) return;
  std::vector<indexer::TextChange> changes;
  changes.reserve(params.contentChanges.size());
  for (const auto& c : params.contentChanges) changes.push_back({c.range, c.text});
  auto applied = workspace_.overlay().change(*path, params.textDocument.version, changes,
                                             workspace_.encoding());
  if (!applied) client_.log(LogLevel::Warning, applied.error());
}

void DocumentSync::onDidSave(const protocol::DidSaveTextDocumentParams& params) {
  auto path = localPath(params.textDocument.uri);
  if (!path || !workspace_.index()) return;
  if (auto inside = workspace_.resolvePath(*path)) workspace_.index()->fileChanged(*inside);
}

void DocumentSync::onDidClose(const protocol::DidCloseTextDocumentParams& params) {
  auto path = localPath(params.textDocument.uri);
  if (!path) return;
  workspace_.overlay().close(*path);
  workspace_.overlayChunks().forget(*path);
  // The buffer may have been closed without saving over a file that changed meanwhile.
  if (!workspace_.index()) return;
  if (auto inside = workspace_.resolvePath(*path)) workspace_.index()->fileChanged(*inside);
}

void DocumentSync::onDidChangeWatchedFiles(const protocol::DidChangeWatchedFilesParams& params) {
  IndexService* index = workspace_.index();
  if (!index) return;
  for (const auto& event : params.changes) {
    auto path = localPath(event.uri);
    if (!path) continue;
    auto inside = workspace_.resolvePath(*path);
    if (!inside) continue;
    if (event.type == protocol::FileChangeType::Deleted) {
      index->pathDeleted(*inside);
    } else {
      index->fileChanged(*inside);
    }
  }
}

}  // namespace gloss::server
