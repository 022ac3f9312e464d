// Shannon entropy, and the test behind the high_entropy_secret rule: does a value assigned to a
// name like `api_key` look like a random token rather than a word, an identifier or a pattern?
//
// Entropy alone cannot decide. Over its characters, `getUserAccessToken` scores 3.35 bits per
// character and `test_api_key_12345` 3.68, while a random 16-character base62 token scores
// between 2.9 and 4.2 (mean 3.77). So a value is random-looking only when all of these hold:
//  - at least kMinRandomLength characters, with at least one letter (all-digit values are ids,
//    ports, phone numbers, timestamps) and at least one digit or symbol other than `_-.`: values
//    of letters and those separators alone are identifiers and words (`usedRepositoryInPkgJson`,
//    whose abbreviations fool the word test below), and few generated tokens lack digits;
//  - entropy of at least kMinEntropy bits per character. This rejects patterns:
//    `x1x1x1x1x1x1x1x1` (1.0), `ab12ab12ab12ab12` (2.0), `abcabcabcabcabcabc` (1.6);
//  - it does not read as words: at least kMaxWordShare of its letters in word-like runs (`test`,
//    `Api`, `KEY`), with at most kMaxLetterDigitSwitches places where a letter touches a digit
//    (`oauth2Client` has 2; a random 16-character base62 token about 4).
// Hex strings (digits, a-f and '-', as in UUIDs) are judged apart: their 16-symbol alphabet caps
// entropy at 4 bits, and their letters say nothing about words. They need kMinHexEntropy and at
// least one digit and one letter (`deadbeefcafebabe` has none of the first).
//
// Measured on random tokens (tests/unit/commands/secret_entropy_test.cpp), the share that pass:
// base62 of 16 characters 94% (most misses have no digit), of 20 97%, of 32 or more 99.5%;
// hex of 16 characters 92%, of 24 or more 99.8%.
#pragma once

#include <cstddef>
#include <string_view>

namespace gloss::redact {

inline constexpr std::size_t kMinRandomLength = 16;
inline constexpr double kMinEntropy = 3.2;
inline constexpr double kMinHexEntropy = 2.9;
inline constexpr double kMaxWordShare = 0.8;
inline constexpr std::size_t kMaxLetterDigitSwitches = 2;

// Bits per character of the byte distribution of `text`; 0 for empty text.
double shannonEntropy(std::string_view text);

// The share of ASCII letters that sit in word-like runs. A run is a maximal stretch of letters,
// split where case turns from lower to upper (`apiKey` -> api, Key) or from an upper run to a
// capitalised word (`XMLHttp` -> XML, Http). A run is word-like when it has at least 3 letters,
// a vowel (y included) and no more than 3 consonants in a row. 0 when there are no letters.
double wordLetterShare(std::string_view text);

// How often a letter and a digit stand side by side.
std::size_t letterDigitSwitches(std::string_view text);

// Whether `value` passes all the tests above.
bool looksRandom(std::string_view value);

}  // namespace gloss::redact
