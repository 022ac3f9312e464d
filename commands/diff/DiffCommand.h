// `summarize --diff`: from a revision range to a finished report. Loads the diff and both
// versions of each file from git, maps hunks to definitions, finds the risk notes and asks the
// provider for the summary (or builds the structural one). Needs no index: the old and new
// texts are chunked directly.
#pragma once

#include <string>

#include "commands/diff/ChangeReport.h"
#include "commands/diff/GitDiffSource.h"

namespace gloss::commands::diff {

struct DiffRequest {
  std::string startDir;  // any folder inside the repository
  DiffSpec spec;
  DiffLimits limits;
};

gloss::Expected<ChangeReport, DiffError> runDiffSummary(const DiffRequest& request,
                                                        const llm::Provider& provider,
                                                        const SummaryCallbacks& callbacks);

}  // namespace gloss::commands::diff
