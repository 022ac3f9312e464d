// SecretRedactor as its callers see it: replacement that keeps the surrounding text, several
// secrets at once, findings and their description, idempotence, odd input, batches.
#include <gtest/gtest.h>

#include <thread>

#include "secret_test_support.h"

namespace gloss::redact {
namespace {

using testing::loadCorpus;
using testing::redacted;
using testing::sharedRedactor;

constexpr std::string_view kGithubToken = "ghp_Xqxni7z9KwRkNr4aE28uz5eRTpPWzUB4q60s";
constexpr std::string_view kAwsKeyId = "AKIAQ7FAKEGLOSS2TEST";

TEST(SecretRedactor, KeepsTheSurroundingCode) {
  std::string code =
      "def connect():\n"
      "    # the staging database\n"
      "    return psycopg.connect(\"postgresql://app:hunter2@db.internal:5432/orders\")\n";
  EXPECT_EQ(redacted(code),
            "def connect():\n"
            "    # the staging database\n"
            "    return psycopg.connect(\"postgresql://app:[REDACTED:connection_string_password]"
            "@db.internal:5432/orders\")\n");
}

TEST(SecretRedactor, SeveralSecretsInOneText) {
  std::string text = "GITHUB_TOKEN=" + std::string(kGithubToken) +
                     "\nAWS_ACCESS_KEY_ID=" + std::string(kAwsKeyId) +
                     "\nOTHER=" + std::string(kGithubToken) + "\n";
  Redaction result = sharedRedactor().redact(text);
  EXPECT_EQ(result.text,
            "GITHUB_TOKEN=[REDACTED:github_token]\nAWS_ACCESS_KEY_ID=[REDACTED:aws_access_key]\n"
            "OTHER=[REDACTED:github_token]\n");
  ASSERT_EQ(result.findings.size(), 2u);
  EXPECT_EQ(result.findings[0], (Finding{SecretKind::GithubToken, 2}));
  EXPECT_EQ(result.findings[1], (Finding{SecretKind::AwsAccessKey, 1}));
  ASSERT_EQ(result.spans.size(), 3u);
  EXPECT_EQ(text.substr(result.spans[0].offset, result.spans[0].length), kGithubToken);
  EXPECT_TRUE(result.changed());
}

TEST(SecretRedactor, SpecificFormatsWinOverGenericRules) {
  // The GitHub rule and the high-entropy rule both claim the value; the kind is the specific one.
  Redaction result = sharedRedactor().redact("api_token = \"" + std::string(kGithubToken) + "\"");
  ASSERT_EQ(result.spans.size(), 1u);
  EXPECT_EQ(result.spans[0].kind, SecretKind::GithubToken);
}

TEST(SecretRedactor, DescribeNamesKindsAndCountsOnly) {
  std::string text = std::string(kGithubToken) + " and " + std::string(kAwsKeyId);
  Redaction result = sharedRedactor().redact(text);
  std::string sentence = describe(result.findings);
  EXPECT_EQ(sentence, "Redacted 2 secrets before sending: 1 GitHub token, 1 AWS access key.");
  EXPECT_EQ(sentence.find(kGithubToken), std::string::npos);
  EXPECT_EQ(sentence.find(kAwsKeyId), std::string::npos);
  EXPECT_EQ(describe(std::vector<Finding>{}), "");
  EXPECT_EQ(describe(std::vector<Finding>{{SecretKind::PrivateKey, 1}}),
            "Redacted 1 secret before sending: 1 private key.");
}

TEST(SecretRedactor, DescriptionOfTheWholeCorpusHoldsNoSecret) {
  for (const auto& c : loadCorpus("true_positives.txt")) {
    std::string sentence = describe(sharedRedactor().redact(c.text).findings);
    EXPECT_FALSE(sentence.empty()) << c.title;
    for (const auto& secret : c.secrets) {
      std::string_view value = std::string_view(c.text).substr(secret.offset, secret.length);
      EXPECT_EQ(sentence.find(value), std::string::npos) << c.title;
    }
  }
}

TEST(SecretRedactor, FindingsAsJson) {
  std::vector<Finding> findings{{SecretKind::Jwt, 2}, {SecretKind::SlackToken, 1}};
  EXPECT_EQ(protocol::json::serialize(toJSON(findings)),
            R"([{"kind":"jwt","count":2},{"kind":"slack_token","count":1}])");
}

TEST(SecretRedactor, RedactingRedactedTextChangesNothing) {
  for (const auto& c : loadCorpus("true_positives.txt")) {
    std::string once = redacted(c.text);
    Redaction twice = sharedRedactor().redact(once);
    EXPECT_EQ(twice.text, once) << c.title;
    EXPECT_FALSE(twice.changed()) << c.title;
  }
}

TEST(SecretRedactor, OnlyWellFormedMarkersShieldText) {
  std::string token(kGithubToken);
  EXPECT_EQ(redacted("what is [REDACTED: here? " + token),
            "what is [REDACTED: here? [REDACTED:github_token]");
  EXPECT_EQ(redacted("[REDACTED:" + token + "]"), "[REDACTED:[REDACTED:github_token]]");
}

TEST(SecretRedactor, EmptyAndSecretFreeInput) {
  Redaction empty = sharedRedactor().redact("");
  EXPECT_EQ(empty.text, "");
  EXPECT_FALSE(empty.changed());
  EXPECT_TRUE(empty.findings.empty());
  std::string code = "int main() { return 0; }\n";
  EXPECT_EQ(redacted(code), code);
}

TEST(SecretRedactor, InvalidUtf8IsCopiedByteForByte) {
  std::string text =
      "\xff\xfe caf\xc3 token: \x80\x81 " + std::string(kGithubToken) + " \xc3\x28\n";
  EXPECT_EQ(redacted(text), "\xff\xfe caf\xc3 token: \x80\x81 [REDACTED:github_token] \xc3\x28\n");
  std::string withNul("pass\0word = \"x\"", 16);
  EXPECT_EQ(redacted(withNul), withNul);
}

TEST(SecretRedactor, SecretsOnBothSidesOfABlockBoundary) {
  // The redactor scans in blocks of 16 KiB extended to the end of a line. Here the first key's
  // BEGIN line ends exactly at byte 16384, so its body starts in the next block.
  std::string filler(16 * 1024 - 29, 'x');
  filler += '\n';
  std::string key =
      "-----BEGIN PRIVATE KEY-----\n"
      "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQDYtnr5b4lW9BYp\n"
      "OPsy3JNEdf0K5cfmz967xWdxXsTM7B5yXoRq0uTYJLQCQD2EjNfdC4o+9xXgmLwS\n"
      "-----END PRIVATE KEY-----\n";
  std::string text = filler + key + std::string(kGithubToken) + "\n" + filler + key;
  Redaction result = sharedRedactor().redact(text);
  ASSERT_EQ(result.findings.size(), 2u);
  EXPECT_EQ(result.findings[0], (Finding{SecretKind::PrivateKey, 2}));
  EXPECT_EQ(result.findings[1], (Finding{SecretKind::GithubToken, 1}));
  EXPECT_EQ(result.spans[0].offset, filler.size() + 28);
}

TEST(SecretRedactor, OneLineLongerThanABlock) {
  std::string line(40 * 1024, 'x');
  EXPECT_EQ(redacted(line + " " + std::string(kGithubToken)), line + " [REDACTED:github_token]");
}

TEST(SecretRedactor, RedactInPlaceMergesFindings) {
  std::vector<std::string> messages{
      "here is my token " + std::string(kGithubToken),
      "nothing secret here",
      "and the key id " + std::string(kAwsKeyId) + " plus " + std::string(kGithubToken),
  };
  std::vector<Finding> findings = sharedRedactor().redactInPlace(messages);
  EXPECT_EQ(messages[0], "here is my token [REDACTED:github_token]");
  EXPECT_EQ(messages[1], "nothing secret here");
  EXPECT_EQ(messages[2], "and the key id [REDACTED:aws_access_key] plus [REDACTED:github_token]");
  EXPECT_EQ(findings,
            (std::vector<Finding>{{SecretKind::GithubToken, 2}, {SecretKind::AwsAccessKey, 1}}));
  EXPECT_EQ(secretCount(findings), 3u);
}

TEST(SecretRedactor, KindNamesAreStable) {
  EXPECT_EQ(kindName(SecretKind::PrivateKey), "private_key");
  EXPECT_EQ(kindName(SecretKind::HighEntropySecret), "high_entropy_secret");
  for (std::size_t i = 0; i < kSecretKindCount; ++i) {
    auto kind = static_cast<SecretKind>(i);
    EXPECT_EQ(kindFromName(kindName(kind)), kind);
  }
  EXPECT_EQ(kindFromName("nope"), std::nullopt);
}

TEST(SecretRedactor, SharedAcrossThreads) {
  std::string text = "token=" + std::string(kGithubToken) + "\n";
  std::vector<std::thread> threads;
  std::vector<std::string> results(4);
  for (std::size_t i = 0; i < results.size(); ++i) {
    threads.emplace_back([&, i] {
      for (int round = 0; round < 50; ++round) results[i] = redacted(text);
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (const std::string& result : results) EXPECT_EQ(result, "token=[REDACTED:github_token]\n");
}

}  // namespace
}  // namespace gloss::redact
