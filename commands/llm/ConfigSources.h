// Where provider settings come from, and which source wins.
//
// Precedence, highest first: command-line flags > client settings (`initializationOptions`,
// `workspace/didChangeConfiguration`) > environment variables > the kind's preset > defaults.
// Each field is taken from the highest source that sets it, with one rule on top: a source that
// names a different provider than the winning one contributes nothing, so that a model or URL
// meant for one vendor is never sent to another. Vendor key variables (OPENAI_API_KEY, ...) are
// read for the chosen kind only, below GLOSS_API_KEY and the apiKey setting. An API key alone
// never selects a provider: with no provider named and no base URL anywhere, gloss is offline.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "commands/llm/ProviderConfig.h"
#include "protocol/Expected.h"

namespace gloss::llm {

// What one source says; unset members leave the decision to lower sources.
struct ConfigLayer {
  std::string origin;  // "command line", "settings", "environment"
  std::optional<ProviderKind> kind;
  std::optional<std::string> baseUrl, model, apiKey, apiVersion;
  std::optional<HeaderList> headers;
  std::optional<int> connectTimeoutMs, firstTokenTimeoutMs, idleTimeoutMs;
  std::optional<int> maxRetries, contextLimit, maxOutputTokens;
};

// Reads one environment variable; injectable so tests need not touch the real environment.
using EnvLookup = std::function<std::optional<std::string>(std::string_view name)>;
EnvLookup processEnvironment();

// Settings as the client sends them: keys flat (`{"provider": ...}`) or nested under "llm", with
// an optional outer "gloss" object. Unknown keys are left to other layers; an empty string means
// unset (editors often send "" for settings the user never touched).
gloss::Expected<ConfigLayer, std::string> layerFromSettings(const json::value& settings);

// GLOSS_PROVIDER, GLOSS_BASE_URL, GLOSS_MODEL, GLOSS_API_KEY, GLOSS_API_VERSION,
// GLOSS_CONTEXT_LIMIT, GLOSS_MAX_OUTPUT_TOKENS, GLOSS_MAX_RETRIES, GLOSS_CONNECT_TIMEOUT_MS,
// GLOSS_FIRST_TOKEN_TIMEOUT_MS, GLOSS_IDLE_TIMEOUT_MS.
gloss::Expected<ConfigLayer, std::string> layerFromEnvironment(const EnvLookup& env);

// Removes the provider flags from `args` (`--provider NAME`, `--base-url URL`, `--model NAME`,
// `--api-version V`, `--context-limit N`, `--max-output-tokens N`, `--max-retries N`,
// `--connect-timeout-ms N`, `--first-token-timeout-ms N`, `--idle-timeout-ms N`; `--flag=value`
// works too) and leaves the rest for the caller. There is deliberately no `--api-key`: a command
// line is visible to every user of the machine.
gloss::Expected<ConfigLayer, std::string> takeCliFlags(std::vector<std::string>& args);

// Merges `layers` (highest precedence first), reads vendor variables through `env`, fills the
// preset and validates.
gloss::Expected<ProviderConfig, std::string> resolveProviderConfig(
    const std::vector<ConfigLayer>& layers, const EnvLookup& env);

}  // namespace gloss::llm
