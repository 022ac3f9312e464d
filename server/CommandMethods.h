// The code-aware commands as LSP methods: `gloss/explain`, `gloss/generateTests`,
// `gloss/summarize` and `gloss/context` (the assembled context with token counts, for
// debugging). Answers stream as `$/progress {kind: "delta", text}` on the partialResultToken,
// long work reports on the workDoneToken, `$/cancelRequest` stops the provider, and the result
// carries the whole answer with its references (URI + range + symbol) for the editor to link.
#pragma once

#include <functional>

#include "commands/CommandEnv.h"
#include "server/CommandParams.h"
#include "server/MethodTable.h"
#include "server/ProviderService.h"
#include "server/Workspace.h"

namespace gloss::server {

class CommandMethods {
 public:
  using Capabilities = std::function<protocol::ClientCapabilities()>;
  CommandMethods(Workspace& workspace, ProviderService& providers, Capabilities capabilities)
      : workspace_(workspace), providers_(providers), capabilities_(std::move(capabilities)) {}
  void registerOn(MethodTable& table);

  HandlerResult onExplain(const CodeTargetParams& params, RequestContext& ctx);
  HandlerResult onGenerateTests(const CodeTargetParams& params, RequestContext& ctx);
  HandlerResult onSummarize(const SummarizeParams& params, RequestContext& ctx);
  HandlerResult onContext(const CodeTargetParams& params, RequestContext& ctx);

  // Runs `command` with an environment built for this request; the outcome as JSON, or the
  // command's refusal as an error. `progressTitle` names the work-done progress, which uses the
  // request's workDoneToken, or (with `serverProgress`, for generic clients running a code
  // action) a token the server creates when the editor allows it.
  using Command =
      std::function<commands::CommandResult<commands::CommandOutcome>(const commands::CommandEnv&)>;
  gloss::Expected<commands::CommandOutcome, protocol::RpcError> run(
      RequestContext& ctx, const std::string& progressTitle, const Command& command,
      bool serverProgress = false);
  json::object outcomeJson(const commands::CommandOutcome& outcome);
  std::shared_ptr<const llm::Provider> provider() const { return providers_.current(); }
  const redact::SecretRedactor& redactor() const { return providers_.redactor(); }

 private:
  Workspace& workspace_;
  ProviderService& providers_;
  Capabilities capabilities_;
};

// Sends `workspace/applyEdit` creating (or replacing) the proposed files, and waits for the
// editor's answer; an error message when it refuses, cannot, or does not answer in time, or when
// a file is outside the workspace (checked again here, just before anything is written).
std::optional<std::string> applyProposals(Client& client, const Workspace& workspace,
                                          const std::vector<commands::FileProposal>& files);

}  // namespace gloss::server
