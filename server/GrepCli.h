// `gloss grep [OPTIONS] PATTERN [PATH...]`: the command-line front door to /grep, with
// ripgrep's option names, plain `path:line:column:text` output or JSON lines (`--json`).
#pragma once

#include <string>
#include <vector>

namespace gloss::server {

// Exit status: 0 when something matched, 1 when nothing did, 2 on bad arguments or pattern.
int runGrepCommand(const std::vector<std::string>& args, std::size_t first);

}  // namespace gloss::server
