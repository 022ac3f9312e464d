// Params of the code-aware commands (`gloss/explain`, `gloss/generateTests`, `gloss/summarize`,
// `gloss/context`, and the same commands through `workspace/executeCommand`), and their
// resolution against the workspace: URIs and paths must lie inside a root, positions become
// lines, `path:line` specs are split.
#pragma once

#include <optional>
#include <string>

#include "commands/context/ContextBuilder.h"
#include "protocol/LspTypes.h"
#include "server/MethodTable.h"
#include "server/Workspace.h"

namespace gloss::server {

// Any one of: textDocument (+ position or range), target ("src/x.py:42" or a symbol), symbol.
struct CodeTargetParams {
  std::optional<protocol::TextDocumentIdentifier> textDocument;
  std::optional<protocol::Position> position;
  std::optional<protocol::Range> range;
  std::string target;  // "path:line", "path", or a symbol name
  std::string symbol;
  std::string question;
  bool apply = false;  // generateTests: apply the proposal with workspace/applyEdit
};
bool fromJSON(const json::value& v, CodeTargetParams& out, protocol::JsonPath path);

// uri (a file or a folder), or path; neither: the whole workspace.
struct SummarizeParams {
  std::string uri;
  std::string path;
  std::string question;
};
bool fromJSON(const json::value& v, SummarizeParams& out, protocol::JsonPath path);

gloss::Expected<commands::ContextTarget, protocol::RpcError> resolveTarget(
    const CodeTargetParams& params, const Workspace& workspace);
gloss::Expected<std::string, protocol::RpcError> resolveSummaryPath(const SummarizeParams& params,
                                                                    const Workspace& workspace);

}  // namespace gloss::server
