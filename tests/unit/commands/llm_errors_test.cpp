#include <gtest/gtest.h>

#include "commands/llm/ProviderErrors.h"

namespace gloss::llm {
namespace {

constexpr std::string_view kKey = "sk-proj-AbCdEfGh0123456789WxYz";

TEST(LlmErrorsTest, ScrubsTheKeyAndMaskedEchoesOfIt) {
  EXPECT_EQ(scrubKey(std::string("bad key ") + std::string(kKey) + ".", kKey),
            "bad key [redacted].");
  EXPECT_EQ(scrubKey("Incorrect API key provided: sk-proj-****6789WxYz. See docs.", kKey),
            "Incorrect API key provided: [redacted]. See docs.");
  EXPECT_EQ(scrubKey("nothing to hide", kKey), "nothing to hide");
  EXPECT_EQ(scrubKey("short key abc", ""), "short key abc");
}

TEST(LlmErrorsTest, ScrubbingEndsEvenWhenTheKeyLooksLikeTheReplacement) {
  std::string key = "xxxxxxxx[redacted]";
  EXPECT_EQ(scrubKey("a " + key + " b", key).find(key), std::string::npos);
  EXPECT_EQ(scrubKey("edacted] [redacted]", key).find(key), std::string::npos);
}

TEST(LlmErrorsTest, WithholdsAMessageWhereTheReplacementSpellsTheKeyAgain) {
  // Replacing the key inside "x<key>y" leaves "x[redacted]y", which is the key itself.
  std::string key = "x[redacted]y";
  EXPECT_EQ(scrubKey("x" + key + "y", key), "(message withheld: it contained the API key)");
}

TEST(LlmErrorsTest, FindsTheProviderMessageInEachFormat) {
  EXPECT_EQ(providerErrorMessage(R"({"error":{"message":"model not found","type":"x"}})"),
            "model not found");
  EXPECT_EQ(
      providerErrorMessage(R"({"type":"error","error":{"type":"overloaded","message":"busy"}})"),
      "busy");
  EXPECT_EQ(providerErrorMessage(R"({"error":"model 'x' not found"})"), "model 'x' not found");
  EXPECT_FALSE(providerErrorMessage("<html>502</html>"));
  EXPECT_FALSE(providerErrorMessage(R"({"detail":"nope"})"));
}

TEST(LlmErrorsTest, HttpErrorsAreSentencesWithStatusAndProviderMessage) {
  ProviderError error = httpError(
      401, "The openai provider at https://api.openai.com/v1",
      R"({"error":{"message":"Incorrect API key provided: sk-proj-****6789WxYz"}})", kKey);
  EXPECT_EQ(error.kind, ProviderError::Kind::Http);
  EXPECT_EQ(error.httpStatus, 401);
  EXPECT_EQ(error.message,
            "The openai provider at https://api.openai.com/v1 answered HTTP 401 (Unauthorized): "
            "Incorrect API key provided: [redacted].");
  ProviderError limited = httpError(429, "It", "", kKey);
  EXPECT_EQ(limited.kind, ProviderError::Kind::RateLimited);
  EXPECT_EQ(limited.message, "It answered HTTP 429 (Too Many Requests).");
  EXPECT_EQ(httpError(599, "It", "not json", kKey).message, "It answered HTTP 599.");
}

}  // namespace
}  // namespace gloss::llm
