#include <gtest/gtest.h>

#include <map>
#include <string>

#include "commands/llm/ConfigSources.h"

namespace gloss::llm {
namespace {

using Env = std::map<std::string, std::string, std::less<>>;

EnvLookup lookupIn(const Env& env) {
  return [&env](std::string_view name) -> std::optional<std::string> {
    auto it = env.find(name);
    if (it == env.end()) return std::nullopt;
    return it->second;
  };
}

// Resolves CLI flags > settings > environment, as the server does.
gloss::Expected<ProviderConfig, std::string> resolve(std::vector<std::string> args,
                                                     const json::value& settings, const Env& env) {
  auto cli = takeCliFlags(args);
  auto fromSettings = layerFromSettings(settings);
  auto fromEnv = layerFromEnvironment(lookupIn(env));
  EXPECT_TRUE(cli.ok() && fromSettings.ok() && fromEnv.ok());
  return resolveProviderConfig({*cli, *fromSettings, *fromEnv}, lookupIn(env));
}

ProviderConfig resolveOk(std::vector<std::string> args, const json::value& settings,
                         const Env& env) {
  auto config = resolve(std::move(args), settings, env);
  EXPECT_TRUE(config.ok()) << config.error();
  return config.ok() ? config.value() : ProviderConfig{};
}

std::string resolveError(std::vector<std::string> args, const json::value& settings,
                         const Env& env) {
  auto config = resolve(std::move(args), settings, env);
  EXPECT_FALSE(config.ok());
  return config.ok() ? std::string() : config.error();
}

TEST(LlmConfigTest, NothingConfiguredMeansOffline) {
  ProviderConfig config = resolveOk({}, nullptr, {});
  EXPECT_EQ(config.kind, ProviderKind::Offline);
  EXPECT_EQ(describe(config).at("provider"), "offline");
  EXPECT_EQ(describe(config).at("offline"), true);
}

TEST(LlmConfigTest, AKeyAloneDoesNotSelectAProvider) {
  ProviderConfig config = resolveOk({}, nullptr, {{"OPENAI_API_KEY", "sk-x"}});
  EXPECT_EQ(config.kind, ProviderKind::Offline);
  EXPECT_TRUE(config.apiKey.empty());
}

TEST(LlmConfigTest, EnvironmentSelectsAProviderAndItsVendorKey) {
  ProviderConfig config = resolveOk(
      {}, nullptr,
      {{"GLOSS_PROVIDER", "openai"}, {"GLOSS_MODEL", "gpt-4o"}, {"OPENAI_API_KEY", "sk-x"}});
  EXPECT_EQ(config.kind, ProviderKind::OpenAi);
  EXPECT_EQ(config.baseUrl, "https://api.openai.com/v1");
  EXPECT_EQ(config.model, "gpt-4o");
  EXPECT_EQ(config.apiKey, "sk-x");
  EXPECT_EQ(config.keySource, "OPENAI_API_KEY");
}

TEST(LlmConfigTest, GlossApiKeyWinsOverTheVendorVariable) {
  ProviderConfig config = resolveOk({}, nullptr,
                                    {{"GLOSS_PROVIDER", "anthropic"},
                                     {"GLOSS_MODEL", "claude-x"},
                                     {"GLOSS_API_KEY", "generic"},
                                     {"ANTHROPIC_API_KEY", "vendor"}});
  EXPECT_EQ(config.apiKey, "generic");
  EXPECT_EQ(config.keySource, "GLOSS_API_KEY");
  EXPECT_EQ(config.apiVersion, "2023-06-01");
}

TEST(LlmConfigTest, ABaseUrlAloneMeansAnOpenAiCompatibleServerThatNeedsNoKey) {
  ProviderConfig config = resolveOk(
      {}, nullptr, {{"GLOSS_BASE_URL", "http://127.0.0.1:8080/v1/"}, {"GLOSS_MODEL", "m"}});
  EXPECT_EQ(config.kind, ProviderKind::OpenAi);
  EXPECT_EQ(config.baseUrl, "http://127.0.0.1:8080/v1");
  EXPECT_TRUE(config.apiKey.empty());
}

TEST(LlmConfigTest, FlagsBeatSettingsWhichBeatTheEnvironmentFieldByField) {
  json::value settings = {{"llm", {{"model", "from-settings"}, {"contextLimit", 9000}}}};
  Env env{{"GLOSS_PROVIDER", "ollama"},
          {"GLOSS_MODEL", "from-env"},
          {"GLOSS_CONTEXT_LIMIT", "7000"},
          {"GLOSS_MAX_OUTPUT_TOKENS", "500"}};
  ProviderConfig config = resolveOk({"--model", "from-flag"}, settings, env);
  EXPECT_EQ(config.kind, ProviderKind::Ollama);
  EXPECT_EQ(config.model, "from-flag");
  EXPECT_EQ(config.contextLimit, 9000);
  EXPECT_EQ(config.maxOutputTokens, 500);
  EXPECT_EQ(config.baseUrl, "http://localhost:11434/v1");
}

TEST(LlmConfigTest, ASourceNamingAnotherProviderContributesNothing) {
  Env env{{"GLOSS_PROVIDER", "anthropic"}, {"GLOSS_MODEL", "claude-x"}, {"GLOSS_MAX_RETRIES", "7"}};
  json::value settings = {{"provider", "ollama"}, {"model", "llama3.1"}};
  ProviderConfig config = resolveOk({}, settings, env);
  EXPECT_EQ(config.kind, ProviderKind::Ollama);
  EXPECT_EQ(config.model, "llama3.1");
  EXPECT_EQ(config.retry.maxRetries, RetryPolicy{}.maxRetries);

  std::string error = resolveError({}, json::value{{"provider", "ollama"}}, env);
  EXPECT_NE(error.find("needs a model"), std::string::npos) << error;
}

TEST(LlmConfigTest, SettingsMayBeFlatOrNestedUnderLlmOrGloss) {
  Env env{{"GLOSS_PROVIDER", "vllm"}};
  EXPECT_EQ(resolveOk({}, {{"model", "flat"}}, env).model, "flat");
  EXPECT_EQ(resolveOk({}, {{"llm", {{"model", "nested"}}}}, env).model, "nested");
  EXPECT_EQ(resolveOk({}, {{"gloss", {{"llm", {{"model", "deep"}}}}}}, env).model, "deep");
}

TEST(LlmConfigTest, EmptySettingsStringsMeanUnset) {
  Env env{{"GLOSS_PROVIDER", "vllm"}, {"GLOSS_MODEL", "from-env"}};
  json::value settings = {{"provider", ""}, {"model", ""}, {"baseUrl", ""}};
  ProviderConfig config = resolveOk({}, settings, env);
  EXPECT_EQ(config.kind, ProviderKind::Vllm);
  EXPECT_EQ(config.model, "from-env");
}

TEST(LlmConfigTest, ReadsHeadersAndTimeoutsFromSettings) {
  json::value settings = {
      {"llm",
       {{"provider", "openrouter"},
        {"model", "anthropic/claude-3.5-sonnet"},
        {"apiKey", "k"},
        {"headers", {{"HTTP-Referer", "https://example.org"}}},
        {"timeouts", {{"connectMs", 1000}, {"firstTokenMs", 2000}, {"idleMs", 3000}}},
        {"maxRetries", 0}}}};
  ProviderConfig config = resolveOk({}, settings, {});
  EXPECT_EQ(config.keySource, "settings");
  ASSERT_EQ(config.headers.size(), 1u);
  EXPECT_EQ(config.headers[0].first, "HTTP-Referer");
  EXPECT_EQ(config.timeouts.connect.count(), 1000);
  EXPECT_EQ(config.timeouts.firstToken.count(), 2000);
  EXPECT_EQ(config.timeouts.idle.count(), 3000);
  EXPECT_EQ(config.retry.maxRetries, 0);
}

TEST(LlmConfigTest, BadSettingsAreClearSentencesThatNeverEchoAKey) {
  auto error = [](const json::value& settings) {
    auto layer = layerFromSettings(settings);
    EXPECT_FALSE(layer.ok());
    return layer.ok() ? std::string() : layer.error();
  };
  std::string unknown = error({{"llm", {{"provider", "gpt"}}}});
  EXPECT_NE(unknown.find("llm.provider \"gpt\" is not a provider"), std::string::npos) << unknown;
  EXPECT_NE(unknown.find("anthropic"), std::string::npos) << unknown;
  EXPECT_NE(error({{"timeouts", {{"idleMs", -5}}}}).find("timeouts.idleMs must be a positive"),
            std::string::npos);
  EXPECT_NE(error({{"headers", {{"X", 1}}}}).find("headers must map"), std::string::npos);
  std::string key = error({{"apiKey", json::array{"sk-secret-value"}}});
  EXPECT_NE(key.find("apiKey must be a string"), std::string::npos) << key;
  EXPECT_EQ(key.find("sk-secret"), std::string::npos) << key;
}

TEST(LlmConfigTest, BadEnvironmentValuesNameTheVariable) {
  auto layer = layerFromEnvironment(lookupIn(Env{{"GLOSS_CONTEXT_LIMIT", "lots"}}));
  ASSERT_FALSE(layer.ok());
  EXPECT_EQ(layer.error(),
            "GLOSS_CONTEXT_LIMIT must be a positive number of tokens (it is \"lots\").");
  EXPECT_FALSE(layerFromEnvironment(lookupIn(Env{{"GLOSS_PROVIDER", "nope"}})).ok());
  EXPECT_FALSE(layerFromEnvironment(lookupIn(Env{{"GLOSS_MAX_RETRIES", "11"}})).ok());
}

TEST(LlmConfigTest, TakesProviderFlagsAndLeavesTheRest) {
  std::vector<std::string> args{
      "serve",           "--provider",        "ollama", "--log-level", "debug",
      "--model=qwen2.5", "--idle-timeout-ms", "1500"};
  auto layer = takeCliFlags(args);
  ASSERT_TRUE(layer.ok()) << layer.error();
  EXPECT_EQ(args, (std::vector<std::string>{"serve", "--log-level", "debug"}));
  EXPECT_EQ(layer->kind, ProviderKind::Ollama);
  EXPECT_EQ(layer->model, "qwen2.5");
  EXPECT_EQ(layer->idleTimeoutMs, 1500);
}

TEST(LlmConfigTest, RejectsFlagsWithoutValuesAndAnyApiKeyFlag) {
  std::vector<std::string> missing{"--model"};
  auto layer = takeCliFlags(missing);
  ASSERT_FALSE(layer.ok());
  EXPECT_EQ(layer.error(), "--model needs a value.");
  std::vector<std::string> key{"--api-key=sk-secret"};
  layer = takeCliFlags(key);
  ASSERT_FALSE(layer.ok());
  EXPECT_NE(layer.error().find("visible to every user"), std::string::npos);
  EXPECT_EQ(layer.error().find("sk-secret"), std::string::npos);
}

TEST(LlmConfigTest, ValidationNamesWhatToSet) {
  std::string key = resolveError({}, nullptr, {{"GLOSS_PROVIDER", "openai"}, {"GLOSS_MODEL", "m"}});
  EXPECT_NE(key.find("OPENAI_API_KEY"), std::string::npos) << key;
  std::string model = resolveError({}, nullptr, {{"GLOSS_PROVIDER", "anthropic"}});
  EXPECT_NE(model.find("GLOSS_MODEL"), std::string::npos) << model;
  std::string azure =
      resolveError({}, nullptr, {{"GLOSS_PROVIDER", "azure"}, {"GLOSS_MODEL", "d"}});
  EXPECT_NE(azure.find("AZURE_OPENAI_ENDPOINT"), std::string::npos) << azure;
  std::string scheme =
      resolveError({"--base-url", "ftp://host"}, nullptr, {{"GLOSS_PROVIDER", "vllm"}});
  EXPECT_NE(scheme.find("must start with http"), std::string::npos) << scheme;
  std::string window = resolveError({"--context-limit", "100", "--max-output-tokens", "200"},
                                    nullptr, {{"GLOSS_PROVIDER", "llamacpp"}});
  EXPECT_NE(window.find("must be larger"), std::string::npos) << window;
}

TEST(LlmConfigTest, RefusesHeadersThatWouldInjectLines) {
  json::value settings = {{"provider", "llamacpp"}, {"headers", {{"X-A", "ok\r\nX-B: evil"}}}};
  std::string error = resolveError({}, settings, {});
  EXPECT_NE(error.find("X-A"), std::string::npos) << error;
}

TEST(LlmConfigTest, AzureReadsItsVendorVariables) {
  ProviderConfig config = resolveOk({}, nullptr,
                                    {{"GLOSS_PROVIDER", "azure"},
                                     {"GLOSS_MODEL", "my-deployment"},
                                     {"AZURE_OPENAI_ENDPOINT", "https://res.openai.azure.com/"},
                                     {"AZURE_OPENAI_API_KEY", "az"},
                                     {"OPENAI_API_VERSION", "2024-06-01"}});
  EXPECT_EQ(config.baseUrl, "https://res.openai.azure.com");
  EXPECT_EQ(config.apiKey, "az");
  EXPECT_EQ(config.apiVersion, "2024-06-01");
}

TEST(LlmConfigTest, DescribeNeverHoldsTheKeyOrHeaderValues) {
  json::value settings = {{"provider", "openai"},
                          {"model", "gpt-4o"},
                          {"apiKey", "sk-very-secret-key-123456"},
                          {"baseUrl", "https://user:pass@proxy.example/v1?token=abc"},
                          {"headers", {{"X-Secret", "header-secret"}}}};
  json::object status = describe(resolveOk({}, settings, {}));
  std::string text = json::serialize(status);
  EXPECT_EQ(text.find("sk-very-secret"), std::string::npos) << text;
  EXPECT_EQ(text.find("header-secret"), std::string::npos) << text;
  EXPECT_EQ(text.find("pass"), std::string::npos) << text;
  EXPECT_EQ(text.find("token=abc"), std::string::npos) << text;
  EXPECT_EQ(status.at("apiKey"), "set");
  EXPECT_EQ(status.at("keySource"), "settings");
  EXPECT_EQ(status.at("baseUrl"), "https://proxy.example/v1");
  EXPECT_EQ(status.at("headers"), json::array{"X-Secret"});
}

TEST(LlmConfigTest, DisplayUrlDropsCredentialsQueryAndFragment) {
  EXPECT_EQ(displayUrl("https://u:p@h.example:8443/v1?key=1#x"), "https://h.example:8443/v1");
  EXPECT_EQ(displayUrl("http://127.0.0.1:8080/v1"), "http://127.0.0.1:8080/v1");
  EXPECT_EQ(displayUrl("http://h/a@b"), "http://h/a@b");
}

}  // namespace
}  // namespace gloss::llm
