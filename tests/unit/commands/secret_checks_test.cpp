// The checks that judge a match: which names hold secrets, which values stand for one.
#include <gtest/gtest.h>

#include "commands/redact/CandidateChecks.h"

namespace gloss::redact {
namespace {

using Words = std::vector<std::string>;

TEST(SecretChecks, NameWords) {
  EXPECT_EQ(nameWords("self.apiKey"), (Words{"self", "api", "key"}));
  EXPECT_EQ(nameWords("AWS_SECRET_ACCESS_KEY2"), (Words{"aws", "secret", "access", "key"}));
  EXPECT_EQ(nameWords("X-Api-Key"), (Words{"x", "api", "key"}));
  EXPECT_EQ(nameWords("HTTPAuthToken"), (Words{"http", "auth", "token"}));
  EXPECT_EQ(nameWords("--"), Words{});
}

TEST(SecretChecks, SecretNames) {
  for (std::string_view name :
       {"api_key", "apiKey", "APIKEY", "SECRET_KEY", "client_secret", "GITHUB_TOKEN", "authToken",
        "credentials", "basic_auth", "X-Amz-Signature", "kLicenseKey", "webhookSecret"}) {
    EXPECT_TRUE(isSecretName(name)) << name;
  }
  for (std::string_view name :
       {"key", "cache_key", "public_key", "sort_key", "monkey", "next_page_token", "eos_token",
        "token_type", "max_tokens", "tokenizer", "secret_name", ""}) {
    EXPECT_FALSE(isSecretName(name)) << name;
  }
}

TEST(SecretChecks, PasswordNames) {
  for (std::string_view name : {"password", "DB_PASSWORD", "PGPASSWORD", "userPassword", "db_pass",
                                "PWD", "passwd", "keystorePassphrase"}) {
    EXPECT_TRUE(isPasswordName(name)) << name;
  }
  for (std::string_view name : {"bypass", "compass", "password_hint", "passwordLength", "pw"}) {
    EXPECT_FALSE(isPasswordName(name)) << name;
  }
}

TEST(SecretChecks, Placeholders) {
  for (std::string_view value :
       {"${DB_PASSWORD}", "{{ token }}", "{password}", "<your-token>", "$TOKEN", "%DB_PASS%", "%s",
        "%(password)s", "'%s:%s'", "password", "CHANGEME", "None", "your_api_key",
        "REPLACE_ME_please", "process.env.API_KEY", "xxx", "[REDACTED:jwt]"}) {
    EXPECT_TRUE(isPlaceholder(value)) << value;
  }
  for (std::string_view value : {"hunter2", "Tr0ub4dor&3", "s3cr3t-redis-pw", "Xml$ecret9"}) {
    EXPECT_FALSE(isPlaceholder(value)) << value;
  }
}

TEST(SecretChecks, MasksPathsAndCode) {
  EXPECT_TRUE(looksMasked("AKIAXXXXXXXXXXXXXXXX"));
  EXPECT_TRUE(looksMasked("sk-*****"));
  EXPECT_FALSE(looksMasked("AKIAVQJXXVBOTHD0WTFL"));

  EXPECT_TRUE(looksLikePath("/var/lib/app"));
  EXPECT_TRUE(looksLikePath("C:\\Users\\ci"));
  EXPECT_TRUE(looksLikePath("~/secrets.txt"));
  EXPECT_FALSE(looksLikePath("pa/ss"));

  EXPECT_TRUE(looksLikeExpression("getpass()"));
  EXPECT_TRUE(looksLikeExpression("config.db.password"));
  EXPECT_TRUE(looksLikeExpression("pw;"));
  EXPECT_TRUE(looksLikeExpression("Settings::password"));
  EXPECT_FALSE(looksLikeExpression("pa55.4word"));  // a segment starts with a digit

  EXPECT_TRUE(looksLikeCredentialVariable("password_mgr"));
  EXPECT_TRUE(looksLikeCredentialVariable("apiToken"));
  EXPECT_FALSE(looksLikeCredentialVariable("hunter2"));

  EXPECT_TRUE(looksLikeBareIdentifier("user_pw"));
  EXPECT_FALSE(looksLikeBareIdentifier("letmein1"));
}

}  // namespace
}  // namespace gloss::redact
