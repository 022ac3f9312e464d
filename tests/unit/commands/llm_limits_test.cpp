#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "commands/llm/Backoff.h"
#include "commands/llm/ModelLimits.h"
#include "commands/llm/Provider.h"

namespace gloss::llm {
namespace {

using std::chrono::milliseconds;

TEST(LlmModelLimitsTest, TheLongestKnownPrefixWins) {
  EXPECT_EQ(modelContextLimit("gpt-4o-mini"), 128'000);
  EXPECT_EQ(modelContextLimit("gpt-4-0613"), 8'192);
  EXPECT_EQ(modelContextLimit("gpt-4-turbo-2024-04-09"), 128'000);
  EXPECT_EQ(modelContextLimit("o1-mini"), 128'000);
  EXPECT_EQ(modelContextLimit("o1-preview"), 200'000);
  EXPECT_EQ(modelContextLimit("llama3.1:8b"), 131'072);
  EXPECT_EQ(modelContextLimit("llama3:8b"), 8'192);
}

TEST(LlmModelLimitsTest, IgnoresVendorPrefixesAndCase) {
  EXPECT_EQ(modelContextLimit("anthropic/claude-3.5-sonnet"), 200'000);
  EXPECT_EQ(modelContextLimit("meta-llama/Llama-3.1-8B-Instruct"), 131'072);
  EXPECT_EQ(modelContextLimit("GPT-4o"), 128'000);
}

TEST(LlmModelLimitsTest, UnknownModelsGetACautiousDefault) {
  EXPECT_EQ(modelContextLimit("my-finetune"), kUnknownModelContextLimit);
  EXPECT_EQ(modelContextLimit(""), kUnknownModelContextLimit);
}

TEST(LlmModelLimitsTest, TheSettingOverridesTheTableAndOllamaIsCapped) {
  ProviderConfig config;
  config.kind = ProviderKind::Ollama;
  config.model = "llama3.1";
  EXPECT_EQ(effectiveContextLimit(config), 4096);
  config.contextLimit = 32'768;
  EXPECT_EQ(effectiveContextLimit(config), 32'768);
  config.kind = ProviderKind::OpenAi;
  config.contextLimit.reset();
  EXPECT_EQ(effectiveContextLimit(config), 131'072);
}

TEST(LlmModelLimitsTest, ThePromptBudgetLeavesRoomForTheAnswer) {
  ProviderConfig config;
  config.contextLimit = 10'000;
  config.maxOutputTokens = 1'500;
  auto provider = makeProvider(config);
  EXPECT_EQ(provider->contextLimit(), 10'000);
  EXPECT_EQ(provider->promptBudget(), 8'500);
}

TEST(LlmModelLimitsTest, EstimatesRoundUp) {
  EXPECT_EQ(estimateTokens(""), 0);
  EXPECT_EQ(estimateTokens("abc"), 1);
  EXPECT_EQ(estimateTokens("abcdefgh"), 2);
  EXPECT_EQ(estimateTokens("abcdefghi"), 3);
  ChatRequest request;
  request.system = "abcd";
  request.messages = {{"user", "abcdefgh"}, {"assistant", ""}};
  EXPECT_EQ(estimatePromptTokens(request), 1 + 4 + 2 + 4 + 0 + 4);
}

TEST(LlmBackoffTest, DoublesUpToTheCapWithTheUpperHalfRandom) {
  RetryPolicy policy;
  policy.initialDelay = milliseconds(100);
  policy.maxDelay = milliseconds(1000);
  EXPECT_EQ(backoffDelay(policy, 0, 0.0), milliseconds(50));
  EXPECT_EQ(backoffDelay(policy, 0, 0.999), milliseconds(99));
  EXPECT_EQ(backoffDelay(policy, 1, 0.0), milliseconds(100));
  EXPECT_EQ(backoffDelay(policy, 3, 0.5), milliseconds(600));
  EXPECT_EQ(backoffDelay(policy, 4, 0.0), milliseconds(500));
  EXPECT_EQ(backoffDelay(policy, 60, 0.999), milliseconds(999));
}

TEST(LlmBackoffTest, ReadsRetryAfterAsSecondsOrADate) {
  auto now = std::chrono::system_clock::from_time_t(1'700'000'000);  // 2023-11-14 22:13:20 GMT
  EXPECT_EQ(parseRetryAfter("3", now), milliseconds(3000));
  EXPECT_EQ(parseRetryAfter(" 0 ", now), milliseconds(0));
  EXPECT_EQ(parseRetryAfter("Tue, 14 Nov 2023 22:13:30 GMT", now), milliseconds(10'000));
  EXPECT_EQ(parseRetryAfter("Tue, 14 Nov 2023 22:00:00 GMT", now), milliseconds(0));
  EXPECT_FALSE(parseRetryAfter("soon", now));
  EXPECT_FALSE(parseRetryAfter("-1", now));
  EXPECT_EQ(parseRetryAfterMs("250"), milliseconds(250));
  EXPECT_FALSE(parseRetryAfterMs("2.5"));
}

TEST(LlmBackoffTest, SleepStopsSoonAfterCancellation) {
  std::atomic<bool> cancel = false;
  std::thread canceller([&] {
    std::this_thread::sleep_for(milliseconds(100));
    cancel = true;
  });
  auto start = std::chrono::steady_clock::now();
  bool slept = sleepUnlessCancelled(std::chrono::seconds(30), [&] { return cancel.load(); });
  auto took = std::chrono::steady_clock::now() - start;
  canceller.join();
  EXPECT_FALSE(slept);
  EXPECT_LT(took, std::chrono::seconds(2));
  EXPECT_TRUE(sleepUnlessCancelled(milliseconds(5), nullptr));
}

}  // namespace
}  // namespace gloss::llm
