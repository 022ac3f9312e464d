#include "protocol/DocumentTypes.h"

namespace gloss::protocol {

bool fromJSON(const json::value& v, TextDocumentItem& out, JsonPath path) {
  ObjectMapper o(v, path);
  return o && o.map("uri", out.uri) && o.mapOptional("languageId", out.languageId) &&
         o.map("version", out.version) && o.map("text", out.text);
}

bool fromJSON(const json::value& v, VersionedTextDocumentIdentifier& out, JsonPath path) {
  ObjectMapper o(v, path);
  // Some clients send a null version for documents they do not version; treat it as 0.
  return o && o.map("uri", out.uri) && o.mapOptional("version", out.version);
}

bool fromJSON(const json::value& v, TextDocumentContentChangeEvent& out, JsonPath path) {
  ObjectMapper o(v, path);
  return o && o.mapOptional("range", out.range) && o.map("text", out.text);
}

bool fromJSON(const json::value& v, DidOpenTextDocumentParams& out, JsonPath path) {
  ObjectMapper o(v, path);
  return o && o.map("textDocument", out.textDocument);
}

bool fromJSON(const json::value& v, DidChangeTextDocumentParams& out, JsonPath path) {
  ObjectMapper o(v, path);
  return o && o.map("textDocument", out.textDocument) &&
         o.map("contentChanges", out.contentChanges);
}

bool fromJSON(const json::value& v, DidSaveTextDocumentParams& out, JsonPath path) {
  ObjectMapper o(v, path);
  return o && o.map("textDocument", out.textDocument) && o.mapOptional("text", out.text);
}

bool fromJSON(const json::value& v, DidCloseTextDocumentParams& out, JsonPath path) {
  ObjectMapper o(v, path);
  return o && o.map("textDocument", out.textDocument);
}

bool fromJSON(const json::value& v, FileEvent& out, JsonPath path) {
  ObjectMapper o(v, path);
  int type = 0;
  if (!o || !o.map("uri", out.uri) || !o.map("type", type)) return false;
  if (type < 1 || type > 3) return path.field("type").report("expected 1, 2 or 3");
  out.type = static_cast<FileChangeType>(type);
  return true;
}

bool fromJSON(const json::value& v, DidChangeWatchedFilesParams& out, JsonPath path) {
  ObjectMapper o(v, path);
  return o && o.map("changes", out.changes);
}

bool fromJSON(const json::value& v, DocumentSymbolParams& out, JsonPath path) {
  ObjectMapper o(v, path);
  return o && o.map("textDocument", out.textDocument);
}

bool fromJSON(const json::value& v, WorkspaceSymbolParams& out, JsonPath path) {
  ObjectMapper o(v, path);
  return o && o.map("query", out.query);
}

}  // namespace gloss::protocol
