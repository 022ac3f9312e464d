// The limit settings (server/Settings.h) and the limits they set: parsing with warnings that keep
// the previous value, the request-slot limit on provider requests (commands/llm/RequestSlots.h)
// and the prompt cap (llm::withPromptCap), each driven directly.
#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <thread>

#include "commands/llm/ModelLimits.h"
#include "commands/llm/RequestSlots.h"
#include "server/Settings.h"

namespace gloss::server {
namespace {

TEST(LimitSettings, DefaultsAreSane) {
  Settings settings;
  EXPECT_EQ(settings.maxFileSize, 1024u * 1024);
  EXPECT_EQ(settings.grepMaxFileSize, 64u * 1024 * 1024);
  EXPECT_EQ(settings.maxResults, 2000u);
  EXPECT_EQ(settings.maxSymbolResults, 200u);
  EXPECT_EQ(settings.maxConcurrentLlmRequests, 4u);
  EXPECT_EQ(settings.maxPromptTokens, 32768u);
  EXPECT_FALSE(settings.maxQueuedRequests);
}

TEST(LimitSettings, ValidValuesApplyFlatOrUnderGloss) {
  Settings settings;
  auto warnings = mergeSettings(json::parse(R"({"gloss": {"maxResults": 50,
      "maxSymbolResults": 7, "maxConcurrentLlmRequests": 1, "maxPromptTokens": 4000,
      "maxQueuedRequests": 12, "grepMaxFileSize": 1000}})"),
                                settings);
  EXPECT_TRUE(warnings.empty());
  EXPECT_EQ(settings.maxResults, 50u);
  EXPECT_EQ(settings.maxSymbolResults, 7u);
  EXPECT_EQ(settings.maxConcurrentLlmRequests, 1u);
  EXPECT_EQ(settings.maxPromptTokens, 4000u);
  EXPECT_EQ(settings.maxQueuedRequests, 12u);
  EXPECT_EQ(settings.grepMaxFileSize, 1000u);
}

TEST(LimitSettings, InvalidValuesWarnAndKeepThePreviousOne) {
  Settings settings;
  mergeSettings(json::parse(R"({"maxResults": 50})"), settings);
  auto warnings = mergeSettings(json::parse(R"({"maxResults": 0, "maxPromptTokens": -1,
      "maxConcurrentLlmRequests": "4", "maxQueuedRequests": 1.5,
      "maxSymbolResults": 100000000000})"),
                                settings);
  ASSERT_EQ(warnings.size(), 5u);
  EXPECT_EQ(warnings[0].find("settings.maxResults: expected a whole number"), 0u) << warnings[0];
  EXPECT_EQ(settings.maxResults, 50u);
  EXPECT_EQ(settings.maxPromptTokens, 32768u);
  EXPECT_EQ(settings.maxConcurrentLlmRequests, 4u);
  EXPECT_FALSE(settings.maxQueuedRequests);
  EXPECT_EQ(settings.maxSymbolResults, 200u);
}

TEST(LimitSettings, MaxMessageBytesIsAFlagOnly) {
  Settings settings;
  auto warnings = mergeSettings(json::parse(R"({"maxMessageBytes": 1024})"), settings);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("--max-message-bytes"), std::string::npos) << warnings[0];
}

TEST(PromptCap, CapsBigWindowsAndLeavesSmallOnes) {
  llm::ProviderConfig config;
  config.kind = llm::ProviderKind::OpenAi;
  config.model = "gpt-4o";  // a 128k window
  config.maxOutputTokens = 1000;
  llm::ProviderConfig capped = llm::withPromptCap(config, 5000);
  EXPECT_EQ(llm::effectiveContextLimit(capped) - capped.maxOutputTokens, 5000);
  config.model = "gpt-4";  // 8k: already under the cap
  EXPECT_EQ(llm::effectiveContextLimit(llm::withPromptCap(config, 32768)), 8192);
}

TEST(RequestSlots, ASecondRequestWaitsForTheFirstToRelease) {
  llm::RequestSlots slots(1);
  ASSERT_TRUE(slots.acquire({}, {}));
  std::promise<std::size_t> waited;
  std::atomic<bool> acquired{false};
  std::thread second([&] {
    bool ok = slots.acquire({}, [&](std::size_t inFlight) { waited.set_value(inFlight); });
    acquired = ok;
    slots.release();
  });
  EXPECT_EQ(waited.get_future().get(), 1u);  // told it waits, behind one request in flight
  EXPECT_FALSE(acquired);
  EXPECT_EQ(slots.usage().waiting, 1u);
  EXPECT_EQ(slots.usage().inFlight, 1u);
  slots.release();
  second.join();
  EXPECT_TRUE(acquired);
  EXPECT_EQ(slots.usage().inFlight, 0u);
  EXPECT_EQ(slots.usage().waiting, 0u);
}

TEST(RequestSlots, AWaitingRequestCanBeCancelled) {
  llm::RequestSlots slots(1);
  ASSERT_TRUE(slots.acquire({}, {}));
  std::atomic<bool> cancel{false};
  std::promise<void> waiting;
  auto result = std::async(std::launch::async, [&] {
    return slots.acquire([&] { return cancel.load(); }, [&](std::size_t) { waiting.set_value(); });
  });
  waiting.get_future().wait();
  cancel = true;
  EXPECT_FALSE(result.get());
  EXPECT_EQ(slots.usage().waiting, 0u);
  EXPECT_EQ(slots.usage().inFlight, 1u);
}

TEST(RequestSlots, RaisingTheCapacityLetsWaitersGo) {
  llm::RequestSlots slots(1);
  ASSERT_TRUE(slots.acquire({}, {}));
  std::promise<void> waiting;
  auto result = std::async(std::launch::async, [&] {
    return slots.acquire({}, [&](std::size_t) { waiting.set_value(); });
  });
  waiting.get_future().wait();
  slots.setCapacity(2);
  EXPECT_TRUE(result.get());
  EXPECT_EQ(slots.usage().inFlight, 2u);
}

}  // namespace
}  // namespace gloss::server
