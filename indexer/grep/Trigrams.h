// Trigrams for grep's prefilter. Text is read as a normalised stream: ASCII letters folded to
// lower case, and the two non-ASCII characters whose case folding reaches ASCII (KELVIN SIGN →
// k, LONG S → s) mapped to it, so a case-insensitive regex can never match text whose trigrams
// were not recorded. Only trigrams of three ASCII bytes (line breaks excluded) are kept: a
// query splits its literals at any other byte, so those trigrams are never asked for.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gloss::indexer {

using Trigram = std::uint32_t;  // three 7-bit bytes
inline constexpr Trigram kTrigramSpace = 1u << 21;

// Collects the distinct trigrams of texts; reusable, and allocation-free once warm.
class TrigramCollector {
 public:
  TrigramCollector() : seen_(kTrigramSpace / 64, 0) {}
  // The distinct trigrams of `text`, sorted; valid until the next call.
  const std::vector<Trigram>& collect(std::string_view text);

 private:
  std::vector<std::uint64_t> seen_;
  std::vector<Trigram> trigrams_;
};

// The trigrams every match of a literal (as RE2's prefilter gives it, lower case) must contain:
// those of its ASCII runs. Empty when it has none, i.e. the literal constrains nothing.
std::vector<Trigram> literalTrigrams(std::string_view literal);

// Posting lists: ascending file ids, delta-encoded as LEB128 varints.
void appendPosting(std::string& out, std::uint32_t delta);
void decodePostings(std::string_view bytes, std::vector<std::uint32_t>& out);

}  // namespace gloss::indexer
