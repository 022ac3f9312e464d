// What a user types to name code on a command line or in a chat command: `src/x.py:42`,
// `src/x.py:10-20`, `src/x.py#L42`, `src/x.py`, or a symbol (`parse_args`, `Parser.parse_args`,
// `ns::fn`). A word counts as a path when it has a line suffix, exists as a file, contains a
// slash, or ends in a source file extension; otherwise it is a symbol.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace gloss::commands {

struct TargetSpec {
  std::string path;                      // as written, without the line suffix
  std::optional<std::uint32_t> line;     // 0-based
  std::optional<std::uint32_t> endLine;  // 0-based inclusive
  std::string symbol;
};

// `exists` says whether a path (as written) names a file; it may be empty.
TargetSpec parseTargetSpec(std::string_view text,
                           const std::function<bool(const std::string&)>& exists = {});

}  // namespace gloss::commands
