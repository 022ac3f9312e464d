// `gloss summarize --diff BASE...HEAD` (or --staged, --working-tree, --commits N): the summary
// of a change for CI, with no daemon and no index. Markdown or JSON to stdout or --output.
#pragma once

#include <string>
#include <vector>

namespace gloss::server {

// Whether a `gloss summarize` command line asks for a change summary.
bool isDiffSummary(const std::vector<std::string>& args, std::size_t first);

// Exit status: 0 done (a failed model falls back to the structural summary, with a note on
// stderr); 1 git failed or timed out; 2 bad arguments, not a git repository or an unknown
// revision (with git's message); 3 the provider failed and --fail-on-provider-error was given
// (nothing is written then); 130 interrupted.
int runDiffCommand(const std::vector<std::string>& args, std::size_t first);

}  // namespace gloss::server
