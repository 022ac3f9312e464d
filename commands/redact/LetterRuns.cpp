#include "commands/redact/LetterRuns.h"

namespace gloss::redact {

std::size_t letterRunEnd(std::string_view text, std::size_t begin) {
  std::size_t end = begin + 1;
  bool upperRun = isUpper(text[begin]);
  while (end < text.size() && isLetter(text[end])) {
    char c = text[end];
    if (isUpper(c) && isLower(text[end - 1])) break;
    if (upperRun && isLower(c)) {
      // A single capital followed by lower case is one capitalised word (`Http`).
      if (end - begin > 1) return end - 1;
      upperRun = false;
    }
    ++end;
  }
  return end;
}

}  // namespace gloss::redact
