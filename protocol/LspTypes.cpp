#include "protocol/LspTypes.h"

namespace gloss::protocol {

bool fromJSON(const json::value& v, Position& out, JsonPath path) {
  ObjectMapper o(v, path);
  return o && o.map("line", out.line) && o.map("character", out.character);
}

json::value toJSON(const Position& p) {
  return json::object{{"line", p.line}, {"character", p.character}};
}

bool fromJSON(const json::value& v, Range& out, JsonPath path) {
  ObjectMapper o(v, path);
  return o && o.map("start", out.start) && o.map("end", out.end);
}

json::value toJSON(const Range& r) {
  return json::object{{"start", toJSON(r.start)}, {"end", toJSON(r.end)}};
}

bool fromJSON(const json::value& v, TextDocumentIdentifier& out, JsonPath path) {
  ObjectMapper o(v, path);
  return o && o.map("uri", out.uri);
}

bool fromJSON(const json::value& v, WorkspaceFolder& out, JsonPath path) {
  ObjectMapper o(v, path);
  return o && o.map("uri", out.uri) && o.mapOptional("name", out.name);
}

json::value toJSON(const WorkspaceFolder& f) {
  return json::object{{"uri", f.uri}, {"name", f.name}};
}

bool fromJSON(const json::value& v, ClientInfo& out, JsonPath path) {
  ObjectMapper o(v, path);
  return o && o.map("name", out.name) && o.mapOptional("version", out.version);
}

namespace {

const json::value* member(const json::value& v, std::initializer_list<std::string_view> keys) {
  const json::value* cur = &v;
  for (std::string_view key : keys) {
    const json::object* obj = cur->if_object();
    if (!obj) return nullptr;
    cur = obj->if_contains(key);
    if (!cur) return nullptr;
  }
  return cur;
}

bool flag(const json::value& v, std::initializer_list<std::string_view> keys) {
  const json::value* m = member(v, keys);
  return m && m->is_bool() && m->get_bool();
}

}  // namespace

bool fromJSON(const json::value& v, ClientCapabilities& out, JsonPath path) {
  if (!v.is_object()) return path.report("expected object");
  out.raw = v;
  out.workDoneProgress = flag(v, {"window", "workDoneProgress"});
  out.showDocument = flag(v, {"window", "showDocument", "support"});
  out.applyEdit = flag(v, {"workspace", "applyEdit"});
  out.watchedFilesDynamic = flag(v, {"workspace", "didChangeWatchedFiles", "dynamicRegistration"});
  if (const json::value* enc = member(v, {"general", "positionEncodings"})) {
    JsonPath encPath = path.field("general").field("positionEncodings");
    if (!fromJSON(*enc, out.positionEncodings, encPath)) return false;
  }
  return true;
}

bool fromJSON(const json::value& v, InitializeParams& out, JsonPath path) {
  ObjectMapper o(v, path);
  if (!o) return false;
  if (!o.mapOptional("processId", out.processId) || !o.mapOptional("clientInfo", out.clientInfo) ||
      !o.mapOptional("rootUri", out.rootUri) || !o.mapOptional("rootPath", out.rootPath) ||
      !o.mapOptional("workspaceFolders", out.workspaceFolders) ||
      !o.mapOptional("initializationOptions", out.initializationOptions) ||
      !o.mapOptional("trace", out.trace)) {
    return false;
  }
  // `capabilities` is required by the specification, but some minimal clients omit it.
  out.capabilities.raw = json::object();
  return o.mapOptional("capabilities", out.capabilities);
}

bool fromJSON(const json::value& v, DidChangeWorkspaceFoldersParams& out, JsonPath path) {
  ObjectMapper o(v, path);
  if (!o) return false;
  const json::value* event = v.get_object().if_contains("event");
  if (!event) return path.field("event").report("missing required field");
  ObjectMapper e(*event, path.field("event"));
  return e && e.map("added", out.added) && e.map("removed", out.removed);
}

bool fromJSON(const json::value& v, DidChangeConfigurationParams& out, JsonPath path) {
  ObjectMapper o(v, path);
  return o && o.map("settings", out.settings);
}

bool fromJSON(const json::value& v, ExecuteCommandParams& out, JsonPath path) {
  ObjectMapper o(v, path);
  return o && o.map("command", out.command) && o.mapOptional("arguments", out.arguments);
}

bool fromJSON(const json::value& v, CancelParams& out, JsonPath path) {
  ObjectMapper o(v, path);
  if (!o || !o.map("id", out.id)) return false;
  if (!isValidProgressToken(out.id)) return path.field("id").report("expected integer or string");
  return true;
}

bool fromJSON(const json::value& v, SetTraceParams& out, JsonPath path) {
  ObjectMapper o(v, path);
  if (!o || !o.map("value", out.value)) return false;
  if (out.value != "off" && out.value != "messages" && out.value != "verbose") {
    return path.field("value").report("expected \"off\", \"messages\" or \"verbose\"");
  }
  return true;
}

bool isValidProgressToken(const json::value& token) {
  return token.is_int64() || token.is_uint64() || token.is_string();
}

ProgressTokens readProgressTokens(const json::value& params) {
  ProgressTokens tokens;
  const json::object* obj = params.if_object();
  if (!obj) return tokens;
  if (const json::value* t = obj->if_contains("workDoneToken"); t && isValidProgressToken(*t)) {
    tokens.workDoneToken = *t;
  }
  if (const json::value* t = obj->if_contains("partialResultToken");
      t && isValidProgressToken(*t)) {
    tokens.partialResultToken = *t;
  }
  return tokens;
}

}  // namespace gloss::protocol
