#include "indexer/FuzzyMatch.h"

#include <algorithm>
#include <limits>

namespace gloss::indexer {
namespace {

// Weights, tuned so structure (word starts, runs) outweighs length, and length breaks ties.
constexpr int kMatch = 16;
constexpr int kStartBonus = 12;      // first character of the name
constexpr int kWordStartBonus = 10;  // after a separator: parse_Args, a.Args
constexpr int kHumpBonus = 9;        // camel hump or acronym end: parseArgs, XMLHttp
constexpr int kDigitBonus = 5;       // letter/digit change: utf8, v2
constexpr int kCaseBonus = 2;        // the character has the case the user typed
constexpr int kConsecutiveBonus = 6;
constexpr int kGapStart = 3;
constexpr int kGapExtension = 1;
constexpr int kMaxLeadingPenalty = 8;
constexpr int kPrefixBonus = 20;
constexpr int kExactBonus = 40;
constexpr int kUnreachable = std::numeric_limits<int>::min() / 2;

bool isLower(unsigned char c) {
  return c >= 'a' && c <= 'z';
}
bool isUpper(unsigned char c) {
  return c >= 'A' && c <= 'Z';
}
bool isDigit(unsigned char c) {
  return c >= '0' && c <= '9';
}
bool isAlnum(unsigned char c) {
  return isLower(c) || isUpper(c) || isDigit(c);
}
char lower(char c) {
  auto u = static_cast<unsigned char>(c);
  return static_cast<char>(isUpper(u) ? u + ('a' - 'A') : u);
}
bool reachable(int value) {
  return value > kUnreachable / 2;
}

int boundaryBonus(std::string_view name, std::size_t j) {
  auto current = static_cast<unsigned char>(name[j]);
  if (!isAlnum(current)) return 0;
  if (j == 0) return kStartBonus;
  auto previous = static_cast<unsigned char>(name[j - 1]);
  if (previous < 0x80 && !isAlnum(previous)) return kWordStartBonus;
  if (isLower(previous) && isUpper(current)) return kHumpBonus;
  if (isUpper(previous) && isUpper(current) && j + 1 < name.size() &&
      isLower(static_cast<unsigned char>(name[j + 1]))) {
    return kHumpBonus;
  }
  if (previous < 0x80 && isDigit(previous) != isDigit(current)) return kDigitBonus;
  return 0;
}

bool startsWithIgnoringCase(std::string_view name, std::string_view loweredPrefix) {
  if (name.size() < loweredPrefix.size()) return false;
  for (std::size_t i = 0; i < loweredPrefix.size(); ++i) {
    if (lower(name[i]) != loweredPrefix[i]) return false;
  }
  return true;
}

}  // namespace

FuzzyMatcher::FuzzyMatcher(std::string_view pattern)
    : pattern_(pattern.substr(0, kMaxFuzzyPatternBytes)) {
  loweredPattern_.reserve(pattern_.size());
  for (char c : pattern_) loweredPattern_ += lower(c);
}

bool FuzzyMatcher::isSubsequence(std::string_view candidate) const {
  std::size_t i = 0;
  for (char c : candidate) {
    if (i < loweredPattern_.size() && lower(c) == loweredPattern_[i]) ++i;
  }
  return i == loweredPattern_.size();
}

// previousRow_[j] / currentRow_[j]: best score of the pattern's first i+1 characters with the
// last one matched at candidate[j]. A gap's best predecessor is carried along the row so the
// whole alignment costs O(pattern × candidate).
std::optional<int> FuzzyMatcher::score(std::string_view candidate) {
  const std::size_t n = candidate.size();
  const std::size_t m = pattern_.size();
  if (n > kMaxFuzzyCandidateBytes || m > n || !isSubsequence(candidate)) return std::nullopt;
  const int lengthPenalty = static_cast<int>(n / 4);
  if (m == 0) return -lengthPenalty;

  bonus_.resize(n);
  for (std::size_t j = 0; j < n; ++j) bonus_[j] = boundaryBonus(candidate, j);
  auto charScore = [&](std::size_t i, std::size_t j) {
    return kMatch + bonus_[j] + (pattern_[i] == candidate[j] ? kCaseBonus : 0);
  };
  auto matches = [&](std::size_t i, std::size_t j) {
    return lower(candidate[j]) == loweredPattern_[i];
  };

  previousRow_.assign(n, kUnreachable);
  for (std::size_t j = 0; j < n; ++j) {
    if (matches(0, j)) {
      int leading = std::min(static_cast<int>(j), kMaxLeadingPenalty);
      previousRow_[j] = charScore(0, j) - leading;
    }
  }
  for (std::size_t i = 1; i < m; ++i) {
    currentRow_.assign(n, kUnreachable);
    int gap = kUnreachable;
    for (std::size_t j = 1; j < n; ++j) {
      if (j >= 2) gap = std::max(gap - kGapExtension, previousRow_[j - 2] - kGapStart);
      if (!matches(i, j)) continue;
      int run =
          reachable(previousRow_[j - 1]) ? previousRow_[j - 1] + kConsecutiveBonus : kUnreachable;
      int best = std::max(run, gap);
      if (reachable(best)) currentRow_[j] = best + charScore(i, j);
    }
    std::swap(previousRow_, currentRow_);
  }

  int best = *std::max_element(previousRow_.begin(), previousRow_.end());
  if (!reachable(best)) return std::nullopt;
  if (startsWithIgnoringCase(candidate, loweredPattern_)) {
    best += kPrefixBonus;
    if (n == m) best += kExactBonus;
  }
  return best - lengthPenalty;
}

std::optional<int> fuzzyScore(std::string_view pattern, std::string_view candidate) {
  return FuzzyMatcher(pattern).score(candidate);
}

}  // namespace gloss::indexer
