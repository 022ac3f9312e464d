// The command line: `gloss serve` (the default) speaks LSP on stdio; the other subcommands are
// the headless front door to the same engine.
#pragma once

#include <string>
#include <vector>

namespace gloss::server {

// Runs the command line and returns the process exit status.
int runCli(const std::vector<std::string>& args);

}  // namespace gloss::server
