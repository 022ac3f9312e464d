// Converts between byte offsets and LSP positions (line + character in UTF-16 code units, or
// UTF-8 bytes when negotiated). Built once per text: line starts are indexed, so each lookup
// costs one binary search plus a scan of one line.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "protocol/LspTypes.h"

namespace gloss::protocol {

enum class PositionEncoding { Utf16, Utf8 };
// The name LSP uses for an encoding ("utf-16", "utf-8").
const char* positionEncodingName(PositionEncoding encoding);

class LineTable {
 public:
  explicit LineTable(std::string_view text);

  std::size_t lineCount() const { return starts_.size(); }
  std::size_t lineStart(std::size_t line) const { return starts_[line]; }
  // The line's bytes without its terminator (\n or \r\n).
  std::string_view lineText(std::size_t line) const;
  std::size_t lineOf(std::size_t offset) const;

  // As LSP says: a character past the end of a line means the line's end, a line past the end
  // of the text means the text's end.
  std::size_t offsetOf(Position position, PositionEncoding encoding) const;
  Position positionOf(std::size_t offset, PositionEncoding encoding) const;

 private:
  std::string_view text_;
  std::vector<std::size_t> starts_;
};

// Width of a line prefix in the encoding's units (UTF-16 counts astral characters as two).
std::uint32_t columnOf(std::string_view linePrefix, PositionEncoding encoding);
// The byte length of the longest prefix of `line` whose width is at most `column`.
std::size_t bytesForColumn(std::string_view line, std::uint32_t column, PositionEncoding encoding);

}  // namespace gloss::protocol
