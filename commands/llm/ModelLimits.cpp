#include "commands/llm/ModelLimits.h"

#include <algorithm>
#include <cctype>
#include <string>

namespace gloss::llm {

namespace {

struct ModelWindow {
  std::string_view prefix;
  int tokens;
};

// Published context windows; the longest matching prefix wins, so "gpt-4o" beats "gpt-4".
constexpr ModelWindow kModelWindows[] = {
    {"gpt-5", 400'000},      {"gpt-4.1", 1'047'576},    {"gpt-4o", 128'000},
    {"chatgpt-4o", 128'000}, {"gpt-4-turbo", 128'000},  {"gpt-4-32k", 32'768},
    {"gpt-4", 8'192},        {"gpt-3.5-turbo", 16'385}, {"o1", 200'000},
    {"o1-mini", 128'000},    {"o3", 200'000},           {"o4-mini", 200'000},
    {"claude-", 200'000},    {"gemini-1.5", 1'048'576}, {"gemini-2", 1'048'576},
    {"llama3.1", 131'072},   {"llama3.2", 131'072},     {"llama3.3", 131'072},
    {"llama-3.1", 131'072},  {"llama-3.2", 131'072},    {"llama-3.3", 131'072},
    {"llama3", 8'192},       {"llama-3", 8'192},        {"qwen2.5", 32'768},
    {"qwen3", 32'768},       {"mistral", 32'768},       {"mixtral", 32'768},
    {"deepseek", 65'536},    {"gemma2", 8'192},         {"gemma3", 131'072},
};

// Ollama's OpenAI endpoint cannot set the window per request; the server's num_ctx applies.
constexpr int kOllamaAssumedWindow = 4096;

constexpr int kTokensPerMessage = 4;  // role and separators in the provider's chat template

std::string modelBaseName(std::string_view model) {
  std::size_t slash = model.rfind('/');
  if (slash != std::string_view::npos) model.remove_prefix(slash + 1);
  std::string name(model);
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return name;
}

}  // namespace

int modelContextLimit(std::string_view model) {
  std::string name = modelBaseName(model);
  std::size_t bestLength = 0;
  int tokens = kUnknownModelContextLimit;
  for (const ModelWindow& window : kModelWindows) {
    if (name.starts_with(window.prefix) && window.prefix.size() > bestLength) {
      bestLength = window.prefix.size();
      tokens = window.tokens;
    }
  }
  return tokens;
}

int effectiveContextLimit(const ProviderConfig& config) {
  if (config.contextLimit) return *config.contextLimit;
  int tokens = modelContextLimit(config.model);
  if (config.kind == ProviderKind::Ollama) tokens = std::min(tokens, kOllamaAssumedWindow);
  return tokens;
}

ProviderConfig withPromptCap(ProviderConfig config, int maxPromptTokens) {
  int limit = effectiveContextLimit(config);
  if (maxPromptTokens > 0 && limit - config.maxOutputTokens > maxPromptTokens)
    config.contextLimit = maxPromptTokens + config.maxOutputTokens;
  return config;
}

int estimateTokens(std::string_view text) {
  return static_cast<int>((text.size() + 3) / 4);
}

int estimatePromptTokens(const ChatRequest& request) {
  int tokens = estimateTokens(request.system) + kTokensPerMessage;
  for (const ChatMessage& message : request.messages)
    tokens += estimateTokens(message.content) + kTokensPerMessage;
  return tokens;
}

}  // namespace gloss::llm
