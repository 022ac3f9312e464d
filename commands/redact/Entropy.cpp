#include "commands/redact/Entropy.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "commands/redact/LetterRuns.h"

namespace gloss::redact {
namespace {

bool isHexOrDash(char c) {
  return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '-';
}

// What identifiers and prose are made of: letters and the separators `_`, `-`, `.`.
bool isNamePart(char c) {
  return isLetter(c) || c == '_' || c == '-' || c == '.';
}

bool isVowel(char c) {
  switch (toLower(c)) {
    case 'a':
    case 'e':
    case 'i':
    case 'o':
    case 'u':
    case 'y':
      return true;
    default:
      return false;
  }
}

// Words have vowels and short consonant clusters; random letters often have neither.
bool isWordLikeRun(std::string_view run) {
  constexpr std::size_t kMinWordLength = 3;
  constexpr std::size_t kMaxConsonantRun = 3;
  if (run.size() < kMinWordLength) return false;
  bool hasVowel = false;
  std::size_t consonants = 0;
  for (char c : run) {
    hasVowel = hasVowel || isVowel(c);
    consonants = isVowel(c) ? 0 : consonants + 1;
    if (consonants > kMaxConsonantRun) return false;
  }
  return hasVowel;
}

bool readsAsWords(std::string_view value) {
  return wordLetterShare(value) >= kMaxWordShare &&
         letterDigitSwitches(value) <= kMaxLetterDigitSwitches;
}

bool looksRandomHex(std::string_view value) {
  bool hasDigit = std::any_of(value.begin(), value.end(), isDigit);
  bool hasLetter = std::any_of(value.begin(), value.end(), isLetter);
  return hasDigit && hasLetter && shannonEntropy(value) >= kMinHexEntropy;
}

}  // namespace

double shannonEntropy(std::string_view text) {
  if (text.empty()) return 0;
  std::array<std::size_t, 256> counts{};
  for (char c : text) ++counts[static_cast<unsigned char>(c)];
  double bits = 0;
  auto total = static_cast<double>(text.size());
  for (std::size_t count : counts) {
    if (count == 0) continue;
    double p = static_cast<double>(count) / total;
    bits -= p * std::log2(p);
  }
  return bits;
}

double wordLetterShare(std::string_view text) {
  std::size_t letters = 0;
  std::size_t wordLetters = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    if (!isLetter(text[i])) {
      ++i;
      continue;
    }
    std::size_t end = letterRunEnd(text, i);
    letters += end - i;
    if (isWordLikeRun(text.substr(i, end - i))) wordLetters += end - i;
    i = end;
  }
  return letters == 0 ? 0 : static_cast<double>(wordLetters) / static_cast<double>(letters);
}

std::size_t letterDigitSwitches(std::string_view text) {
  std::size_t switches = 0;
  for (std::size_t i = 1; i < text.size(); ++i) {
    char a = text[i - 1];
    char b = text[i];
    if ((isLetter(a) && isDigit(b)) || (isDigit(a) && isLetter(b))) ++switches;
  }
  return switches;
}

bool looksRandom(std::string_view value) {
  if (value.size() < kMinRandomLength) return false;
  if (std::all_of(value.begin(), value.end(), isHexOrDash)) return looksRandomHex(value);
  if (std::none_of(value.begin(), value.end(), isLetter)) return false;
  if (std::all_of(value.begin(), value.end(), isNamePart)) return false;
  return shannonEntropy(value) >= kMinEntropy && !readsAsWords(value);
}

}  // namespace gloss::redact
