// One test per rule: what it replaces (only the secret, under its kind) and the nearest thing it
// leaves alone. Values are fabricated.
#include <gtest/gtest.h>

#include "secret_test_support.h"

namespace gloss::redact {
namespace {

using testing::redacted;

TEST(SecretRules, PrivateKeyBodyIsReplacedAndHeadersKept) {
  std::string key =
      "-----BEGIN EC PRIVATE KEY-----\n"
      "MHcCAQEEIFAKEdC4o+9xXgmLwS5rDNSTWvwqFuRiIrw5enLGPLI0XsCoAoGCCqGSM49\n"
      "AwEHoUQDQgAEuo3zNaVAtl2166RpDXF31BWY2ME4LvoOrUFwIorcWffjbaflNHMJ\n"
      "-----END EC PRIVATE KEY-----\n";
  EXPECT_EQ(redacted(key),
            "-----BEGIN EC PRIVATE KEY-----\n[REDACTED:private_key]\n"
            "-----END EC PRIVATE KEY-----\n");
}

TEST(SecretRules, PrivateKeyCutOffByTheEndOfTheTextIsRedactedToTheEnd) {
  EXPECT_EQ(redacted("-----BEGIN OPENSSH PRIVATE KEY-----\n"
                     "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n"
                     "QyNTUxOQAAACBUvImZaYMEtKJGF2VDuiBNgkWb2sRP"),
            "-----BEGIN OPENSSH PRIVATE KEY-----\n[REDACTED:private_key]");
}

TEST(SecretRules, PrivateKeyHeaderAloneIsCode) {
  std::string code = "if (pem.starts_with(\"-----BEGIN RSA PRIVATE KEY-----\")) return true;\n";
  EXPECT_EQ(redacted(code), code);
  std::string publicKey =
      "-----BEGIN PUBLIC KEY-----\n"
      "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAuo3zNaVAtl2166RpDXF31BWY\n"
      "-----END PUBLIC KEY-----\n";
  EXPECT_EQ(redacted(publicKey), publicKey);
}

TEST(SecretRules, AwsAccessKeyIds) {
  EXPECT_EQ(redacted("key_id = \"AKIAQ7FAKEGLOSS2TEST\""),
            "key_id = \"[REDACTED:aws_access_key]\"");
  EXPECT_EQ(redacted("temp ASIAZ4M7Q2JXW5FAKE01 ok"), "temp [REDACTED:aws_access_key] ok");
  // Too short, masked, or part of a longer word.
  for (std::string text :
       {"AKIAQ7FAKEGLOSS2TES", "AKIAXXXXXXXXXXXXXXXX", "XAKIAQ7FAKEGLOSS2TEST"}) {
    EXPECT_EQ(redacted(text), text);
  }
}

TEST(SecretRules, AwsSecretKeyNeedsItsName) {
  std::string secret = "pdzPaEMM1ZA7V0FhHVJWDBt2hWdQZUm14QhoxhLP";
  EXPECT_EQ(redacted("aws_secret_access_key = " + secret + "\n"),
            "aws_secret_access_key = [REDACTED:aws_secret_key]\n");
  EXPECT_EQ(redacted("{\"SecretAccessKey\": \"" + secret + "\"}"),
            "{\"SecretAccessKey\": \"[REDACTED:aws_secret_key]\"}");
  // Forty base64 characters under another name are left to the generic rule (a sha1 here).
  std::string sha = "commit = \"9fceb02d0ae598e95dc970b74767f19372d61af8\"";
  EXPECT_EQ(redacted(sha), sha);
}

TEST(SecretRules, GithubTokens) {
  for (std::string token :
       {"ghp_Xqxni7z9KwRkNr4aE28uz5eRTpPWzUB4q60s", "gho_skDI1EDL0Y6wu1JOSNta0PKhe37ak1aSJARa",
        "github_pat_XsRgZzCYTHY2IvGYF0eYF2_ExFJgKLDL36awmUDt8QvwTH6Iuj2OkDCJ"}) {
    EXPECT_EQ(redacted("use " + token + " here"), "use [REDACTED:github_token] here") << token;
  }
  std::string placeholder = "GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
  EXPECT_EQ(redacted(placeholder), placeholder);
}

TEST(SecretRules, OpenaiAndAnthropicKeys) {
  EXPECT_EQ(redacted("sk-proj-6e9cpCGybY9lMR4pAwBp3GVy1PixOqoRGrB5Vpg5C6Qs"),
            "[REDACTED:openai_key]");
  EXPECT_EQ(redacted("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"),
            "[REDACTED:openai_key]");
  EXPECT_EQ(redacted("key: sk-ant-api03-9AvMp2gUAeSsUfFgUl8oPK_HJN45P-ED75cNRqsKz5b70CO8W7RQ"),
            "key: [REDACTED:anthropic_key]");
  std::string css = "<div class=\"sk-loading-spinner-container-element\">";
  EXPECT_EQ(redacted(css), css);
}

TEST(SecretRules, SlackTokensAndWebhooks) {
  EXPECT_EQ(redacted("token=xoxb-749118625276-0189555979711-8rESQedUStPKR0CsTy4Qwb8D"),
            "token=[REDACTED:slack_token]");
  EXPECT_EQ(
      redacted("https://hooks.slack.com/services/T0ENYJQWX4/B0HH5344TFJ/gVvVqE1SkHbn88HxjSI6"),
      "https://hooks.slack.com/services/[REDACTED:slack_token]");
  std::string example =
      "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX";
  EXPECT_EQ(redacted(example), example);
}

TEST(SecretRules, StripeSecretKeysButNotPublishableKeys) {
  EXPECT_EQ(redacted("Stripe.api_key = 'sk_live_8mC3mMcSBnTTwXtKWcJzKRBH'"),
            "Stripe.api_key = '[REDACTED:stripe_key]'");
  EXPECT_EQ(redacted("whsec_oTyXPojkU1ziGrWzY786O6ax82ZsTSYN"), "[REDACTED:stripe_key]");
  std::string publishable = "STRIPE_PUBLISHABLE_KEY=pk_live_51FakeOnlyPublishableKey0000";
  EXPECT_EQ(redacted(publishable), publishable);
}

TEST(SecretRules, GoogleKeys) {
  EXPECT_EQ(redacted("?key=AIzaKw1zW9-ohP46PbmT1TOkzfR1wKbPXTXx8TT&x=1"),
            "?key=[REDACTED:google_api_key]&x=1");
  EXPECT_EQ(redacted("\"client_secret\": \"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\""),
            "\"client_secret\": \"[REDACTED:google_api_key]\"");
}

TEST(SecretRules, JsonWebTokens) {
  std::string jwt =
      "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ1c2VyX2lkIjo0Miwicm9sZSI6ImFkbWluIn0."
      "jLYQkA-eNH-uiG3GUHeV7HRcTD_LLrLHPhSTTIZ-4Fc";
  EXPECT_EQ(redacted("Authorization: Bearer " + jwt), "Authorization: Bearer [REDACTED:jwt]");
  std::string notJwt = "header = \"eyJhbGciOiJIUzI1NiJ9\"";
  EXPECT_EQ(redacted(notJwt), notJwt);
}

TEST(SecretRules, ConnectionStringsKeepUserAndHost) {
  EXPECT_EQ(redacted("postgres://user:hunter2@host/db"),
            "postgres://user:[REDACTED:connection_string_password]@host/db");
  EXPECT_EQ(redacted("redis://:s3cr3t-pw@cache:6379"),
            "redis://:[REDACTED:connection_string_password]@cache:6379");
  EXPECT_EQ(redacted("Server=db;User Id=sa;Password=Wint3r!Sale42;Encrypt=true"),
            "Server=db;User Id=sa;Password=[REDACTED:connection_string_password];Encrypt=true");
  EXPECT_EQ(redacted("jdbc:mysql://db/shop?user=shop&password=Mysql-Pa55&ssl=1"),
            "jdbc:mysql://db/shop?user=shop&password=[REDACTED:connection_string_password]&ssl=1");
  for (std::string text :
       {"postgres://user:password@localhost/db", "postgres://app:${PGPASSWORD}@db/app",
        "https://example.com:8443/x", "git@github.com:org/repo.git"}) {
    EXPECT_EQ(redacted(text), text);
  }
}

TEST(SecretRules, PasswordAssignmentsReplaceOnlyTheValue) {
  EXPECT_EQ(redacted("password = \"abc123!\""), "password = \"[REDACTED:password_assignment]\"");
  EXPECT_EQ(redacted("DB_PASSWORD=pg-l0cal-8832\n"),
            "DB_PASSWORD=[REDACTED:password_assignment]\n");
  EXPECT_EQ(redacted("  password: Qw3rty!2024\n"), "  password: [REDACTED:password_assignment]\n");
  EXPECT_EQ(redacted("mysql --password=R00t!Dump db"),
            "mysql --password=[REDACTED:password_assignment] db");
  EXPECT_EQ(redacted("<password>Xml$ecret9</password>"),
            "<password>[REDACTED:password_assignment]</password>");
}

TEST(SecretRules, PasswordLookalikesStay) {
  for (std::string text : {
           "password = \"${DB_PASSWORD}\"",
           "password_hint = \"Use at least 12 characters\"",
           "password = getpass.getpass()",
           "login(user=name, password=password)",
           "password: str",
           "bypass = \"k8s-admission-webhook\"",
           "PWD=/home/build/src",
           "password = \"********\"",
       }) {
    EXPECT_EQ(redacted(text), text);
  }
}

TEST(SecretRules, HighEntropyValuesUnderSecretNames) {
  EXPECT_EQ(redacted("API_TOKEN=3fdebd0bd6ba93e3c411a056d753e378\n"),
            "API_TOKEN=[REDACTED:high_entropy_secret]\n");
  EXPECT_EQ(redacted("const webhookSecret = '12qOq3CpS5Fd7YRin3to';"),
            "const webhookSecret = '[REDACTED:high_entropy_secret]';");
  EXPECT_EQ(redacted("curl -H 'Authorization: Bearer s1sxIn0afwciMIZBcQWzxpOlNoX7h0WH'"),
            "curl -H 'Authorization: Bearer [REDACTED:high_entropy_secret]'");
  EXPECT_EQ(redacted("<add key=\"PaymentsApiKey\" value=\"ud0rG8aomi2j6btJbHAfOvzu3nma2oa=\" />"),
            "<add key=\"PaymentsApiKey\" value=\"[REDACTED:high_entropy_secret]\" />");
}

TEST(SecretRules, HighEntropyLookalikesStay) {
  for (std::string text : {
           "api_key = \"your-api-key-here\"",
           "cache_key = \"5d41402abc4b2a76b9719d911017c592\"",
           "next_page_token = \"CiAKGjBpNDd2Nmp2Zml2cXRwYjBpOXA3\"",
           "auth_token = \"abcabcabcabcabcabcabcabc\"",
           "token: 1234567890123456789",
           "access_token = refreshAccessTokenIfExpired(session)",
           "request_id = \"123e4567-e89b-12d3-a456-426614174000\"",
           "max_tokens = 4096",
       }) {
    EXPECT_EQ(redacted(text), text);
  }
}

}  // namespace
}  // namespace gloss::redact
