#include "server/sessions/AutoTitle.h"

namespace gloss::server::sessions {
namespace {

bool isSpace(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

bool isContinuationByte(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

std::size_t codePoints(std::string_view text) {
  std::size_t count = 0;
  for (char c : text) count += isContinuationByte(c) ? 0 : 1;
  return count;
}

// The byte offset just past the first `n` code points.
std::size_t offsetOf(std::string_view text, std::size_t n) {
  std::size_t seen = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (isContinuationByte(text[i])) continue;
    if (seen == n) return i;
    ++seen;
  }
  return text.size();
}

std::string collapsedFirstLine(std::string_view message) {
  std::string line;
  bool pendingSpace = false;
  for (char c : message) {
    if (c == '\n') {
      if (!line.empty()) break;
      continue;
    }
    if (isSpace(c)) {
      pendingSpace = !line.empty();
      continue;
    }
    if (pendingSpace) line += ' ';
    pendingSpace = false;
    line += c;
  }
  return line;
}

}  // namespace

std::string autoTitle(std::string_view message, std::size_t maxChars) {
  std::string line = collapsedFirstLine(message);
  if (codePoints(line) <= maxChars || maxChars == 0) return line;
  std::size_t limit = offsetOf(line, maxChars - 1);  // room for the "…"
  std::size_t cut = limit;
  if (line[limit] != ' ') {
    std::size_t space = line.rfind(' ', limit);
    if (space != std::string::npos && space > 0) cut = space;
  }
  line.resize(cut);
  while (!line.empty() && line.back() == ' ') line.pop_back();
  return line + "\xE2\x80\xA6";
}

}  // namespace gloss::server::sessions
