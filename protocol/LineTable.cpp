#include "protocol/LineTable.h"

#include <algorithm>

namespace gloss::protocol {
namespace {

// Length of the UTF-8 sequence starting with `lead`; invalid bytes count as one.
std::size_t sequenceLength(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead & 0xE0) == 0xC0) return 2;
  if ((lead & 0xF0) == 0xE0) return 3;
  if ((lead & 0xF8) == 0xF0) return 4;
  return 1;
}

}  // namespace

const char* positionEncodingName(PositionEncoding encoding) {
  return encoding == PositionEncoding::Utf8 ? "utf-8" : "utf-16";
}

LineTable::LineTable(std::string_view text) : text_(text) {
  starts_.push_back(0);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') starts_.push_back(i + 1);
  }
}

std::string_view LineTable::lineText(std::size_t line) const {
  if (line >= starts_.size()) return {};
  std::size_t begin = starts_[line];
  std::size_t end = line + 1 < starts_.size() ? starts_[line + 1] - 1 : text_.size();
  if (end > begin && text_[end - 1] == '\r' && line + 1 < starts_.size()) --end;
  return text_.substr(begin, end - begin);
}

std::size_t LineTable::lineOf(std::size_t offset) const {
  auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
  return static_cast<std::size_t>(it - starts_.begin()) - 1;
}

std::size_t LineTable::offsetOf(Position position, PositionEncoding encoding) const {
  if (position.line >= starts_.size()) return text_.size();
  std::string_view line = lineText(position.line);
  return starts_[position.line] + bytesForColumn(line, position.character, encoding);
}

Position LineTable::positionOf(std::size_t offset, PositionEncoding encoding) const {
  offset = std::min(offset, text_.size());
  std::size_t line = lineOf(offset);
  std::string_view prefix = text_.substr(starts_[line], offset - starts_[line]);
  return Position{static_cast<std::uint32_t>(line), columnOf(prefix, encoding)};
}

std::uint32_t columnOf(std::string_view prefix, PositionEncoding encoding) {
  if (encoding == PositionEncoding::Utf8) return static_cast<std::uint32_t>(prefix.size());
  std::uint32_t units = 0;
  for (std::size_t i = 0; i < prefix.size();) {
    std::size_t len = sequenceLength(static_cast<unsigned char>(prefix[i]));
    units += len == 4 ? 2 : 1;
    i += len;
  }
  return units;
}

std::size_t bytesForColumn(std::string_view line, std::uint32_t column, PositionEncoding encoding) {
  if (encoding == PositionEncoding::Utf8) return std::min<std::size_t>(column, line.size());
  std::uint32_t units = 0;
  std::size_t i = 0;
  while (i < line.size()) {
    std::size_t len =
        std::min(sequenceLength(static_cast<unsigned char>(line[i])), line.size() - i);
    std::uint32_t width = len == 4 ? 2 : 1;
    if (units + width > column) break;
    units += width;
    i += len;
  }
  return i;
}

}  // namespace gloss::protocol
