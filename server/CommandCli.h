// The command-line front doors to the code-aware commands, for terminals and CI:
//   gloss explain TARGET         (src/x.py:42, src/x.py:10-20, a symbol)
//   gloss generate-tests TARGET  (a symbol, a position, or a file)
//   gloss summarize [PATH]       (a file, a folder; the workspace by default)
// They index the workspace first (incrementally, in the same index.db the daemon uses), then
// run the same commands/ code as the daemon and print Markdown to stdout as it arrives.
#pragma once

#include <string>
#include <vector>

namespace gloss::server {

// Exit status: 0 success, 1 when the answer failed or was cut off (the text so far is printed
// and the reason goes to stderr), 2 for bad arguments or a target that does not exist.
int runCodeCommand(const std::vector<std::string>& args, std::size_t first);

}  // namespace gloss::server
