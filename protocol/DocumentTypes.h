// LSP structures for document synchronisation and symbols.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "protocol/LspTypes.h"

namespace gloss::protocol {

struct TextDocumentItem {
  std::string uri;
  std::string languageId;
  std::int64_t version = 0;
  std::string text;
};
bool fromJSON(const json::value& v, TextDocumentItem& out, JsonPath path);

struct VersionedTextDocumentIdentifier {
  std::string uri;
  std::int64_t version = 0;
};
bool fromJSON(const json::value& v, VersionedTextDocumentIdentifier& out, JsonPath path);

struct TextDocumentContentChangeEvent {
  std::optional<Range> range;
  std::string text;
};
bool fromJSON(const json::value& v, TextDocumentContentChangeEvent& out, JsonPath path);

struct DidOpenTextDocumentParams {
  TextDocumentItem textDocument;
};
bool fromJSON(const json::value& v, DidOpenTextDocumentParams& out, JsonPath path);

struct DidChangeTextDocumentParams {
  VersionedTextDocumentIdentifier textDocument;
  std::vector<TextDocumentContentChangeEvent> contentChanges;
};
bool fromJSON(const json::value& v, DidChangeTextDocumentParams& out, JsonPath path);

struct DidSaveTextDocumentParams {
  TextDocumentIdentifier textDocument;
  std::optional<std::string> text;
};
bool fromJSON(const json::value& v, DidSaveTextDocumentParams& out, JsonPath path);

struct DidCloseTextDocumentParams {
  TextDocumentIdentifier textDocument;
};
bool fromJSON(const json::value& v, DidCloseTextDocumentParams& out, JsonPath path);

enum class FileChangeType { Created = 1, Changed = 2, Deleted = 3 };
struct FileEvent {
  std::string uri;
  FileChangeType type = FileChangeType::Changed;
};
bool fromJSON(const json::value& v, FileEvent& out, JsonPath path);

struct DidChangeWatchedFilesParams {
  std::vector<FileEvent> changes;
};
bool fromJSON(const json::value& v, DidChangeWatchedFilesParams& out, JsonPath path);

struct DocumentSymbolParams {
  TextDocumentIdentifier textDocument;
};
bool fromJSON(const json::value& v, DocumentSymbolParams& out, JsonPath path);

struct WorkspaceSymbolParams {
  std::string query;
};
bool fromJSON(const json::value& v, WorkspaceSymbolParams& out, JsonPath path);

}  // namespace gloss::protocol
