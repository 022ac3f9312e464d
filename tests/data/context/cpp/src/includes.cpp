#include <fstream>
#include <sstream>

#include "parser.h"

namespace notes {

namespace {
constexpr int kMaxIncludeDepth = 4;
}

std::vector<Statement> expandIncludes(const std::string& path, int depth) {
  if (depth >= kMaxIncludeDepth) return {};
  std::ifstream file(path);
  std::stringstream contents;
  contents << file.rdbuf();
  return parseSource(contents.str(), depth + 1);
}

}  // namespace notes
