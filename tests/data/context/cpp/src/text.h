// Small string helpers the parser is built on.
#pragma once

#include <string>
#include <vector>

namespace notes::text {

// Splits a line into words; punctuation separates words and is dropped.
std::vector<std::string> tokenize(const std::string& line);

// Lower-cases a word and drops a trailing plural 's'.
std::string normalize(const std::string& word);

}  // namespace notes::text
