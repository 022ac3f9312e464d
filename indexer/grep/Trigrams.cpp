#include "indexer/grep/Trigrams.h"

#include <algorithm>

namespace gloss::indexer {
namespace {

constexpr int kNone = -1;  // no usable byte at this position: trigrams restart after it

// Reads the normalised stream: each call yields the next byte (or kNone) and advances.
struct NormalisedReader {
  std::string_view text;
  std::size_t pos = 0;

  bool done() const { return pos >= text.size(); }
  int next() {
    auto c = static_cast<unsigned char>(text[pos++]);
    if (c < 0x80) {
      if (c == '\n') return kNone;
      return (c >= 'A' && c <= 'Z') ? c + 32 : c;
    }
    if (c == 0xE2 && followedBy(0x84, 0xAA)) {  // U+212A KELVIN SIGN
      pos += 2;
      return 'k';
    }
    if (c == 0xC5 && pos < text.size() && static_cast<unsigned char>(text[pos]) == 0xBF) {
      pos += 1;  // U+017F LATIN SMALL LETTER LONG S
      return 's';
    }
    return kNone;
  }
  bool followedBy(unsigned char a, unsigned char b) const {
    return pos + 1 < text.size() && static_cast<unsigned char>(text[pos]) == a &&
           static_cast<unsigned char>(text[pos + 1]) == b;
  }
};

template <typename OnTrigram>
void forEachTrigram(std::string_view text, OnTrigram&& onTrigram) {
  NormalisedReader reader{text};
  Trigram window = 0;
  int valid = 0;  // how many of the last bytes are usable
  while (!reader.done()) {
    int byte = reader.next();
    if (byte == kNone) {
      valid = 0;
      continue;
    }
    window = ((window << 7) | static_cast<Trigram>(byte)) & (kTrigramSpace - 1);
    if (++valid >= 3) onTrigram(window);
  }
}

}  // namespace

const std::vector<Trigram>& TrigramCollector::collect(std::string_view text) {
  for (Trigram t : trigrams_) seen_[t >> 6] &= ~(std::uint64_t{1} << (t & 63));
  trigrams_.clear();
  forEachTrigram(text, [&](Trigram t) {
    std::uint64_t bit = std::uint64_t{1} << (t & 63);
    if (seen_[t >> 6] & bit) return;
    seen_[t >> 6] |= bit;
    trigrams_.push_back(t);
  });
  std::sort(trigrams_.begin(), trigrams_.end());
  return trigrams_;
}

std::vector<Trigram> literalTrigrams(std::string_view literal) {
  std::vector<Trigram> out;
  forEachTrigram(literal, [&](Trigram t) { out.push_back(t); });
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

void appendPosting(std::string& out, std::uint32_t delta) {
  while (delta >= 0x80) {
    out.push_back(static_cast<char>((delta & 0x7F) | 0x80));
    delta >>= 7;
  }
  out.push_back(static_cast<char>(delta));
}

void decodePostings(std::string_view bytes, std::vector<std::uint32_t>& out) {
  std::uint32_t id = 0, value = 0;
  int shift = 0;
  for (char ch : bytes) {
    auto c = static_cast<unsigned char>(ch);
    value |= static_cast<std::uint32_t>(c & 0x7F) << shift;
    if (c & 0x80) {
      shift += 7;
      if (shift > 28) return;  // not a varint this code wrote: stop rather than misread
      continue;
    }
    id += value;
    out.push_back(id);
    value = 0;
    shift = 0;
  }
}

}  // namespace gloss::indexer
