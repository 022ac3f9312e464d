#include "parser.h"

#include <sstream>

#include "text.h"

namespace notes {

std::vector<Statement> parseSource(const std::string& source, int depth) {
  std::vector<Statement> statements;
  std::istringstream lines(source);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (line.rfind("include ", 0) == 0) {
      for (Statement& included : expandIncludes(line.substr(8), depth))
        statements.push_back(std::move(included));
      continue;
    }
    Statement statement;
    for (const std::string& word : text::tokenize(line)) statement.push_back(text::normalize(word));
    statements.push_back(std::move(statement));
  }
  return statements;
}

}  // namespace notes
