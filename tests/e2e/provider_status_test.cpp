// The language-model provider as gloss/status shows it: offline by default, configured from
// settings, the health check's verdict, and bad settings reported without losing the provider.
#include <gtest/gtest.h>

#include <thread>

#include "GlossProcess.h"

namespace gloss::test {
namespace {

json::value status(GlossProcess& gloss, int id) {
  gloss.request(id, "gloss/status");
  auto response = gloss.responseTo(id);
  EXPECT_TRUE(response);
  return response ? response->at("result").at("provider") : json::value();
}

// Polls until the background health check has answered.
json::value checkedStatus(GlossProcess& gloss, int firstId) {
  for (int i = 0; i < 200; ++i) {
    json::value provider = status(gloss, firstId + i);
    if (!provider.at("health").at("ok").is_null()) return provider;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ADD_FAILURE() << "health check never finished";
  return json::value();
}

std::unique_ptr<GlossProcess> start(json::value options, std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {"serve", "--no-index"};
  args.insert(args.end(), extra.begin(), extra.end());
  auto gloss = std::make_unique<GlossProcess>(args);
  json::value params = initializeParams();
  params.as_object()["initializationOptions"] = std::move(options);
  gloss->request(0, "initialize", params);
  EXPECT_TRUE(gloss->responseTo(0));
  gloss->notify("initialized");
  return gloss;
}

TEST(ProviderStatusE2E, OfflineByDefaultAndHealthy) {
  auto gloss = start(json::object());
  json::value provider = checkedStatus(*gloss, 10);
  EXPECT_EQ(provider.at("name"), json::value("offline"));
  EXPECT_EQ(provider.at("offline"), json::value(true));
  EXPECT_EQ(provider.at("health").at("ok"), json::value(true));
}

TEST(ProviderStatusE2E, AnUnreachableServerIsReportedWithoutItsKey) {
  const std::string key = "sk-e2e-9d8c7b6a5f4e3d2c1b0a";
  // Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
  auto gloss = start(
      json::object{{"gloss", json::object{{"llm", json::object{{"provider", "openai"},
                                                               {"baseUrl", "http://127.0.0.1:9/v1"},
                                                               {"model", "test-model"},
                                                               {"apiKey", key}}}}}});
  json::value provider = checkedStatus(*gloss, 10);
  EXPECT_EQ(provider.at("name"), json::value("openai"));
  EXPECT_EQ(provider.at("model"), json::value("test-model"));
  EXPECT_EQ(provider.at("health").at("ok"), json::value(false));
  EXPECT_FALSE(provider.at("health").at("message").as_string().empty());
  std::string all = json::serialize(provider);
  EXPECT_EQ(all.find(key), std::string::npos) << all;
}

TEST(ProviderStatusE2E, BadSettingsKeepTheProviderAndSaySo) {
  auto gloss = start(json::object(), {"--model", "flag-model", "--provider", "ollama"});
  json::value before = status(*gloss, 10);
  EXPECT_EQ(before.at("name"), json::value("ollama"));
  EXPECT_EQ(before.at("model"), json::value("flag-model"));  // the command line wins
  gloss->notify("workspace/didChangeConfiguration",
                json::object{{"settings", json::object{{"provider", "no-such-vendor"}}}});
  json::value after = status(*gloss, 11);
  EXPECT_EQ(after.at("name"), json::value("ollama"));
  ASSERT_TRUE(after.as_object().contains("configError"));
  bool warned = false;
  for (const auto& n : gloss->notifications()) {
    if (n.at("method") == json::value("window/showMessage")) warned = true;
  }
  EXPECT_TRUE(warned);
}

}  // namespace
}  // namespace gloss::test
