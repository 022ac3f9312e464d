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

// Only documents inside the workspace are kept: a notification cannot be answered with an
// error, so one about any other document is dropped with a log line saying why.
std::optional<std::string> DocumentSync::localPath(const std::string& method,
                                                   const std::string& uri, LogLevel level) {
  auto inside = workspace_.resolve(uri);
  if (!inside) client_.log(level, "ignoring " + method + ": " + inside.error().message);
  return inside ? std::optional<std::string>(*inside) : std::nullopt;
}

void DocumentSync::onDidOpen(const protocol::DidOpenTextDocumentParams& params) {
  if (auto path = localPath("textDocument/didOpen", params.textDocument.uri, LogLevel::Info)) {
    workspace_.overlay().open(*path, params.textDocument.text, params.textDocument.version);
  }
}

// Changes are applied as they come and nothing is queued: chunks of the buffer are computed
// when something asks for them, so a storm of edits costs one copy of the text, not a backlog.
void DocumentSync::onDidChange(const protocol::DidChangeTextDocumentParams& params) {
  auto path = localPath("textDocument/didChange", params.textDocument.uri, LogLevel::Debug);
  if (!path) return;
  std::vector<indexer::TextChange> changes;
  changes.reserve(params.contentChanges.size());
  for (const auto& c : params.contentChanges) changes.push_back({c.range, c.text});
  auto applied = workspace_.overlay().change(*path, params.textDocument.version, changes,
                                             workspace_.encoding());
  if (!applied) client_.log(LogLevel::Warning, applied.error());
}

void DocumentSync::onDidSave(const protocol::DidSaveTextDocumentParams& params) {
  auto path = localPath("textDocument/didSave", params.textDocument.uri, LogLevel::Debug);
  if (path && workspace_.index()) workspace_.index()->fileChanged(*path);
}

void DocumentSync::onDidClose(const protocol::DidCloseTextDocumentParams& params) {
  auto path = localPath("textDocument/didClose", params.textDocument.uri, LogLevel::Debug);
  if (!path) return;
  workspace_.overlay().close(*path);
  workspace_.overlayChunks().forget(*path);
  // The buffer may have been closed without saving over a file that changed meanwhile.
  if (workspace_.index()) workspace_.index()->fileChanged(*path);
}

void DocumentSync::onDidChangeWatchedFiles(const protocol::DidChangeWatchedFilesParams& params) {
  IndexService* index = workspace_.index();
  if (!index) return;
  for (const auto& event : params.changes) {
    auto path = localPath("workspace/didChangeWatchedFiles", event.uri, LogLevel::Debug);
    if (!path) continue;
    if (event.type == protocol::FileChangeType::Deleted) {
      index->pathDeleted(*path);
    } else {
      index->fileChanged(*path);
    }
  }
}

}  // namespace gloss::server
