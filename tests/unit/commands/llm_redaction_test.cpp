// Secrets never reach a network provider: the request the loopback server records has them
// replaced, and the result says which kinds were taken out.
#include "commands/llm/RedactingProvider.h"
#include "llm_provider_fixture.h"

namespace gloss::llm::test {
namespace {

// Fabricated, in real formats.
constexpr std::string_view kGithubToken = "ghp_Zx81mQ4rT0vLw6Yb2Nc9Pd3Hs7Kj5Fa1Ge0U";
constexpr std::string_view kAwsKey = "AKIAZ7QX4MBN2LRT6WEY";

class LlmRedactionTest : public LlmServerTest {};

TEST_F(LlmRedactionTest, PlantedSecretsNeverLeaveTheMachine) {
  auto redactor = std::make_shared<const redact::SecretRedactor>();
  auto provider = makeRedactedProvider(configFor(ProviderKind::OpenAi), redactor);
  ChatRequest request;
  request.system = "Context:\naws_access_key_id = " + std::string(kAwsKey) + "\n";
  request.messages.push_back(
      {"user", "Why does `export GITHUB_TOKEN=" + std::string(kGithubToken) + "` fail?"});
  request.context.push_back({"deploy.sh", "TOKEN=" + std::string(kGithubToken)});
  ChatResult result = provider->chat(request, nullptr, nullptr);
  EXPECT_FALSE(result.error);

  json::array requests = server().requests();
  ASSERT_EQ(requests.size(), 1u);
  std::string sent = json::serialize(requests[0]);
  EXPECT_EQ(sent.find(kGithubToken), std::string::npos);
  EXPECT_EQ(sent.find(kAwsKey), std::string::npos);
  EXPECT_NE(sent.find("[REDACTED:github_token]"), std::string::npos);
  EXPECT_NE(sent.find("[REDACTED:aws_access_key]"), std::string::npos);
  // The rest of the question still reads naturally.
  EXPECT_NE(sent.find("fail?"), std::string::npos);

  std::string said = redact::describe(result.redactions);
  EXPECT_NE(said.find("GitHub token"), std::string::npos) << said;
  EXPECT_EQ(said.find(kGithubToken), std::string::npos);
  EXPECT_GE(redact::secretCount(result.redactions), 2u);
}

TEST_F(LlmRedactionTest, TheOfflineProviderIsNotWrapped) {
  ProviderConfig offline;
  offline.kind = ProviderKind::Offline;
  auto provider = makeRedactedProvider(offline, std::make_shared<const redact::SecretRedactor>());
  EXPECT_EQ(dynamic_cast<RedactingProvider*>(provider.get()), nullptr);
  EXPECT_TRUE(provider->isOffline());
}

}  // namespace
}  // namespace gloss::llm::test
