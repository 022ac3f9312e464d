// Turning what went wrong into a ProviderError whose message a person can act on, with no trace
// of the API key (some providers echo part of a rejected key in their error message).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "commands/llm/ChatTypes.h"

namespace gloss::llm {

// `text` without `key`, and without any word holding the key's first or last eight characters
// (how providers echo a masked key, e.g. "sk-proj-****abcd"). The result never contains `key`.
std::string scrubKey(std::string text, std::string_view key);

// The provider's own message in an error body: OpenAI `{"error":{"message":...}}`, Anthropic
// `{"type":"error","error":{"message":...}}`, Ollama and others `{"error":"..."}`.
std::optional<std::string> providerErrorMessage(std::string_view body);

// An HTTP error status as a sentence, e.g. "The openai provider at https://api.openai.com/v1
// answered HTTP 401 (Unauthorized): Incorrect API key provided." 429 is RateLimited.
ProviderError httpError(int status, std::string_view where, std::string_view body,
                        std::string_view key);

ProviderError makeError(ProviderError::Kind kind, std::string message, std::string_view key);

}  // namespace gloss::llm
