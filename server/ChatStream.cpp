#include "server/ChatStream.h"

#include "commands/redact/Findings.h"
#include "server/Progress.h"

namespace gloss::server {

ChatStreamOutcome streamChat(const llm::Provider& provider, const llm::ChatRequest& request,
                             RequestContext& ctx) {
  PartialResults partial(ctx.client, ctx.progress.partialResultToken);
  ChatStreamOutcome outcome;
  outcome.result = provider.chat(
      request,
      [&](std::string_view text) {
        partial.send(json::object{{"kind", "delta"}, {"text", text}});
      },
      [&] { return ctx.cancelled(); });
  outcome.cancelled = ctx.cancelled();
  if (!outcome.result.redactions.empty()) {
    // Kinds and counts only: the client learns that something was removed, never what.
    ctx.client.showMessage(protocol::MessageType::Warning,
                           "gloss: " + redact::describe(outcome.result.redactions));
  }
  return outcome;
}

std::string slotWaitMessage(std::size_t inFlight) {
  return "waiting for a free slot: " + std::to_string(inFlight) +
         " language-model requests in flight (setting maxConcurrentLlmRequests)";
}

json::object chatResultJson(const llm::Provider& provider, const llm::ChatResult& result) {
  json::object out{
      {"content", result.text},
      {"model", result.model},
      {"provider", provider.name()},
      {"finishReason", result.finishReason},
      {"complete", result.complete},
      {"usage", json::object{{"promptTokens", result.usage.promptTokens},
                             {"completionTokens", result.usage.completionTokens},
                             {"estimated", result.usage.estimated}}},
      {"redactions", redact::toJSON(result.redactions)},
      {"totalMs", result.total.count()},
  };
  if (result.firstToken) out["firstTokenMs"] = result.firstToken->count();
  if (result.error) {
    out["error"] = json::object{{"kind", llm::toString(result.error->kind)},
                                {"httpStatus", result.error->httpStatus},
                                {"message", result.error->message}};
  }
  return out;
}

}  // namespace gloss::server
