// Turns source text into statements of normalized words.
#pragma once

#include <string>
#include <vector>

namespace notes {

using Statement = std::vector<std::string>;

// Parses text: blank lines and comments are skipped, includes are expanded.
std::vector<Statement> parseSource(const std::string& source, int depth = 0);

// Reads an included file and parses it one level deeper.
std::vector<Statement> expandIncludes(const std::string& path, int depth);

}  // namespace notes
