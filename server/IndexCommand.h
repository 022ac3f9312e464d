// `gloss index [PATH...]`: builds or updates the index of a workspace from the command line,
// with the same indexer the daemon runs, and prints what it holds.
#pragma once

#include <string>
#include <vector>

namespace gloss::server {

int runIndexCommand(const std::vector<std::string>& args, std::size_t first);

}  // namespace gloss::server
