#include "indexer/ChunkerText.h"

#include <algorithm>

namespace gloss::indexer::chunker {

LineIndex::LineIndex(std::string_view text) : text_(text) {
  starts_.push_back(0);
  blockPrefix_.reserve(text.size() / kBlock + 2);
  std::uint32_t count = 0;
  for (std::uint32_t i = 0; i < text.size(); ++i) {
    if (i % kBlock == 0) blockPrefix_.push_back(count);
    char c = text[i];
    if (!isBlank(c)) ++count;
    if (c == '\n' && i + 1 < text.size()) starts_.push_back(i + 1);
  }
  blockPrefix_.push_back(count);
}

std::uint32_t LineIndex::lineStart(std::uint32_t line) const {
  return line < starts_.size() ? starts_[line] : size();
}

std::uint32_t LineIndex::lineOf(std::uint32_t byte) const {
  auto it = std::upper_bound(starts_.begin(), starts_.end(), byte);
  return static_cast<std::uint32_t>(it - starts_.begin()) - 1;
}

bool LineIndex::startsLine(std::uint32_t byte) const {
  for (std::uint32_t i = lineStart(lineOf(byte)); i < byte; ++i) {
    if (!isBlank(text_[i])) return false;
  }
  return true;
}

std::size_t LineIndex::nonBlankPrefix(std::uint32_t byte) const {
  byte = std::min(byte, size());
  std::uint32_t block = byte / kBlock;
  std::size_t count = block < blockPrefix_.size() ? blockPrefix_[block] : blockPrefix_.back();
  for (std::uint32_t i = block * kBlock; i < byte; ++i) {
    if (!isBlank(text_[i])) ++count;
  }
  return count;
}

std::size_t LineIndex::nonBlank(std::uint32_t begin, std::uint32_t end) const {
  return end > begin ? nonBlankPrefix(end) - nonBlankPrefix(begin) : 0;
}

bool LineIndex::isBlankRange(std::uint32_t begin, std::uint32_t end) const {
  return nonBlank(begin, end) == 0;
}

bool Budget::fits(const LineIndex& lines, std::uint32_t begin, std::uint32_t end) const {
  if (end <= begin) return true;
  std::size_t lineSpan = lines.lastLineOf(begin, end) - lines.lineOf(begin) + 1;
  if (lineSpan > maxLines) return false;
  // Cheap accept before counting: a range no longer than the budget cannot exceed it.
  return end - begin <= maxChars || lines.nonBlank(begin, end) <= maxChars;
}

std::string collapseBlanks(std::string_view text, std::size_t limit) {
  std::string out;
  out.reserve(std::min(text.size(), limit + 4));
  bool pendingSpace = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (isBlank(c)) {
      pendingSpace = !out.empty();
      continue;
    }
    bool closing = c == ')' || c == ']';
    bool afterOpening = !out.empty() && (out.back() == '(' || out.back() == '[');
    if (pendingSpace && !closing && !afterOpening) out.push_back(' ');
    pendingSpace = false;
    // Stop only at the start of a UTF-8 sequence so the result stays valid where the input was.
    if (out.size() >= limit && (static_cast<unsigned char>(c) & 0xC0) != 0x80) break;
    out.push_back(c);
  }
  return out;
}

std::uint32_t utf8Boundary(std::string_view text, std::uint32_t pos, std::uint32_t floor) {
  for (int steps = 0; steps < 3 && pos > floor && pos < text.size(); ++steps) {
    if ((static_cast<unsigned char>(text[pos]) & 0xC0) != 0x80) break;
    --pos;
  }
  return pos;
}

}  // namespace gloss::indexer::chunker
