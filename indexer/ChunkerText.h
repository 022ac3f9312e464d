// Byte/line bookkeeping shared by the chunker's parts: where lines start, how many non-blank
// characters a byte range holds (the chunk budget is counted in those), and small text helpers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gloss::indexer::chunker {

inline bool isBlank(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

class LineIndex {
 public:
  explicit LineIndex(std::string_view text);

  std::string_view text() const { return text_; }
  std::uint32_t size() const { return static_cast<std::uint32_t>(text_.size()); }
  std::uint32_t lineCount() const { return static_cast<std::uint32_t>(starts_.size()); }
  std::uint32_t lineStart(std::uint32_t line) const;  // size() past the last line
  // The line holding `byte`; bytes at or past the end belong to the last line.
  std::uint32_t lineOf(std::uint32_t byte) const;
  // The line holding the last byte of [begin, end); `begin`'s line when the range is empty.
  std::uint32_t lastLineOf(std::uint32_t begin, std::uint32_t end) const {
    return lineOf(end > begin ? end - 1 : begin);
  }
  // Start of the line after the one holding `byte` (size() on the last line).
  std::uint32_t nextLineStart(std::uint32_t byte) const { return lineStart(lineOf(byte) + 1); }
  std::uint32_t column(std::uint32_t byte) const { return byte - lineStart(lineOf(byte)); }
  bool startsLine(std::uint32_t byte) const;  // only blanks before it on its line
  std::size_t nonBlank(std::uint32_t begin, std::uint32_t end) const;
  bool isBlankRange(std::uint32_t begin, std::uint32_t end) const;

 private:
  static constexpr std::uint32_t kBlock = 64;
  std::size_t nonBlankPrefix(std::uint32_t byte) const;

  std::string_view text_;
  std::vector<std::uint32_t> starts_;
  std::vector<std::uint32_t> blockPrefix_;  // non-blank bytes before each kBlock-byte block
};

// A chunk budget: a range fits when it is within both limits.
struct Budget {
  std::size_t maxChars = 0;  // non-blank characters
  std::size_t maxLines = 0;
  bool fits(const LineIndex& lines, std::uint32_t begin, std::uint32_t end) const;
};

// Collapses every run of blanks into one space, drops blanks just inside brackets, trims, and
// stops after about `limit` bytes (never inside a UTF-8 sequence).
std::string collapseBlanks(std::string_view text, std::size_t limit);

// Moves `pos` back to the start of a UTF-8 sequence (at most three bytes), never below `floor`.
std::uint32_t utf8Boundary(std::string_view text, std::uint32_t pos, std::uint32_t floor);

}  // namespace gloss::indexer::chunker
