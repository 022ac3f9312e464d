// A test suite fixture with one loopback provider per suite, and helpers shared by the provider
// tests: configurations pointing at the loopback server, a delta recorder, key checks.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "commands/llm/Provider.h"
#include "llm_test_server.h"

namespace gloss::llm::test {

// Shaped like a real key, so that a leak of its prefix or suffix would be caught too.
inline constexpr std::string_view kTestKey = "sk-test-4f9c2d7e1a8b3c6d5e0f7a9b";

class DeltaLog {
 public:
  DeltaSink sink() {
    return [this](std::string_view text) {
      deltas.emplace_back(text);
      times.push_back(std::chrono::steady_clock::now());
    };
  }
  std::string joined() const {
    std::string all;
    for (const auto& d : deltas) all += d;
    return all;
  }
  std::vector<std::string> deltas;
  std::vector<std::chrono::steady_clock::time_point> times;
};

inline void expectNoKey(std::string_view text) {
  EXPECT_EQ(text.find(kTestKey), std::string_view::npos) << text;
  EXPECT_EQ(text.find(kTestKey.substr(0, 12)), std::string_view::npos) << text;
  EXPECT_EQ(text.find(kTestKey.substr(kTestKey.size() - 8)), std::string_view::npos) << text;
}

inline void expectNoKey(const ChatResult& result) {
  if (result.error) expectNoKey(result.error->message);
}

inline std::string headerOf(const json::value& request, std::string_view name) {
  const json::value* v = request.at("headers").as_object().if_contains(name);
  return v ? std::string(v->as_string()) : std::string();
}

inline long long millisBetween(std::chrono::steady_clock::time_point a,
                               std::chrono::steady_clock::time_point b) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(b - a).count();
}

class LlmServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // libcurl honours proxy variables; the loopback server must be reached directly.
    setenv("NO_PROXY", "127.0.0.1,localhost", 1);
    setenv("no_proxy", "127.0.0.1,localhost", 1);
    loopback_ = std::make_unique<LoopbackProvider>();
  }
  static void TearDownTestSuite() { loopback_.reset(); }
  void SetUp() override { loopback_->reset(); }

  LoopbackProvider& server() { return *loopback_; }

  // Generous limits for a busy machine; tests about timeouts set their own.
  ProviderConfig configFor(ProviderKind kind) {
    ProviderConfig config;
    config.kind = kind;
    config.baseUrl = kind == ProviderKind::Anthropic || kind == ProviderKind::Azure
                         ? server().origin()
                         : server().origin() + "/v1";
    config.model = kind == ProviderKind::Anthropic ? "claude-test" : "test-model";
    config.apiKey = kTestKey;
    config.timeouts = {std::chrono::seconds(5), std::chrono::seconds(20), std::chrono::seconds(20)};
    config.retry.initialDelay = std::chrono::milliseconds(20);
    config.retry.maxDelay = std::chrono::milliseconds(100);
    auto complete = completeAndValidate(config);
    EXPECT_TRUE(complete.ok()) << complete.error();
    return complete.value();
  }

  static ChatRequest simpleRequest() {
    ChatRequest request;
    request.task = "explain";
    request.system = "You are terse.";
    request.messages = {{"user", "Say hello"}};
    return request;
  }

 private:
  static inline std::unique_ptr<LoopbackProvider> loopback_;
};

}  // namespace gloss::llm::test
