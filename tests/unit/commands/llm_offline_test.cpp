#include <gtest/gtest.h>

#include "commands/llm/ConfigSources.h"
#include "commands/llm/OfflineProvider.h"
#include "llm_provider_fixture.h"

namespace gloss::llm {
namespace {

ChatRequest requestWithContext() {
  ChatRequest request;
  request.task = "explain";
  request.messages = {{"user", "What does parse_args do?\nMore detail here."}};
  std::string longText;
  for (int i = 1; i <= 20; ++i) longText += "line " + std::to_string(i) + "\n";
  request.context = {{"src/cli.py:10-29 parse_args", longText},
                     {"src/util.py:1-2 helper", "def helper():\n    return \"```\"\n"}};
  return request;
}

std::unique_ptr<Provider> offlineProvider() {
  auto config = resolveProviderConfig({}, [](std::string_view) { return std::nullopt; });
  EXPECT_TRUE(config.ok());
  return makeProvider(*config);
}

TEST(LlmOfflineTest, IsTheDefaultAndSaysSoInItsAnswer) {
  auto provider = offlineProvider();
  EXPECT_TRUE(provider->isOffline());
  EXPECT_EQ(provider->name(), "offline");
  test::DeltaLog log;
  ChatResult result = provider->chat(requestWithContext(), log.sink(), nullptr);
  EXPECT_TRUE(result.text.starts_with(kOfflineHeading)) << result.text;
  EXPECT_NE(result.text.find("GLOSS_PROVIDER"), std::string::npos);
  EXPECT_NE(result.text.find("Task: explain"), std::string::npos);
  EXPECT_NE(result.text.find("Question: What does parse_args do?\n"), std::string::npos);
  EXPECT_TRUE(result.complete);
  EXPECT_FALSE(result.error);
  EXPECT_EQ(result.model, "offline");
  EXPECT_EQ(result.finishReason, "stop");
  EXPECT_EQ(result.attempts, 0);
  EXPECT_TRUE(result.usage.estimated);
  EXPECT_GT(result.usage.completionTokens, 0);
}

TEST(LlmOfflineTest, ListsEachPieceWithItsLeadingLinesInSeveralDeltas) {
  auto provider = offlineProvider();
  test::DeltaLog log;
  ChatResult result = provider->chat(requestWithContext(), log.sink(), nullptr);
  EXPECT_GE(log.deltas.size(), 3u);
  EXPECT_EQ(log.joined(), result.text);
  EXPECT_NE(result.text.find("1. src/cli.py:10-29 parse_args\n```\nline 1\n"), std::string::npos);
  EXPECT_NE(result.text.find("line 8\n...\n```"), std::string::npos) << result.text;
  EXPECT_EQ(result.text.find("line 9\n"), std::string::npos);
  // The snippet holds a fence, so its own fence is longer.
  EXPECT_NE(result.text.find("2. src/util.py:1-2 helper\n````\n"), std::string::npos)
      << result.text;
}

TEST(LlmOfflineTest, AnswersWithACommandsOwnAnswerInParagraphs) {
  auto provider = offlineProvider();
  ChatRequest request = requestWithContext();
  request.offlineAnswer = "## Card\n\nFirst paragraph.\n\nSecond paragraph.\n";
  test::DeltaLog log;
  ChatResult result = provider->chat(request, log.sink(), nullptr);
  EXPECT_TRUE(result.text.starts_with(kOfflineHeading)) << result.text;
  EXPECT_TRUE(result.text.ends_with(request.offlineAnswer)) << result.text;
  EXPECT_EQ(result.text.find("Question:"), std::string::npos) << result.text;
  EXPECT_EQ(result.text.find("src/cli.py"), std::string::npos) << result.text;  // no listing
  EXPECT_GE(log.deltas.size(), 4u);  // heading, then one delta per paragraph
  EXPECT_EQ(log.joined(), result.text);
}

TEST(LlmOfflineTest, IsDeterministic) {
  auto provider = offlineProvider();
  EXPECT_EQ(provider->chat(requestWithContext(), nullptr, nullptr).text,
            provider->chat(requestWithContext(), nullptr, nullptr).text);
}

TEST(LlmOfflineTest, SaysWhenTheIndexSuppliedNothing) {
  ChatResult result = offlineProvider()->chat(ChatRequest{}, nullptr, nullptr);
  EXPECT_NE(result.text.find("The index supplied no code"), std::string::npos);
}

TEST(LlmOfflineTest, StopsWhenCancelled) {
  int deltas = 0;
  ChatResult result = offlineProvider()->chat(
      requestWithContext(), [&](std::string_view) { ++deltas; }, [&] { return deltas >= 1; });
  EXPECT_EQ(deltas, 1);
  ASSERT_TRUE(result.error);
  EXPECT_EQ(result.error->kind, ProviderError::Kind::Cancelled);
  EXPECT_FALSE(result.complete);
}

TEST(LlmOfflineTest, IsAlwaysHealthy) {
  Health health = offlineProvider()->checkHealth(nullptr);
  EXPECT_TRUE(health.ok);
  EXPECT_NE(health.message.find("Offline"), std::string::npos);
}

}  // namespace
}  // namespace gloss::llm
