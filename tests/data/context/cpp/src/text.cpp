#include "text.h"

#include <cctype>

namespace notes::text {

std::vector<std::string> tokenize(const std::string& line) {
  std::vector<std::string> words;
  std::string current;
  for (char c : line) {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '_') {
      current += c;
    } else if (!current.empty()) {
      words.push_back(current);
      current.clear();
    }
  }
  if (!current.empty()) words.push_back(current);
  return words;
}

std::string normalize(const std::string& word) {
  std::string lowered;
  for (char c : word) lowered += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lowered.size() > 3 && lowered.back() == 's') lowered.pop_back();
  return lowered;
}

}  // namespace notes::text
