#include "server/CommandParams.h"

#include <filesystem>

#include "commands/TargetSpec.h"

namespace gloss::server {

namespace {

gloss::Unexpected<protocol::RpcError> invalid(const std::string& message) {
  return gloss::unexpected(protocol::makeError(protocol::ErrorCode::InvalidParams, message));
}

}  // namespace

bool fromJSON(const json::value& v, CodeTargetParams& out, protocol::JsonPath path) {
  protocol::ObjectMapper o(v, path);
  if (!o || !o.mapOptional("textDocument", out.textDocument) ||
      !o.mapOptional("position", out.position) || !o.mapOptional("range", out.range) ||
      !o.mapOptional("target", out.target) || !o.mapOptional("symbol", out.symbol) ||
      !o.mapOptional("question", out.question) || !o.mapOptional("apply", out.apply)) {
    return false;
  }
  if (!out.textDocument && out.target.empty() && out.symbol.empty()) {
    return path.report("expected textDocument (with position or range), target or symbol");
  }
  if ((out.position || out.range) && !out.textDocument) {
    return path.field("textDocument").report("required with position or range");
  }
  return true;
}

bool fromJSON(const json::value& v, SummarizeParams& out, protocol::JsonPath path) {
  protocol::ObjectMapper o(v, path);
  return o && o.mapOptional("uri", out.uri) && o.mapOptional("path", out.path) &&
         o.mapOptional("question", out.question);
}

gloss::Expected<commands::ContextTarget, protocol::RpcError> resolveTarget(
    const CodeTargetParams& params, const Workspace& workspace) {
  commands::ContextTarget target;
  target.symbol = params.symbol;
  if (params.textDocument) {
    auto file = workspace.resolve(params.textDocument->uri);
    if (!file) return gloss::unexpected(file.error());
    target.path = *file;
    if (params.range) {
      target.line = params.range->start.line;
      std::uint32_t end = params.range->end.line;
      // A selection that ends at the start of a line does not include that line.
      if (end > params.range->start.line && params.range->end.character == 0) --end;
      if (end > params.range->start.line) target.endLine = end;
    } else if (params.position) {
      target.line = params.position->line;
    }
  }
  if (!params.target.empty()) {
    auto exists = [&](const std::string& p) {
      auto resolved = workspace.resolvePath(p);
      std::error_code error;
      return resolved.ok() && std::filesystem::is_regular_file(*resolved, error);
    };
    commands::TargetSpec spec = commands::parseTargetSpec(params.target, exists);
    if (!spec.symbol.empty()) {
      target.symbol = spec.symbol;
    } else {
      auto file = workspace.resolvePath(spec.path);
      if (!file) return gloss::unexpected(file.error());
      target.path = *file;
      target.line = spec.line;
      target.endLine = spec.endLine;
    }
  }
  if (target.path.empty() && target.symbol.empty()) return invalid("no target given");
  return target;
}

gloss::Expected<std::string, protocol::RpcError> resolveSummaryPath(const SummarizeParams& params,
                                                                    const Workspace& workspace) {
  if (!params.uri.empty()) return workspace.resolve(params.uri);
  if (!params.path.empty()) return workspace.resolvePath(params.path);
  std::vector<std::string> roots = workspace.roots();
  if (roots.empty()) return invalid("no workspace folder is open");
  return roots.front();
}

}  // namespace gloss::server
