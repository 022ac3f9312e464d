// /generate-tests: tests for a function, a class or a whole file, in the framework the
// repository already uses, following an existing test file's style, at the path the
// repository's layout suggests. The answer's code comes back as a file proposal (path +
// content) that the editor applies only when the user asks. Offline, the proposal is a runnable
// skeleton with one skipped test per public definition (TestSkeleton.h).
#pragma once

#include "commands/CommandEnv.h"

namespace gloss::commands {

struct GenerateTestsRequest {
  ContextTarget target;  // a symbol, a position, or a path alone for every definition in it
  std::string question;  // extra wishes ("cover the error paths")
};

CommandResult<CommandOutcome> runGenerateTests(const CommandEnv& env,
                                               const GenerateTestsRequest& request);

}  // namespace gloss::commands
