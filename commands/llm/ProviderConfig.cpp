#include "commands/llm/ProviderConfig.h"

#include <array>

namespace gloss::llm {

namespace {

struct KindName {
  ProviderKind kind;
  std::string_view name;
};

constexpr std::array<KindName, 9> kKindNames{{
    {ProviderKind::Offline, "offline"},
    {ProviderKind::OpenAi, "openai"},
    {ProviderKind::Azure, "azure"},
    {ProviderKind::OpenRouter, "openrouter"},
    {ProviderKind::Ollama, "ollama"},
    {ProviderKind::LlamaCpp, "llamacpp"},
    {ProviderKind::Vllm, "vllm"},
    {ProviderKind::LmStudio, "lmstudio"},
    {ProviderKind::Anthropic, "anthropic"},
}};

bool isHttpUrl(std::string_view url) {
  return url.starts_with("http://") || url.starts_with("https://");
}

// Header names and values reach the wire verbatim, so a line break would inject a header.
bool isSafeHeader(const std::pair<std::string, std::string>& header) {
  const auto& [name, value] = header;
  return !name.empty() && name.find_first_of(":\r\n \t") == std::string::npos &&
         value.find_first_of("\r\n") == std::string::npos;
}

std::optional<std::string> checkLimits(const ProviderConfig& c) {
  const Timeouts& t = c.timeouts;
  if (t.connect.count() <= 0 || t.firstToken.count() <= 0 || t.idle.count() <= 0)
    return "Timeouts must be positive numbers of milliseconds.";
  if (c.retry.maxRetries < 0) return "The number of retries cannot be negative.";
  if (c.maxOutputTokens <= 0) return "The maximum output tokens must be a positive number.";
  if (c.contextLimit && *c.contextLimit <= c.maxOutputTokens)
    return "The context limit (" + std::to_string(*c.contextLimit) +
           " tokens) must be larger than the maximum output tokens (" +
           std::to_string(c.maxOutputTokens) + ").";
  for (const auto& header : c.headers) {
    if (!isSafeHeader(header))
      return "The extra header \"" + header.first +
             "\" has an invalid name or a line break in its value.";
  }
  return std::nullopt;
}

std::optional<std::string> checkEndpoint(const ProviderConfig& c, const ProviderPreset& preset) {
  std::string name = toString(c.kind);
  if (c.baseUrl.empty())
    return "The " + name + " provider needs a base URL: set " +
           (preset.baseUrlVariable.empty() ? "" : std::string(preset.baseUrlVariable) + ", ") +
           "GLOSS_BASE_URL, the llm.baseUrl setting or --base-url.";
  if (!isHttpUrl(c.baseUrl))
    return "The base URL " + displayUrl(c.baseUrl) + " must start with http:// or https://.";
  if (preset.needsModel && c.model.empty())
    return "The " + name + " provider needs a " +
           (c.kind == ProviderKind::Azure ? "deployment name" : "model") +
           ": set GLOSS_MODEL, the llm.model setting or --model.";
  if (preset.needsKey && c.apiKey.empty() && c.baseUrl == preset.defaultBaseUrl)
    return "The " + name + " provider needs an API key: set " + std::string(preset.keyVariable) +
           " (or GLOSS_API_KEY) or the llm.apiKey setting.";
  return std::nullopt;
}

}  // namespace

const char* toString(ProviderKind kind) {
  for (const KindName& k : kKindNames) {
    if (k.kind == kind) return k.name.data();
  }
  return "unknown";
}

std::optional<ProviderKind> parseProviderKind(std::string_view name) {
  for (const KindName& k : kKindNames) {
    if (k.name == name) return k.kind;
  }
  return std::nullopt;
}

std::string providerKindNames() {
  std::string names;
  for (const KindName& k : kKindNames) {
    if (!names.empty()) names += ", ";
    names += k.name;
  }
  return names;
}

const ProviderPreset& presetFor(ProviderKind kind) {
  static const ProviderPreset offline{.needsModel = false};
  static const ProviderPreset openAi{.defaultBaseUrl = "https://api.openai.com/v1",
                                     .keyVariable = "OPENAI_API_KEY",
                                     .baseUrlVariable = "OPENAI_BASE_URL",
                                     .needsKey = true,
                                     .reportsStreamUsage = true,
                                     .usesMaxCompletionTokens = true};
  static const ProviderPreset azure{.keyVariable = "AZURE_OPENAI_API_KEY",
                                    .baseUrlVariable = "AZURE_OPENAI_ENDPOINT",
                                    .apiVersionVariable = "OPENAI_API_VERSION",
                                    .defaultApiVersion = "2024-10-21",
                                    .needsKey = true,
                                    .reportsStreamUsage = true};
  static const ProviderPreset openRouter{.defaultBaseUrl = "https://openrouter.ai/api/v1",
                                         .keyVariable = "OPENROUTER_API_KEY",
                                         .needsKey = true,
                                         .reportsStreamUsage = true};
  static const ProviderPreset ollama{.defaultBaseUrl = "http://localhost:11434/v1"};
  static const ProviderPreset llamaCpp{.defaultBaseUrl = "http://localhost:8080/v1",
                                       .needsModel = false};
  static const ProviderPreset vllm{.defaultBaseUrl = "http://localhost:8000/v1",
                                   .reportsStreamUsage = true};
  static const ProviderPreset lmStudio{.defaultBaseUrl = "http://localhost:1234/v1",
                                       .needsModel = false};
  static const ProviderPreset anthropic{.defaultBaseUrl = "https://api.anthropic.com",
                                        .keyVariable = "ANTHROPIC_API_KEY",
                                        .baseUrlVariable = "ANTHROPIC_BASE_URL",
                                        .defaultApiVersion = "2023-06-01",
                                        .needsKey = true};
  switch (kind) {
    case ProviderKind::Offline:
      return offline;
    case ProviderKind::OpenAi:
      return openAi;
    case ProviderKind::Azure:
      return azure;
    case ProviderKind::OpenRouter:
      return openRouter;
    case ProviderKind::Ollama:
      return ollama;
    case ProviderKind::LlamaCpp:
      return llamaCpp;
    case ProviderKind::Vllm:
      return vllm;
    case ProviderKind::LmStudio:
      return lmStudio;
    case ProviderKind::Anthropic:
      return anthropic;
  }
  return offline;
}

std::string displayUrl(std::string_view url) {
  std::size_t end = url.find_first_of("?#");
  if (end != std::string_view::npos) url = url.substr(0, end);
  std::size_t scheme = url.find("://");
  std::size_t hostStart = scheme == std::string_view::npos ? 0 : scheme + 3;
  std::size_t hostEnd = url.find('/', hostStart);
  std::size_t at = url.substr(0, hostEnd).rfind('@');
  if (at == std::string_view::npos || at < hostStart) return std::string(url);
  return std::string(url.substr(0, hostStart)) + std::string(url.substr(at + 1));
}

gloss::Expected<ProviderConfig, std::string> completeAndValidate(ProviderConfig config) {
  const ProviderPreset& preset = presetFor(config.kind);
  if (config.baseUrl.empty()) config.baseUrl = preset.defaultBaseUrl;
  while (config.baseUrl.ends_with('/')) config.baseUrl.pop_back();
  if (config.apiVersion.empty()) config.apiVersion = preset.defaultApiVersion;
  if (auto problem = checkLimits(config)) return gloss::unexpected(*problem);
  if (config.kind == ProviderKind::Offline) return config;
  if (auto problem = checkEndpoint(config, preset)) return gloss::unexpected(*problem);
  return config;
}

json::object describe(const ProviderConfig& config) {
  json::array headerNames;
  for (const auto& header : config.headers) headerNames.emplace_back(header.first);
  json::object out{
      {"provider", toString(config.kind)},
      {"offline", config.kind == ProviderKind::Offline},
      {"baseUrl", displayUrl(config.baseUrl)},
      {"model", config.model},
      {"apiKey", config.apiKey.empty() ? "missing" : "set"},
      {"headers", std::move(headerNames)},
      {"timeouts", json::object{{"connectMs", config.timeouts.connect.count()},
                                {"firstTokenMs", config.timeouts.firstToken.count()},
                                {"idleMs", config.timeouts.idle.count()}}},
      {"maxRetries", config.retry.maxRetries},
      {"maxOutputTokens", config.maxOutputTokens},
  };
  if (!config.apiKey.empty()) out["keySource"] = config.keySource;
  if (!config.apiVersion.empty()) out["apiVersion"] = config.apiVersion;
  if (config.contextLimit) out["contextLimit"] = *config.contextLimit;
  return out;
}

}  // namespace gloss::llm
