// `gloss status`: a real LSP round trip (initialize, gloss/status, shutdown, exit) against an
// in-process server, printed for a person or as JSON.
#pragma once

#include <string>
#include <vector>

namespace gloss::server {

int runSelfCheck(const std::vector<std::string>& args, std::size_t first);

}  // namespace gloss::server
