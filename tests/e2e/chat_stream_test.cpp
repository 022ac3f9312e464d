// A provider chat through the real binary against the loopback provider: deltas stream as
// $/progress, $/cancelRequest aborts the transfer, secrets are redacted before sending and the
// client is told, and a dead server gives a readable, key-free, incomplete answer.
#include <gtest/gtest.h>

#include <cstdlib>
#include <thread>

#include "GlossProcess.h"
#include "llm_test_server.h"

namespace gloss::test {
namespace {

constexpr const char* kKey = "sk-e2e-77aa66bb55cc44dd33ee";
constexpr const char* kGithubToken = "ghp_Qw81mZ4rT0vLw6Yb2Nc9Pd3Hs7Kj5Fa1Ge0V";

class ChatStreamE2E : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    setenv("NO_PROXY", "127.0.0.1,localhost", 1);
    loopback_ = std::make_unique<llm::test::LoopbackProvider>();
  }
  static void TearDownTestSuite() { loopback_.reset(); }
  void SetUp() override { loopback_->reset(); }

  std::unique_ptr<GlossProcess> start(const std::string& baseUrl) {
    auto gloss = std::make_unique<GlossProcess>(
        std::vector<std::string>{"serve", "--no-index", "--test-methods"});
    json::value params = initializeParams();
    params.as_object()["initializationOptions"] =
        json::object{{"llm", json::object{{"provider", "openai"},
                                          {"baseUrl", baseUrl},
                                          {"model", "test-model"},
                                          {"apiKey", kKey},
                                          {"timeouts", json::object{{"connectMs", 3000}}}}}};
    gloss->request(0, "initialize", params);
    EXPECT_TRUE(gloss->responseTo(0));
    gloss->notify("initialized");
    return gloss;
  }

  // The background health check is a request to the loopback server too: wait until it is done,
  // so that a scripted scenario is spent on the chat and not on the check.
  static void waitForHealthCheck(GlossProcess& gloss) {
    for (int i = 0; i < 400; ++i) {
      gloss.request(900 + i, "gloss/status");
      auto status = gloss.responseTo(900 + i);
      ASSERT_TRUE(status);
      if (!status->at("result").at("provider").at("health").at("ok").is_null()) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    FAIL() << "the health check never finished";
  }

  static std::unique_ptr<llm::test::LoopbackProvider> loopback_;
};
std::unique_ptr<llm::test::LoopbackProvider> ChatStreamE2E::loopback_;

TEST_F(ChatStreamE2E, DeltasStreamAndSecretsAreRedactedBeforeSending) {
  auto gloss = start(loopback_->origin() + "/v1");
  gloss->request(1, "gloss/test/chat",
                 json::object{{"message", std::string("my token is ") + kGithubToken},
                              {"partialResultToken", "chat-1"}});
  auto response = gloss->responseTo(1, std::chrono::seconds(30));
  ASSERT_TRUE(response);
  const json::value& result = response->at("result");
  EXPECT_EQ(result.at("content"), json::value("Hello, world!"));
  EXPECT_EQ(result.at("complete"), json::value(true));
  std::string streamed;
  bool warned = false;
  for (const auto& n : gloss->notifications()) {
    if (n.at("method") == json::value("$/progress") &&
        n.at("params").at("token") == json::value("chat-1")) {
      streamed += std::string(n.at("params").at("value").at("text").as_string());
    }
    if (n.at("method") == json::value("window/showMessage")) {
      std::string text(n.at("params").at("message").as_string());
      warned = text.find("GitHub token") != std::string::npos;
      EXPECT_EQ(text.find(kGithubToken), std::string::npos);
    }
  }
  EXPECT_EQ(streamed, "Hello, world!");
  EXPECT_TRUE(warned);
  EXPECT_EQ(result.at("redactions").at(0).at("kind"), json::value("github_token"));
  std::string sent = json::serialize(loopback_->requests());
  EXPECT_EQ(sent.find(kGithubToken), std::string::npos);
  EXPECT_NE(sent.find("[REDACTED:github_token]"), std::string::npos);
}

TEST_F(ChatStreamE2E, CancelRequestAbortsTheTransferPromptly) {
  auto gloss = start(loopback_->origin() + "/v1");
  waitForHealthCheck(*gloss);
  loopback_->script(json::array{{{"stallAfter", 1}, {"stallMs", 30000}}});
  gloss->request(2, "gloss/test/chat",
                 json::object{{"message", "hello"}, {"partialResultToken", "chat-2"}});
  // Wait for the first delta, so that the stream is surely in flight.
  for (int i = 0; i < 200; ++i) {
    auto message = gloss->read(std::chrono::milliseconds(100));
    if (message && message->as_object().contains("method") &&
        message->at("method") == json::value("$/progress")) {
      break;
    }
  }
  auto sent = std::chrono::steady_clock::now();
  gloss->notify("$/cancelRequest", json::object{{"id", 2}});
  auto response = gloss->responseTo(2, std::chrono::seconds(10));
  auto latency = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - sent);
  ASSERT_TRUE(response);
  EXPECT_EQ(response->at("error").at("code"), json::value(-32800));
  std::printf("chat cancellation answered after %lld ms\n",
              static_cast<long long>(latency.count()));
  EXPECT_LT(latency.count(), 1000);  // the stall would last 30 s
}

TEST_F(ChatStreamE2E, ADeadServerGivesAReadableIncompleteAnswer) {
  auto gloss = start("http://127.0.0.1:9/v1");
  gloss->request(3, "gloss/test/chat", json::object{{"message", "hello"}});
  auto response = gloss->responseTo(3, std::chrono::seconds(60));
  ASSERT_TRUE(response);
  const json::value& result = response->at("result");
  EXPECT_EQ(result.at("complete"), json::value(false));
  EXPECT_EQ(result.at("error").at("kind"), json::value("connect"));
  std::string message(result.at("error").at("message").as_string());
  EXPECT_NE(message.find("127.0.0.1"), std::string::npos) << message;
  EXPECT_EQ(json::serialize(*response).find(kKey), std::string::npos);
}

}  // namespace
}  // namespace gloss::test
