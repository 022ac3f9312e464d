// Shannon entropy and the random-looking test behind high_entropy_secret, including pass rates
// over random tokens (printed), which back the numbers documented in Entropy.h.
#include <gtest/gtest.h>

#include <cstdio>
#include <random>
#include <string>

#include "commands/redact/Entropy.h"

namespace gloss::redact {
namespace {

constexpr std::string_view kBase62 =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
constexpr std::string_view kBase64 =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr std::string_view kHex = "0123456789abcdef";

TEST(SecretEntropy, ShannonEntropyInBitsPerCharacter) {
  EXPECT_DOUBLE_EQ(shannonEntropy(""), 0.0);
  EXPECT_DOUBLE_EQ(shannonEntropy("aaaa"), 0.0);
  EXPECT_DOUBLE_EQ(shannonEntropy("abab"), 1.0);
  EXPECT_DOUBLE_EQ(shannonEntropy("abcd"), 2.0);
  EXPECT_NEAR(shannonEntropy("aab"), 0.9183, 1e-4);
  std::string allBytes;
  for (int b = 0; b < 256; ++b) allBytes += static_cast<char>(b);
  EXPECT_DOUBLE_EQ(shannonEntropy(allBytes), 8.0);
}

TEST(SecretEntropy, ThresholdSeparatesEightFromTenSymbols) {
  // Same shape, letters and digits alternating: 8 distinct symbols give 3.0 bits, 10 give 3.32.
  // (Letters past `f`, so that the hex threshold does not apply.)
  EXPECT_LT(shannonEntropy("g1h2j3k4g1h2j3k4g1h2"), kMinEntropy);
  EXPECT_FALSE(looksRandom("g1h2j3k4g1h2j3k4g1h2"));
  EXPECT_GE(shannonEntropy("g1h2j3k4m5g1h2j3k4m5"), kMinEntropy);
  EXPECT_TRUE(looksRandom("g1h2j3k4m5g1h2j3k4m5"));
}

TEST(SecretEntropy, WordShareAndLetterDigitSwitches) {
  EXPECT_DOUBLE_EQ(wordLetterShare("test_api_key_12345"), 1.0);
  EXPECT_DOUBLE_EQ(wordLetterShare("getUserAccessToken"), 1.0);
  EXPECT_DOUBLE_EQ(wordLetterShare("XMLHttpRequest"), 7.0 / 14.0);  // XML, Http lack vowels
  EXPECT_DOUBLE_EQ(wordLetterShare("12345"), 0.0);
  EXPECT_LT(wordLetterShare("x6MEOLeMa61EqJomTEI1JEzO3joOj37H"), kMaxWordShare);
  EXPECT_EQ(letterDigitSwitches("oauth2Client"), 2u);
  EXPECT_EQ(letterDigitSwitches("api_key_12345"), 0u);
  EXPECT_EQ(letterDigitSwitches("a1b2"), 3u);
}

TEST(SecretEntropy, FabricatedTokensLookRandom) {
  for (std::string_view token : {
           "12qOq3CpS5Fd7YRin3to",
           "x6MEOLeMa61EqJomTEI1JEzO3joOj37HyVaQXekW9LctXb03rE",
           "SM1IE6dQieYsW1odMiEq1ak5G9W/NEnKEiStkhn25uU=",
           "VxeKT6D9GMKPoQMPfZZ_bl1DB9oMNjqZ",
           "3fdebd0bd6ba93e3c411a056d753e378",
           "21636369-8b52-4b4a-97b7-50923ceb3ffd",
           "django-insecure-#_y-1z_!2ixgci5nq*1)%t06y!w8@0@ov*br#&(k(u8!!g-^n%",
       }) {
    EXPECT_TRUE(looksRandom(token)) << token;
  }
}

TEST(SecretEntropy, WordsIdentifiersAndPatternsDoNot) {
  for (std::string_view value : {
           "short1A",                     // under 16 characters
           "12345678901234567890",        // digits only: an id
           "test_api_key_12345",          // words
           "my-super-secret-token-2024",  // words
           "DJANGO_SECRET_KEY_FROM_ENVIRONMENT",
           "usedRepositoryInPkgJson",        // letters only: an identifier
           "this.configService.getOrThrow",  // member access
           "x1x1x1x1x1x1x1x1",               // entropy 1.0
           "abcabcabcabcabcabc",             // entropy 1.58
           "deadbeefcafebabedeadbeef",       // hex without a digit
           "0000-1111-0000-1111",            // hex without a letter
       }) {
    EXPECT_FALSE(looksRandom(value)) << value;
  }
}

double passRate(std::string_view alphabet, std::size_t length, std::mt19937& random) {
  constexpr int kSamples = 4000;
  int passed = 0;
  for (int i = 0; i < kSamples; ++i) {
    std::string token;
    for (std::size_t j = 0; j < length; ++j) token += alphabet[random() % alphabet.size()];
    passed += looksRandom(token) ? 1 : 0;
  }
  return static_cast<double>(passed) / kSamples;
}

TEST(SecretEntropy, PassRatesOfRandomTokens) {
  struct Expectation {
    const char* name;
    std::string_view alphabet;
    std::size_t length;
    double atLeast;
  };
  std::mt19937 random(20240611);
  for (const Expectation& e : {
           Expectation{"base62", kBase62, 16, 0.90},
           Expectation{"base62", kBase62, 20, 0.95},
           Expectation{"base62", kBase62, 32, 0.99},
           Expectation{"base62", kBase62, 40, 0.99},
           Expectation{"base64", kBase64, 32, 0.99},
           Expectation{"hex", kHex, 16, 0.88},
           Expectation{"hex", kHex, 24, 0.99},
           Expectation{"hex", kHex, 32, 0.99},
           Expectation{"hex", kHex, 40, 0.99},
       }) {
    double rate = passRate(e.alphabet, e.length, random);
    std::printf("%-7s length %2zu: %5.1f%% look random\n", e.name, e.length, 100 * rate);
    EXPECT_GE(rate, e.atLeast) << e.name << " " << e.length;
  }
}

}  // namespace
}  // namespace gloss::redact
