#include "commands/llm/Provider.h"

#include <algorithm>

#include "commands/llm/AnthropicProvider.h"
#include "commands/llm/ModelLimits.h"
#include "commands/llm/OfflineProvider.h"
#include "commands/llm/OpenAiProvider.h"

namespace gloss::llm {

Provider::Provider(ProviderConfig config)
    : config_(std::move(config)), contextLimit_(effectiveContextLimit(config_)) {}

int Provider::promptBudget() const {
  return std::max(0, contextLimit_ - maxOutputTokens());
}

std::unique_ptr<Provider> makeProvider(const ProviderConfig& config) {
  switch (config.kind) {
    case ProviderKind::Offline:
      return std::make_unique<OfflineProvider>(config);
    case ProviderKind::Anthropic:
      return std::make_unique<AnthropicProvider>(config);
    case ProviderKind::OpenAi:
    case ProviderKind::Azure:
    case ProviderKind::OpenRouter:
    case ProviderKind::Ollama:
    case ProviderKind::LlamaCpp:
    case ProviderKind::Vllm:
    case ProviderKind::LmStudio:
      return std::make_unique<OpenAiProvider>(config);
  }
  return std::make_unique<OfflineProvider>(config);
}

}  // namespace gloss::llm
