// Runs one provider chat for a request handler: text deltas go to the client as `$/progress`
// `{kind: "delta", text}` on the request's partialResultToken, `$/cancelRequest` aborts the
// transfer, redacted secrets are announced with a `window/showMessage` warning, and the whole
// answer comes back as the result (a client that ignores progress loses nothing). A failed or
// cut-off answer is a result too, marked incomplete with the provider's readable message.
#pragma once

#include "commands/llm/Provider.h"
#include "server/MethodTable.h"

namespace gloss::server {

struct ChatStreamOutcome {
  llm::ChatResult result;
  bool cancelled = false;
};

ChatStreamOutcome streamChat(const llm::Provider& provider, const llm::ChatRequest& request,
                             RequestContext& ctx);

// The progress message of a request waiting for a provider slot (RequestSlots).
std::string slotWaitMessage(std::size_t inFlight);

// {content, model, provider, finishReason, complete, usage, error?, redactions, latency}.
json::object chatResultJson(const llm::Provider& provider, const llm::ChatResult& result);

}  // namespace gloss::server
