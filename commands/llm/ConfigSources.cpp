#include "commands/llm/ConfigSources.h"

#include <charconv>
#include <climits>
#include <cstdlib>

namespace gloss::llm {

namespace {

struct TextField {
  std::string_view setting, variable, flag;
  std::optional<std::string> ConfigLayer::*member;
};

constexpr TextField kTextFields[] = {
    {"baseUrl", "GLOSS_BASE_URL", "--base-url", &ConfigLayer::baseUrl},
    {"model", "GLOSS_MODEL", "--model", &ConfigLayer::model},
    {"apiKey", "GLOSS_API_KEY", "", &ConfigLayer::apiKey},
    {"apiVersion", "GLOSS_API_VERSION", "--api-version", &ConfigLayer::apiVersion},
};

struct NumberField {
  std::string_view setting, variable, flag;
  std::optional<int> ConfigLayer::*member;
  int min, max;
  const char* meaning;
};

constexpr const char* kTokens = "a positive number of tokens";
constexpr const char* kMillis = "a positive number of milliseconds";
constexpr NumberField kNumberFields[] = {
    {"contextLimit", "GLOSS_CONTEXT_LIMIT", "--context-limit", &ConfigLayer::contextLimit, 1,
     INT_MAX, kTokens},
    {"maxOutputTokens", "GLOSS_MAX_OUTPUT_TOKENS", "--max-output-tokens",
     &ConfigLayer::maxOutputTokens, 1, INT_MAX, kTokens},
    {"maxRetries", "GLOSS_MAX_RETRIES", "--max-retries", &ConfigLayer::maxRetries, 0, 10,
     "a number of retries from 0 to 10"},
    {"timeouts.connectMs", "GLOSS_CONNECT_TIMEOUT_MS", "--connect-timeout-ms",
     &ConfigLayer::connectTimeoutMs, 1, INT_MAX, kMillis},
    {"timeouts.firstTokenMs", "GLOSS_FIRST_TOKEN_TIMEOUT_MS", "--first-token-timeout-ms",
     &ConfigLayer::firstTokenTimeoutMs, 1, INT_MAX, kMillis},
    {"timeouts.idleMs", "GLOSS_IDLE_TIMEOUT_MS", "--idle-timeout-ms", &ConfigLayer::idleTimeoutMs,
     1, INT_MAX, kMillis},
};

constexpr std::string_view kProviderSetting = "provider", kProviderVariable = "GLOSS_PROVIDER",
                           kProviderFlag = "--provider";

using Problem = std::optional<std::string>;

Problem parseKind(std::string_view text, const std::string& source, ConfigLayer& out) {
  auto kind = parseProviderKind(text);
  if (!kind)
    return source + " \"" + std::string(text) +
           "\" is not a provider; expected one of: " + providerKindNames() + ".";
  out.kind = kind;
  return std::nullopt;
}

Problem parseNumber(std::string_view text, const NumberField& field, const std::string& source,
                    ConfigLayer& out) {
  long long value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < field.min ||
      value > field.max)
    return source + " must be " + field.meaning + " (it is \"" + std::string(text) + "\").";
  out.*field.member = static_cast<int>(value);
  return std::nullopt;
}

// `obj.at("a.b")` for a dotted path; null when any step is missing.
const json::value* findPath(const json::object& obj, std::string_view path) {
  std::size_t dot = path.find('.');
  const json::value* v = obj.if_contains(path.substr(0, dot));
  if (!v || dot == std::string_view::npos) return v;
  const json::object* inner = v->if_object();
  return inner ? findPath(*inner, path.substr(dot + 1)) : nullptr;
}

bool isUnset(const json::value& v) {
  return v.is_null() || (v.is_string() && v.get_string().empty());
}

Problem readSettingsHeaders(const json::object& obj, const std::string& prefix, ConfigLayer& out) {
  const json::value* v = obj.if_contains("headers");
  if (!v || v->is_null()) return std::nullopt;
  std::string problem = "The setting " + prefix + "headers must map header names to strings.";
  if (!v->is_object()) return problem;
  HeaderList headers;
  for (const auto& [name, value] : v->get_object()) {
    if (!value.is_string()) return problem;
    headers.emplace_back(std::string(name), std::string(value.get_string()));
  }
  out.headers = std::move(headers);
  return std::nullopt;
}

Problem readSettingsNumbers(const json::object& obj, const std::string& prefix, ConfigLayer& out) {
  for (const NumberField& field : kNumberFields) {
    const json::value* v = findPath(obj, field.setting);
    if (!v || isUnset(*v)) continue;
    std::string source = "The setting " + prefix + std::string(field.setting);
    if (!v->is_int64() && !v->is_uint64()) return source + " must be " + field.meaning + ".";
    if (auto problem = parseNumber(json::serialize(*v), field, source, out)) return problem;
  }
  return std::nullopt;
}

Problem readSettings(const json::object& obj, const std::string& prefix, ConfigLayer& out) {
  if (const json::value* v = obj.if_contains(kProviderSetting); v && !isUnset(*v)) {
    std::string source = "The setting " + prefix + std::string(kProviderSetting);
    if (!v->is_string()) return source + " must be a string.";
    if (auto problem = parseKind(v->get_string(), source, out)) return problem;
  }
  for (const TextField& field : kTextFields) {
    const json::value* v = obj.if_contains(field.setting);
    if (!v || isUnset(*v)) continue;
    if (!v->is_string())
      return "The setting " + prefix + std::string(field.setting) + " must be a string.";
    out.*field.member = std::string(v->get_string());
  }
  if (auto problem = readSettingsHeaders(obj, prefix, out)) return problem;
  return readSettingsNumbers(obj, prefix, out);
}

// The value of `flag` at args[i] (`--flag value` or `--flag=value`); `consumed` is how many
// arguments it took, 0 when args[i] is another flag.
std::optional<std::string> flagValue(const std::vector<std::string>& args, std::size_t i,
                                     std::string_view flag, std::size_t& consumed) {
  std::string_view arg = args[i];
  consumed = 0;
  if (arg == flag) {
    consumed = i + 1 < args.size() ? 2 : 1;
    return consumed == 2 ? std::optional(args[i + 1]) : std::nullopt;
  }
  if (arg.size() > flag.size() && arg.starts_with(flag) && arg[flag.size()] == '=') {
    consumed = 1;
    return std::string(arg.substr(flag.size() + 1));
  }
  return std::nullopt;
}

// Applies args[i] if it is a provider flag; returns how many arguments it took (0: not ours).
gloss::Expected<std::size_t, std::string> applyFlag(const std::vector<std::string>& args,
                                                    std::size_t i, ConfigLayer& out) {
  std::size_t consumed = 0;
  auto take = [&](std::string_view flag) { return flagValue(args, i, flag, consumed); };
  auto missing = [&](std::string_view flag) {
    return gloss::unexpected(std::string(flag) + " needs a value.");
  };
  if (args[i] == "--api-key" || args[i].starts_with("--api-key="))
    return gloss::unexpected(std::string(
        "--api-key is not accepted because a command line is visible to every user of the "
        "machine; set GLOSS_API_KEY or the provider's key variable instead."));
  if (auto value = take(kProviderFlag); consumed) {
    if (!value) return missing(kProviderFlag);
    if (auto problem = parseKind(*value, std::string(kProviderFlag), out))
      return gloss::unexpected(*problem);
    return consumed;
  }
  for (const TextField& field : kTextFields) {
    if (field.flag.empty()) continue;
    auto value = take(field.flag);
    if (!consumed) continue;
    if (!value) return missing(field.flag);
    out.*field.member = *value;
    return consumed;
  }
  for (const NumberField& field : kNumberFields) {
    auto value = take(field.flag);
    if (!consumed) continue;
    if (!value) return missing(field.flag);
    if (auto problem = parseNumber(*value, field, std::string(field.flag), out))
      return gloss::unexpected(*problem);
    return consumed;
  }
  return std::size_t{0};
}

ProviderKind chooseKind(const std::vector<ConfigLayer>& layers) {
  for (const ConfigLayer& layer : layers) {
    if (layer.kind) return *layer.kind;
  }
  // A base URL with no provider named means an OpenAI-compatible server.
  for (const ConfigLayer& layer : layers) {
    if (layer.baseUrl) return ProviderKind::OpenAi;
  }
  return ProviderKind::Offline;
}

// The highest layer that sets `member`, or null.
template <typename T>
const ConfigLayer* highestSetting(const std::vector<const ConfigLayer*>& layers,
                                  std::optional<T> ConfigLayer::*member) {
  for (const ConfigLayer* layer : layers) {
    if (layer->*member) return layer;
  }
  return nullptr;
}

template <typename T>
void pick(const std::vector<const ConfigLayer*>& layers, std::optional<T> ConfigLayer::*member,
          T& out) {
  if (const ConfigLayer* layer = highestSetting(layers, member)) out = *(layer->*member);
}

void pickMillis(const std::vector<const ConfigLayer*>& layers,
                std::optional<int> ConfigLayer::*member, std::chrono::milliseconds& out) {
  if (const ConfigLayer* layer = highestSetting(layers, member))
    out = std::chrono::milliseconds(*(layer->*member));
}

void pickKey(const std::vector<const ConfigLayer*>& layers, const ProviderPreset& preset,
             const EnvLookup& env, ProviderConfig& out) {
  if (const ConfigLayer* layer = highestSetting(layers, &ConfigLayer::apiKey)) {
    out.apiKey = *layer->apiKey;
    out.keySource = layer->origin == "environment" ? "GLOSS_API_KEY" : layer->origin;
    return;
  }
  if (preset.keyVariable.empty()) return;
  if (auto key = env(preset.keyVariable); key && !key->empty()) {
    out.apiKey = *key;
    out.keySource = preset.keyVariable;
  }
}

// A vendor variable (AZURE_OPENAI_ENDPOINT, ...) for a field no layer set.
void fillFromVendorVariable(std::string_view variable, const EnvLookup& env, std::string& out) {
  if (!out.empty() || variable.empty()) return;
  if (auto value = env(variable); value && !value->empty()) out = *value;
}

}  // namespace

gloss::Expected<ProviderConfig, std::string> resolveProviderConfig(
    const std::vector<ConfigLayer>& layers, const EnvLookup& env) {
  ProviderConfig config;
  config.kind = chooseKind(layers);
  std::vector<const ConfigLayer*> agreeing;
  for (const ConfigLayer& layer : layers) {
    if (!layer.kind || *layer.kind == config.kind) agreeing.push_back(&layer);
  }
  const ProviderPreset& preset = presetFor(config.kind);
  pick(agreeing, &ConfigLayer::baseUrl, config.baseUrl);
  pick(agreeing, &ConfigLayer::model, config.model);
  pick(agreeing, &ConfigLayer::apiVersion, config.apiVersion);
  pick(agreeing, &ConfigLayer::headers, config.headers);
  pick(agreeing, &ConfigLayer::maxRetries, config.retry.maxRetries);
  pick(agreeing, &ConfigLayer::maxOutputTokens, config.maxOutputTokens);
  if (const ConfigLayer* layer = highestSetting(agreeing, &ConfigLayer::contextLimit))
    config.contextLimit = layer->contextLimit;
  pickMillis(agreeing, &ConfigLayer::connectTimeoutMs, config.timeouts.connect);
  pickMillis(agreeing, &ConfigLayer::firstTokenTimeoutMs, config.timeouts.firstToken);
  pickMillis(agreeing, &ConfigLayer::idleTimeoutMs, config.timeouts.idle);
  fillFromVendorVariable(preset.baseUrlVariable, env, config.baseUrl);
  fillFromVendorVariable(preset.apiVersionVariable, env, config.apiVersion);
  if (config.kind != ProviderKind::Offline) pickKey(agreeing, preset, env, config);
  return completeAndValidate(std::move(config));
}

EnvLookup processEnvironment() {
  return [](std::string_view name) -> std::optional<std::string> {
    const char* value = std::getenv(std::string(name).c_str());
    if (!value) return std::nullopt;
    return std::string(value);
  };
}

gloss::Expected<ConfigLayer, std::string> layerFromSettings(const json::value& settings) {
  ConfigLayer layer;
  layer.origin = "settings";
  const json::object* obj = settings.if_object();
  if (!obj) return layer;
  if (const json::value* gloss = obj->if_contains("gloss"); gloss && gloss->is_object())
    obj = &gloss->get_object();
  std::string prefix;
  if (const json::value* llm = obj->if_contains("llm"); llm && llm->is_object()) {
    obj = &llm->get_object();
    prefix = "llm.";
  }
  if (auto problem = readSettings(*obj, prefix, layer)) return gloss::unexpected(*problem);
  return layer;
}

gloss::Expected<ConfigLayer, std::string> layerFromEnvironment(const EnvLookup& env) {
  ConfigLayer layer;
  layer.origin = "environment";
  auto read = [&](std::string_view name) {
    std::optional<std::string> value = env(name);
    return value && !value->empty() ? value : std::nullopt;
  };
  if (auto value = read(kProviderVariable)) {
    if (auto problem = parseKind(*value, std::string(kProviderVariable), layer))
      return gloss::unexpected(*problem);
  }
  for (const TextField& field : kTextFields) {
    if (auto value = read(field.variable)) layer.*field.member = *value;
  }
  for (const NumberField& field : kNumberFields) {
    auto value = read(field.variable);
    if (!value) continue;
    if (auto problem = parseNumber(*value, field, std::string(field.variable), layer))
      return gloss::unexpected(*problem);
  }
  return layer;
}

gloss::Expected<ConfigLayer, std::string> takeCliFlags(std::vector<std::string>& args) {
  ConfigLayer layer;
  layer.origin = "command line";
  std::vector<std::string> rest;
  for (std::size_t i = 0; i < args.size();) {
    auto consumed = applyFlag(args, i, layer);
    if (!consumed) return gloss::unexpected(std::move(consumed).error());
    if (*consumed == 0) rest.push_back(args[i]);
    i += std::max<std::size_t>(*consumed, 1);
  }
  args = std::move(rest);
  return layer;
}

}  // namespace gloss::llm
