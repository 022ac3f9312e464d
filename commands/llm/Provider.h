// A language-model provider: streams a chat answer, reports its limits and its health.
// Implementations: OpenAiProvider (every OpenAI-compatible server), AnthropicProvider,
// OfflineProvider (no network; answers from the index). All of them may be used from several
// threads at once; chat() and checkHealth() block the calling thread.
#pragma once

#include <boost/json.hpp>
#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "commands/llm/ChatTypes.h"
#include "commands/llm/ProviderConfig.h"

namespace gloss::llm {

struct Health {
  bool ok = false;
  std::string message;  // e.g. "reachable; 12 models listed", or what went wrong (no key)
  std::chrono::milliseconds latency{0};
};

class Provider {
 public:
  explicit Provider(ProviderConfig config);
  virtual ~Provider() = default;
  Provider(const Provider&) = delete;
  Provider& operator=(const Provider&) = delete;

  std::string_view name() const { return toString(config_.kind); }
  const std::string& model() const { return config_.model; }
  bool isOffline() const { return config_.kind == ProviderKind::Offline; }
  int contextLimit() const { return contextLimit_; }  // tokens, prompt and answer together
  int maxOutputTokens() const { return config_.maxOutputTokens; }
  // Tokens the context builder may fill, leaving room for the answer.
  int promptBudget() const;
  // The configuration for `gloss/status`, without the key.
  json::object describe() const { return llm::describe(config_); }

  // Streams the answer to `onDelta` as it arrives; the result holds the whole text. Errors are
  // in the result, never thrown (an exception from `onDelta` itself propagates).
  virtual ChatResult chat(const ChatRequest& request, const DeltaSink& onDelta,
                          const CancelCheck& cancelled) const = 0;
  // A cheap request that shows whether the provider is reachable and accepts the key.
  virtual Health checkHealth(const CancelCheck& cancelled) const = 0;

 protected:
  const ProviderConfig& config() const { return config_; }

 private:
  ProviderConfig config_;
  int contextLimit_;
};

// The provider for a validated configuration (see resolveProviderConfig).
std::unique_ptr<Provider> makeProvider(const ProviderConfig& config);

}  // namespace gloss::llm
