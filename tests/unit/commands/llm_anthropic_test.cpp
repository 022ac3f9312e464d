// The Anthropic provider against the loopback server.
#include "llm_provider_fixture.h"

namespace gloss::llm::test {
namespace {

class LlmAnthropicTest : public LlmServerTest {};

TEST_F(LlmAnthropicTest, StreamsTextWithModelUsageAndStopReason) {
  server().script(json::array{{{"waitForReleaseAfter", 1}, {"model", "claude-test-20250101"}}});
  std::vector<std::string> deltas;
  ChatResult result = makeProvider(configFor(ProviderKind::Anthropic))
                          ->chat(
                              simpleRequest(),
                              [&](std::string_view text) {
                                deltas.emplace_back(text);
                                if (deltas.size() == 1) server().release();
                              },
                              nullptr);
  EXPECT_EQ(deltas, (std::vector<std::string>{"Hello", ", ", "world", "!"}));
  EXPECT_EQ(server().requests()[0].at("released"), "client");
  EXPECT_EQ(result.text, "Hello, world!");
  EXPECT_EQ(result.model, "claude-test-20250101");
  EXPECT_EQ(result.finishReason, "stop");
  EXPECT_TRUE(result.complete);
  EXPECT_FALSE(result.error);
  EXPECT_FALSE(result.usage.estimated);
  EXPECT_EQ(result.usage.promptTokens, 17);
  EXPECT_EQ(result.usage.completionTokens, 4);
}

TEST_F(LlmAnthropicTest, SendsTheMessagesApiShapeWithTheKeyOnlyInXApiKey) {
  ChatRequest request = simpleRequest();
  request.maxOutputTokens = 300;
  makeProvider(configFor(ProviderKind::Anthropic))->chat(request, nullptr, nullptr);
  json::value sent = server().requests()[0];
  EXPECT_EQ(sent.at("method"), "POST");
  EXPECT_EQ(sent.at("url"), "/v1/messages");
  EXPECT_EQ(headerOf(sent, "x-api-key"), kTestKey);
  EXPECT_EQ(headerOf(sent, "anthropic-version"), "2023-06-01");
  EXPECT_EQ(headerOf(sent, "content-type"), "application/json");
  EXPECT_EQ(headerOf(sent, "authorization"), "");
  json::value expectedBody = {
      {"model", "claude-test"},
      {"max_tokens", 300},
      {"messages", json::array{{{"role", "user"}, {"content", "Say hello"}}}},
      {"stream", true},
      {"system", "You are terse."}};
  EXPECT_EQ(sent.at("json"), expectedBody);
  std::string everything = json::serialize(sent);
  std::size_t first = everything.find(kTestKey);
  ASSERT_NE(first, std::string::npos);
  EXPECT_EQ(everything.find(kTestKey, first + 1), std::string::npos);
}

TEST_F(LlmAnthropicTest, AnErrorEventKeepsWhatCameBeforeIt) {
  server().script(json::array{{{"chunks", {"Half an"}}, {"streamError", "Overloaded"}}});
  ChatResult result =
      makeProvider(configFor(ProviderKind::Anthropic))->chat(simpleRequest(), nullptr, nullptr);
  EXPECT_EQ(result.text, "Half an");
  EXPECT_FALSE(result.complete);
  ASSERT_TRUE(result.error);
  EXPECT_EQ(result.error->kind, ProviderError::Kind::Http);
  EXPECT_NE(result.error->message.find("reported an error: Overloaded."), std::string::npos)
      << result.error->message;
  EXPECT_EQ(result.attempts, 1);
}

TEST_F(LlmAnthropicTest, ARejectedKeyGivesTheProvidersMessageWithoutTheKey) {
  server().script(
      json::array{{{"status", 401}, {"errorMessage", "invalid x-api-key."}, {"echoKey", true}}});
  ChatResult result =
      makeProvider(configFor(ProviderKind::Anthropic))->chat(simpleRequest(), nullptr, nullptr);
  ASSERT_TRUE(result.error);
  EXPECT_EQ(result.error->kind, ProviderError::Kind::Http);
  EXPECT_EQ(result.error->httpStatus, 401);
  EXPECT_NE(result.error->message.find("answered HTTP 401 (Unauthorized): invalid x-api-key."),
            std::string::npos)
      << result.error->message;
  expectNoKey(result);
  EXPECT_EQ(result.attempts, 1);
  EXPECT_EQ(server().requests().size(), 1u);
}

TEST_F(LlmAnthropicTest, ReadsAWholeMessage) {
  server().script(json::array{{{"mode", "json"}, {"chunks", {"All ", "at once"}}}});
  ChatResult result =
      makeProvider(configFor(ProviderKind::Anthropic))->chat(simpleRequest(), nullptr, nullptr);
  EXPECT_EQ(result.text, "All at once");
  EXPECT_EQ(result.finishReason, "stop");
  EXPECT_TRUE(result.complete);
  EXPECT_EQ(result.usage.completionTokens, 2);
}

TEST_F(LlmAnthropicTest, HealthListsModelsWithTheKeyAndVersion) {
  Health health = makeProvider(configFor(ProviderKind::Anthropic))->checkHealth(nullptr);
  EXPECT_TRUE(health.ok) << health.message;
  json::value sent = server().requests()[0];
  EXPECT_EQ(sent.at("url"), "/v1/models");
  EXPECT_EQ(headerOf(sent, "x-api-key"), kTestKey);
  EXPECT_EQ(headerOf(sent, "anthropic-version"), "2023-06-01");
}

}  // namespace
}  // namespace gloss::llm::test
