// summarize: a file, a folder or the whole workspace. Offline the answer is the index's outline
// (Outline.h). With a model, a target that fits the prompt budget is summarized in one request;
// a larger one is map-reduced: each file (or, for one large file, each group of chunks) is
// summarized on its own, two requests at a time, then the partial summaries and the outline are
// combined in a final, streamed request. Progress reports "n/m files".
#pragma once

#include "commands/CommandEnv.h"

namespace gloss::commands {

struct SummarizeRequest {
  std::string path;      // absolute: a file or a folder (a root summarizes the workspace)
  std::string question;  // an optional focus ("what does the error handling look like?")
};

// Files summarized one by one at most; the others appear in the final prompt by outline only.
inline constexpr std::size_t kMaxMappedFiles = 40;
// Files outlined in detail in an offline answer or a final prompt.
inline constexpr std::size_t kMaxOutlinedFiles = 300;

CommandResult<CommandOutcome> runSummarize(const CommandEnv& env, const SummarizeRequest& request);

}  // namespace gloss::commands
