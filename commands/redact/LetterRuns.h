// ASCII character classes and the splitting of text into letter runs ("words" of identifiers),
// shared by the entropy test and the name checks. Bytes above 0x7f are never letters here.
#pragma once

#include <cstddef>
#include <string_view>

namespace gloss::redact {

inline bool isLower(char c) {
  return c >= 'a' && c <= 'z';
}
inline bool isUpper(char c) {
  return c >= 'A' && c <= 'Z';
}
inline bool isLetter(char c) {
  return isLower(c) || isUpper(c);
}
inline bool isDigit(char c) {
  return c >= '0' && c <= '9';
}
inline char toLower(char c) {
  return isUpper(c) ? static_cast<char>(c + ('a' - 'A')) : c;
}

// Where the letter run starting at `begin` (a letter) ends: at a non-letter, where case turns
// from lower to upper (`apiKey` -> api|Key), or before the capital that starts a word after an
// upper-case run (`XMLHttp` -> XML|Http).
std::size_t letterRunEnd(std::string_view text, std::size_t begin);

}  // namespace gloss::redact
