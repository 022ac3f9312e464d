// Typed params of the gloss/sessions/*, gloss/messages/* methods. A missing or wrong-typed
// field is reported with its JSON path, which the method table turns into -32602.
#pragma once

#include <optional>
#include <string>

#include "protocol/JsonMapping.h"
#include "server/sessions/SessionTypes.h"

namespace gloss::server {

namespace json = boost::json;

struct ListSessionsParams {
  sessions::ListOptions options;
};
struct GetSessionParams {
  std::int64_t sessionId = 0;
  std::optional<std::int64_t> beforeId;
  int limit = sessions::kDefaultPageSize;
};
struct CreateSessionParams {
  std::string title;                     // empty: titled from the first user message
  std::optional<std::string> workspace;  // absent: the server's first workspace folder
};
struct RenameSessionParams {
  std::int64_t sessionId = 0;
  std::string title;
};
struct ArchiveSessionParams {
  std::int64_t sessionId = 0;
  bool archived = true;
};
struct DeleteSessionParams {
  std::int64_t sessionId = 0;
  bool hard = false;
};
enum class ExportFormat { Markdown, Json };
struct ExportSessionParams {
  std::int64_t sessionId = 0;
  ExportFormat format = ExportFormat::Markdown;
};
struct SearchSessionsParams {
  std::string query;
  int limit = 20;
};
struct EditMessageParams {
  std::int64_t messageId = 0;
  std::string content;
};
struct DeleteMessageParams {
  std::int64_t messageId = 0;
};

bool fromJSON(const json::value& v, ListSessionsParams& out, protocol::JsonPath path);
bool fromJSON(const json::value& v, GetSessionParams& out, protocol::JsonPath path);
bool fromJSON(const json::value& v, CreateSessionParams& out, protocol::JsonPath path);
bool fromJSON(const json::value& v, RenameSessionParams& out, protocol::JsonPath path);
bool fromJSON(const json::value& v, ArchiveSessionParams& out, protocol::JsonPath path);
bool fromJSON(const json::value& v, DeleteSessionParams& out, protocol::JsonPath path);
bool fromJSON(const json::value& v, ExportSessionParams& out, protocol::JsonPath path);
bool fromJSON(const json::value& v, SearchSessionsParams& out, protocol::JsonPath path);
bool fromJSON(const json::value& v, EditMessageParams& out, protocol::JsonPath path);
bool fromJSON(const json::value& v, DeleteMessageParams& out, protocol::JsonPath path);

}  // namespace gloss::server
