// Which provider to talk to and how. Most kinds are presets of one OpenAI-compatible
// implementation that differ only in their default base URL, headers and key variable.
// Resolution from settings, environment and flags lives in ConfigSources.h.
#pragma once

#include <boost/json.hpp>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "protocol/Expected.h"

namespace gloss::llm {

namespace json = boost::json;

enum class ProviderKind {
  Offline,
  OpenAi,
  Azure,
  OpenRouter,
  Ollama,
  LlamaCpp,
  Vllm,
  LmStudio,
  Anthropic,
};

const char* toString(ProviderKind kind);
std::optional<ProviderKind> parseProviderKind(std::string_view name);
// "openai, azure, ..." for error messages and help.
std::string providerKindNames();

// What a kind implies when the configuration says nothing more.
struct ProviderPreset {
  std::string_view defaultBaseUrl = {};   // empty: the user must give one
  std::string_view keyVariable = {};      // vendor key variable, e.g. OPENAI_API_KEY; empty if none
  std::string_view baseUrlVariable = {};  // vendor base URL variable, e.g. AZURE_OPENAI_ENDPOINT
  std::string_view apiVersionVariable = {};  // vendor API version variable
  std::string_view defaultApiVersion = {};
  bool needsKey = false;  // at the default base URL; a proxy or local server may need none
  bool needsModel = true;
  bool reportsStreamUsage = false;       // accepts `stream_options: {include_usage: true}`
  bool usesMaxCompletionTokens = false;  // `max_completion_tokens` instead of `max_tokens`
};
const ProviderPreset& presetFor(ProviderKind kind);

struct Timeouts {
  std::chrono::milliseconds connect{10'000};
  std::chrono::milliseconds firstToken{120'000};  // local models may read a long prompt first
  std::chrono::milliseconds idle{60'000};         // between two received bytes
};

struct RetryPolicy {
  int maxRetries = 2;  // retries after the first attempt
  std::chrono::milliseconds initialDelay{500};
  std::chrono::milliseconds maxDelay{8'000};
  // A Retry-After longer than this is not waited for; the error is returned instead.
  std::chrono::milliseconds maxRetryAfter{60'000};
};

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct ProviderConfig {
  ProviderKind kind = ProviderKind::Offline;
  std::string baseUrl;     // without a trailing slash
  std::string model;       // for Azure, the deployment name
  std::string apiKey;      // held in memory only; never logged, stored or echoed
  std::string keySource;   // where the key came from ("OPENAI_API_KEY", "settings"); not the key
  std::string apiVersion;  // Azure `api-version`, Anthropic `anthropic-version`
  HeaderList headers;      // extra request headers
  Timeouts timeouts;
  RetryPolicy retry;
  std::optional<int> contextLimit;  // overrides the model table (tokens)
  int maxOutputTokens = 1024;
};

// Fills what the kind implies (base URL, API version) and checks the result; the error is a
// sentence that names the setting or variable to fix.
gloss::Expected<ProviderConfig, std::string> completeAndValidate(ProviderConfig config);

// `url` without user information, query or fragment, for messages and status.
std::string displayUrl(std::string_view url);

// The configuration for `gloss/status`: never the key, only whether one is set and where from.
json::object describe(const ProviderConfig& config);

}  // namespace gloss::llm
