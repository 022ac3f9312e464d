// `gloss/grep` and the `gloss.grep` command of `workspace/executeCommand`: LSP params in,
// matches streamed as `$/progress` partial results on the client's token, the whole result
// (sorted by file and line) and the totals in the response.
#pragma once

#include <functional>

#include "commands/grep/GrepCommand.h"
#include "server/MethodTable.h"
#include "server/Workspace.h"

namespace gloss::server {

struct GrepParams {
  commands::GrepRequest request;
};
bool fromJSON(const json::value& v, GrepParams& out, protocol::JsonPath path);

class GrepMethods {
 public:
  GrepMethods(Workspace& workspace, std::function<indexer::WalkOptions()> walkOptions)
      : workspace_(workspace), walkOptions_(std::move(walkOptions)) {}
  void registerOn(MethodTable& table);
  HandlerResult onGrep(const GrepParams& params, RequestContext& ctx);
  // The workspace as grep sees it (roots, selection rules, unsaved buffers), without the index.
  commands::GrepContext workspaceContext(std::function<bool()> cancelled);

 private:
  Workspace& workspace_;
  std::function<indexer::WalkOptions()> walkOptions_;
};

}  // namespace gloss::server
