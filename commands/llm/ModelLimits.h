// How many tokens a model can take, and a rough count for when a provider reports none.
#pragma once

#include <string_view>

#include "commands/llm/ChatTypes.h"
#include "commands/llm/ProviderConfig.h"

namespace gloss::llm {

// Assumed for models the table does not know: small enough to be safe on local servers.
inline constexpr int kUnknownModelContextLimit = 8192;

// The context window of `model` in tokens, by the longest known prefix of its name (a vendor
// prefix such as "anthropic/" is ignored); kUnknownModelContextLimit when none matches.
int modelContextLimit(std::string_view model);

// The limit a provider works with: the configured override, else the model table, capped for
// servers that impose their own window whatever the model supports.
int effectiveContextLimit(const ProviderConfig& config);

// `config` with its context limit lowered so that the prompt budget (the limit less the answer's
// room) is at most `maxPromptTokens`, whatever the model's window (setting `maxPromptTokens`):
// big windows cost time and money, and the context builder puts the best code first anyway.
ProviderConfig withPromptCap(ProviderConfig config, int maxPromptTokens);

// About four bytes per token for English and code; deliberately rounds up.
int estimateTokens(std::string_view text);
int estimatePromptTokens(const ChatRequest& request);

}  // namespace gloss::llm
