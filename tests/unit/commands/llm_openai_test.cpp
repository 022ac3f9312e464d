// The OpenAI-compatible provider against the loopback server: what it sends, how it reads
// streamed and whole answers.
#include <thread>

#include "commands/llm/ModelLimits.h"
#include "llm_provider_fixture.h"

namespace gloss::llm::test {
namespace {

class LlmOpenAiTest : public LlmServerTest {};

TEST_F(LlmOpenAiTest, DeltasArriveInOrderAndBeforeTheStreamEnds) {
  // The server sends "Hello", then waits until the test has seen it before sending the rest:
  // if deltas were held back until the end, the release would only come from the server's
  // own 10 s fallback.
  server().script(json::array{{{"waitForReleaseAfter", 1}}});
  auto provider = makeProvider(configFor(ProviderKind::OpenAi));
  std::vector<std::string> deltas;
  ChatResult result = provider->chat(
      simpleRequest(),
      [&](std::string_view text) {
        deltas.emplace_back(text);
        if (deltas.size() == 1) server().release();
      },
      nullptr);
  EXPECT_EQ(deltas, (std::vector<std::string>{"Hello", ", ", "world", "!"}));
  EXPECT_EQ(result.text, "Hello, world!");
  EXPECT_EQ(server().requests()[0].at("released"), "client");
  EXPECT_TRUE(result.complete);
  EXPECT_FALSE(result.error);
  EXPECT_EQ(result.finishReason, "stop");
  EXPECT_EQ(result.model, "test-model");
  EXPECT_EQ(result.attempts, 1);
  ASSERT_TRUE(result.firstToken);
  EXPECT_LE(*result.firstToken, result.total);
}

TEST_F(LlmOpenAiTest, SendsTheRightRequestWithTheKeyOnlyInItsHeader) {
  auto provider = makeProvider(configFor(ProviderKind::OpenAi));
  ChatRequest request = simpleRequest();
  request.messages.push_back({"assistant", "Hi."});
  request.messages.push_back({"user", "Again"});
  request.temperature = 0.25;
  provider->chat(request, nullptr, nullptr);
  json::array requests = server().requests();
  ASSERT_EQ(requests.size(), 1u);
  const json::value& sent = requests[0];
  EXPECT_EQ(sent.at("method"), "POST");
  EXPECT_EQ(sent.at("url"), "/v1/chat/completions");
  EXPECT_EQ(headerOf(sent, "authorization"), "Bearer " + std::string(kTestKey));
  EXPECT_EQ(headerOf(sent, "content-type"), "application/json");
  EXPECT_EQ(headerOf(sent, "accept"), "text/event-stream");
  json::value expectedBody = {
      {"model", "test-model"},
      {"messages", json::array{{{"role", "system"}, {"content", "You are terse."}},
                               {{"role", "user"}, {"content", "Say hello"}},
                               {{"role", "assistant"}, {"content", "Hi."}},
                               {{"role", "user"}, {"content", "Again"}}}},
      {"stream", true},
      {"max_completion_tokens", 1024},
      {"temperature", 0.25},
      {"stream_options", {{"include_usage", true}}}};
  EXPECT_EQ(sent.at("json"), expectedBody);
  // The key appears exactly once in everything that was sent: in the Authorization header.
  std::string everything = json::serialize(sent);
  std::size_t first = everything.find(kTestKey);
  ASSERT_NE(first, std::string::npos);
  EXPECT_EQ(everything.find(kTestKey, first + 1), std::string::npos);
}

TEST_F(LlmOpenAiTest, UsesTheProvidersUsageWhenItReportsOne) {
  ChatResult result =
      makeProvider(configFor(ProviderKind::OpenAi))->chat(simpleRequest(), nullptr, nullptr);
  EXPECT_FALSE(result.usage.estimated);
  EXPECT_EQ(result.usage.promptTokens, 17);
  EXPECT_EQ(result.usage.completionTokens, 4);
}

TEST_F(LlmOpenAiTest, EstimatesUsageWhenTheServerReportsNone) {
  // The Ollama preset does not ask for usage, and the server sends none.
  ChatResult result =
      makeProvider(configFor(ProviderKind::Ollama))->chat(simpleRequest(), nullptr, nullptr);
  EXPECT_EQ(result.text, "Hello, world!");
  EXPECT_TRUE(result.usage.estimated);
  EXPECT_GT(result.usage.promptTokens, 0);
  EXPECT_EQ(result.usage.completionTokens, estimateTokens("Hello, world!"));
  json::value body = server().requests()[0].at("json");
  EXPECT_FALSE(body.as_object().contains("stream_options"));
  EXPECT_EQ(body.at("max_tokens"), 1024);
}

TEST_F(LlmOpenAiTest, ReadsAWholeJsonAnswerFromAServerThatIgnoresStream) {
  server().script(json::array{{{"mode", "json"}, {"chunks", {"One ", "piece"}}}});
  DeltaLog log;
  ChatResult result =
      makeProvider(configFor(ProviderKind::Vllm))->chat(simpleRequest(), log.sink(), nullptr);
  EXPECT_EQ(result.text, "One piece");
  EXPECT_EQ(log.deltas, std::vector<std::string>{"One piece"});
  EXPECT_TRUE(result.complete);
  EXPECT_FALSE(result.error);
  EXPECT_EQ(result.usage.completionTokens, 2);
  EXPECT_FALSE(result.usage.estimated);
}

TEST_F(LlmOpenAiTest, ReadsStreamsWithCrlfMultiLineDataAndEventsSplitAcrossReads) {
  server().script(json::array{{{"crlf", true}, {"multiLineData", true}, {"splitBytes", 7}}});
  ChatResult result =
      makeProvider(configFor(ProviderKind::OpenAi))->chat(simpleRequest(), nullptr, nullptr);
  EXPECT_EQ(result.text, "Hello, world!");
  EXPECT_TRUE(result.complete);
  EXPECT_FALSE(result.error) << result.error->message;
}

TEST_F(LlmOpenAiTest, WaitsThroughKeepAlivesBeforeTheFirstToken) {
  server().script(json::array{{{"keepAliveMs", 400}}});
  ChatResult result =
      makeProvider(configFor(ProviderKind::OpenRouter))->chat(simpleRequest(), nullptr, nullptr);
  EXPECT_EQ(result.text, "Hello, world!");
  EXPECT_EQ(headerOf(server().requests()[0], "x-title"), "gloss");
}

TEST_F(LlmOpenAiTest, AzureUsesTheDeploymentUrlApiVersionAndApiKeyHeader) {
  ProviderConfig config = configFor(ProviderKind::Azure);
  config.model = "my deployment";
  ChatResult result = makeProvider(config)->chat(simpleRequest(), nullptr, nullptr);
  EXPECT_EQ(result.text, "Hello, world!");
  json::value sent = server().requests()[0];
  EXPECT_EQ(sent.at("url"),
            "/openai/deployments/my%20deployment/chat/completions?api-version=2024-10-21");
  EXPECT_EQ(headerOf(sent, "api-key"), kTestKey);
  EXPECT_EQ(headerOf(sent, "authorization"), "");
}

TEST_F(LlmOpenAiTest, LeavesOutAnEmptyModelAndSendsExtraHeaders) {
  ProviderConfig config = configFor(ProviderKind::LlamaCpp);
  config.model.clear();
  config.apiKey.clear();
  config.headers = {{"X-Team", "docs"}, {"accept", "application/x-ndjson, text/event-stream"}};
  makeProvider(config)->chat(simpleRequest(), nullptr, nullptr);
  json::value sent = server().requests()[0];
  EXPECT_FALSE(sent.at("json").as_object().contains("model"));
  EXPECT_EQ(headerOf(sent, "x-team"), "docs");
  EXPECT_EQ(headerOf(sent, "accept"), "application/x-ndjson, text/event-stream");
  EXPECT_EQ(headerOf(sent, "authorization"), "");
}

TEST_F(LlmOpenAiTest, AnErrorInsideTheStreamEndsTheAnswerWithItsMessage) {
  server().script(json::array{{{"chunks", {"Partial"}}, {"streamError", "Upstream overloaded"}}});
  ChatResult result =
      makeProvider(configFor(ProviderKind::OpenRouter))->chat(simpleRequest(), nullptr, nullptr);
  EXPECT_EQ(result.text, "Partial");
  EXPECT_FALSE(result.complete);
  ASSERT_TRUE(result.error);
  EXPECT_NE(result.error->message.find("reported an error: Upstream overloaded."),
            std::string::npos)
      << result.error->message;
}

TEST_F(LlmOpenAiTest, HealthListsModelsWithTheKey) {
  Health health = makeProvider(configFor(ProviderKind::OpenAi))->checkHealth(nullptr);
  EXPECT_TRUE(health.ok) << health.message;
  EXPECT_EQ(health.message, "Reachable; 2 models listed.");
  json::value sent = server().requests()[0];
  EXPECT_EQ(sent.at("method"), "GET");
  EXPECT_EQ(sent.at("url"), "/v1/models");
  EXPECT_EQ(headerOf(sent, "authorization"), "Bearer " + std::string(kTestKey));
}

TEST_F(LlmOpenAiTest, HealthReportsARejectedKeyWithoutShowingIt) {
  server().script(
      json::array{{{"status", 401}, {"errorMessage", "Unauthorized."}, {"echoKey", true}}});
  Health health = makeProvider(configFor(ProviderKind::OpenAi))->checkHealth(nullptr);
  EXPECT_FALSE(health.ok);
  EXPECT_NE(health.message.find("HTTP 401"), std::string::npos) << health.message;
  EXPECT_NE(health.message.find("Incorrect API key provided"), std::string::npos);
  expectNoKey(health.message);
}

TEST_F(LlmOpenAiTest, HealthOfAnUnreachableServerSaysSo) {
  ProviderConfig config = configFor(ProviderKind::Vllm);
  config.baseUrl = "http://127.0.0.1:1/v1";
  Health health = makeProvider(config)->checkHealth(nullptr);
  EXPECT_FALSE(health.ok);
  EXPECT_NE(health.message.find("Could not reach the vllm provider at http://127.0.0.1:1/v1"),
            std::string::npos)
      << health.message;
}

TEST_F(LlmOpenAiTest, ServesConcurrentChatsFromOneProvider) {
  server().script(json::array{{{"chunkDelayMs", 50}}, {{"chunkDelayMs", 50}}});
  auto provider = makeProvider(configFor(ProviderKind::OpenAi));
  ChatResult first, second;
  std::thread other([&] { second = provider->chat(simpleRequest(), nullptr, nullptr); });
  first = provider->chat(simpleRequest(), nullptr, nullptr);
  other.join();
  EXPECT_EQ(first.text, "Hello, world!");
  EXPECT_EQ(second.text, "Hello, world!");
}

TEST_F(LlmOpenAiTest, AnExceptionFromTheDeltaSinkReachesTheCaller) {
  auto provider = makeProvider(configFor(ProviderKind::OpenAi));
  EXPECT_THROW(
      provider->chat(
          simpleRequest(), [](std::string_view) { throw std::runtime_error("sink"); }, nullptr),
      std::runtime_error);
}

}  // namespace
}  // namespace gloss::llm::test
