// The LSP structures gloss reads and writes, named as the specification names them. Only the
// fields gloss uses are kept.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "protocol/JsonMapping.h"

namespace gloss::protocol {

struct Position {
  std::uint32_t line = 0;
  std::uint32_t character = 0;
  friend bool operator==(const Position&, const Position&) = default;
};
bool fromJSON(const json::value& v, Position& out, JsonPath path);
json::value toJSON(const Position& p);

struct Range {
  Position start;
  Position end;
  friend bool operator==(const Range&, const Range&) = default;
};
bool fromJSON(const json::value& v, Range& out, JsonPath path);
json::value toJSON(const Range& r);

struct TextDocumentIdentifier {
  std::string uri;
};
bool fromJSON(const json::value& v, TextDocumentIdentifier& out, JsonPath path);

struct WorkspaceFolder {
  std::string uri;
  std::string name;
};
bool fromJSON(const json::value& v, WorkspaceFolder& out, JsonPath path);
json::value toJSON(const WorkspaceFolder& f);

struct ClientInfo {
  std::string name;
  std::optional<std::string> version;
};
bool fromJSON(const json::value& v, ClientInfo& out, JsonPath path);

// The client capabilities gloss acts on; the rest of the object is kept raw.
struct ClientCapabilities {
  bool workDoneProgress = false;     // window.workDoneProgress
  bool showDocument = false;         // window.showDocument.support
  bool applyEdit = false;            // workspace.applyEdit
  bool watchedFilesDynamic = false;  // workspace.didChangeWatchedFiles.dynamicRegistration
  std::vector<std::string> positionEncodings;  // general.positionEncodings
  json::value raw;
};
bool fromJSON(const json::value& v, ClientCapabilities& out, JsonPath path);

struct InitializeParams {
  std::optional<std::int64_t> processId;
  std::optional<ClientInfo> clientInfo;
  std::optional<std::string> rootUri;
  std::optional<std::string> rootPath;
  std::optional<std::vector<WorkspaceFolder>> workspaceFolders;
  ClientCapabilities capabilities;
  json::value initializationOptions;
  std::optional<std::string> trace;
};
bool fromJSON(const json::value& v, InitializeParams& out, JsonPath path);

struct DidChangeWorkspaceFoldersParams {
  std::vector<WorkspaceFolder> added;
  std::vector<WorkspaceFolder> removed;
};
bool fromJSON(const json::value& v, DidChangeWorkspaceFoldersParams& out, JsonPath path);

struct DidChangeConfigurationParams {
  json::value settings;
};
bool fromJSON(const json::value& v, DidChangeConfigurationParams& out, JsonPath path);

struct ExecuteCommandParams {
  std::string command;
  std::vector<json::value> arguments;
};
bool fromJSON(const json::value& v, ExecuteCommandParams& out, JsonPath path);

struct CancelParams {
  json::value id;  // integer or string
};
bool fromJSON(const json::value& v, CancelParams& out, JsonPath path);

struct SetTraceParams {
  std::string value;  // "off" | "messages" | "verbose"
};
bool fromJSON(const json::value& v, SetTraceParams& out, JsonPath path);

// The work-done and partial-result tokens any long request may carry.
struct ProgressTokens {
  std::optional<json::value> workDoneToken;
  std::optional<json::value> partialResultToken;
};
ProgressTokens readProgressTokens(const json::value& params);
bool isValidProgressToken(const json::value& token);

enum class MessageType { Error = 1, Warning = 2, Info = 3, Log = 4 };

}  // namespace gloss::protocol
