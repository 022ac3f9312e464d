// Doc comments as the index's chunks hold them (a chunk starts with its leading comments):
// what documents a definition, and what documents a whole file.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gloss::commands {

std::string_view trim(std::string_view text);
std::vector<std::string_view> splitLines(std::string_view text);

// The comment or docstring that documents a definition: comment lines just above the
// signature (`//`, `///`, `#`, `/** */`, `--`), else a Python-style docstring just after it.
// Markers are stripped; "" when there is none.
std::string docComment(std::string_view chunkText, std::string_view signature);
// A file's leading comment or module docstring (after a shebang and blank lines); "" if none.
std::string fileComment(std::string_view text);

}  // namespace gloss::commands
