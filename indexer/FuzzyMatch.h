// Editor-style fuzzy matching of symbol names ("pArg" finds parseArgs): the pattern's characters
// must appear in order in the candidate (ASCII case-insensitive); the best alignment is scored.
// Higher is better. What earns points, most to least:
//   - an exact (case-insensitive) match, then the pattern being a prefix of the name;
//   - each matched character, more at word starts (after '_', '-', '.', ':', '/', ' ', or at a
//     lower→Upper hump or letter/digit change) and right after the previous match;
//   - matching the case the user typed.
// What costs: gaps between matched characters, unmatched leading characters and, slightly, the
// name's length, so that shorter names win ties (parseArgs before parseArgumentsLater).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gloss::indexer {

inline constexpr std::size_t kMaxFuzzyCandidateBytes = 256;  // longer names never match
inline constexpr std::size_t kMaxFuzzyPatternBytes = 64;     // longer patterns are cut here

// Scores many candidates against one pattern, reusing its buffers between calls.
class FuzzyMatcher {
 public:
  explicit FuzzyMatcher(std::string_view pattern);
  // Null when the candidate does not contain the pattern as a subsequence.
  std::optional<int> score(std::string_view candidate);

 private:
  bool isSubsequence(std::string_view candidate) const;

  std::string pattern_;
  std::string loweredPattern_;
  std::vector<int> previousRow_;
  std::vector<int> currentRow_;
  std::vector<int> bonus_;
};

// The pure function: same as FuzzyMatcher(pattern).score(candidate).
std::optional<int> fuzzyScore(std::string_view pattern, std::string_view candidate);

}  // namespace gloss::indexer
