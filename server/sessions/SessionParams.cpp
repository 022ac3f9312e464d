#include "server/sessions/SessionParams.h"

namespace gloss::server {
namespace {

// `limit` within 1..kMaxPageSize when present.
bool mapLimit(const json::value& v, protocol::ObjectMapper& o, int& out, protocol::JsonPath path) {
  if (!o.mapOptional("limit", out)) return false;
  if (v.as_object().contains("limit") && (out < 1 || out > sessions::kMaxPageSize)) {
    return path.field("limit").report("expected 1 to " + std::to_string(sessions::kMaxPageSize));
  }
  return true;
}

bool parseArchived(const json::value& v, sessions::ArchivedFilter& out, protocol::JsonPath path) {
  if (v.is_bool()) {
    out = v.get_bool() ? sessions::ArchivedFilter::Archived : sessions::ArchivedFilter::Active;
    return true;
  }
  if (v.is_string() && v.get_string() == "any") {
    out = sessions::ArchivedFilter::Any;
    return true;
  }
  return path.report("expected true, false or \"any\"");
}

}  // namespace

bool fromJSON(const json::value& v, ListSessionsParams& out, protocol::JsonPath path) {
  // A parameterless call lists the first page.
  if (v.is_null()) return true;
  protocol::ObjectMapper o(v, path);
  sessions::ListOptions& options = out.options;
  if (!o || !o.mapOptional("cursor", options.cursor) || !mapLimit(v, o, options.limit, path) ||
      !o.mapOptional("query", options.query) ||
      !o.mapOptional("includeDeleted", options.includeDeleted)) {
    return false;
  }
  const json::value* archived = v.as_object().if_contains("archived");
  if (archived && !archived->is_null()) {
    return parseArchived(*archived, options.archived, path.field("archived"));
  }
  return true;
}

bool fromJSON(const json::value& v, GetSessionParams& out, protocol::JsonPath path) {
  protocol::ObjectMapper o(v, path);
  return o && o.map("sessionId", out.sessionId) && o.mapOptional("beforeId", out.beforeId) &&
         mapLimit(v, o, out.limit, path);
}

bool fromJSON(const json::value& v, CreateSessionParams& out, protocol::JsonPath path) {
  if (v.is_null()) return true;
  protocol::ObjectMapper o(v, path);
  return o && o.mapOptional("title", out.title) && o.mapOptional("workspace", out.workspace);
}

bool fromJSON(const json::value& v, RenameSessionParams& out, protocol::JsonPath path) {
  protocol::ObjectMapper o(v, path);
  return o && o.map("sessionId", out.sessionId) && o.map("title", out.title);
}

bool fromJSON(const json::value& v, ArchiveSessionParams& out, protocol::JsonPath path) {
  protocol::ObjectMapper o(v, path);
  return o && o.map("sessionId", out.sessionId) && o.mapOptional("archived", out.archived);
}

bool fromJSON(const json::value& v, DeleteSessionParams& out, protocol::JsonPath path) {
  protocol::ObjectMapper o(v, path);
  return o && o.map("sessionId", out.sessionId) && o.mapOptional("hard", out.hard);
}

bool fromJSON(const json::value& v, ExportSessionParams& out, protocol::JsonPath path) {
  protocol::ObjectMapper o(v, path);
  std::optional<std::string> format;
  if (!o || !o.map("sessionId", out.sessionId) || !o.mapOptional("format", format)) return false;
  if (!format || *format == "markdown") {
    out.format = ExportFormat::Markdown;
  } else if (*format == "json") {
    out.format = ExportFormat::Json;
  } else {
    return path.field("format").report("expected \"markdown\" or \"json\"");
  }
  return true;
}

bool fromJSON(const json::value& v, SearchSessionsParams& out, protocol::JsonPath path) {
  protocol::ObjectMapper o(v, path);
  return o && o.map("query", out.query) && mapLimit(v, o, out.limit, path);
}

bool fromJSON(const json::value& v, EditMessageParams& out, protocol::JsonPath path) {
  protocol::ObjectMapper o(v, path);
  return o && o.map("messageId", out.messageId) && o.map("content", out.content);
}

bool fromJSON(const json::value& v, DeleteMessageParams& out, protocol::JsonPath path) {
  protocol::ObjectMapper o(v, path);
  return o && o.map("messageId", out.messageId);
}

}  // namespace gloss::server
