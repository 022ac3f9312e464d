#include "commands/diff/DiffCommand.h"

namespace gloss::commands::diff {

gloss::Expected<ChangeReport, DiffError> runDiffSummary(const DiffRequest& request,
                                                        const llm::Provider& provider,
                                                        const SummaryCallbacks& callbacks) {
  auto report = [&](const std::string& message) {
    if (callbacks.progress) callbacks.progress(message);
  };
  report("reading the diff from git");
  auto loaded = loadGitDiff(request.startDir, request.spec, request.limits);
  if (!loaded) return gloss::unexpected(loaded.error());
  report("mapping " + std::to_string(loaded->diff.files.size()) + " files to definitions");
  ChangeReport out;
  out.label = loaded->range.label;
  out.base = loaded->range.oldRev;
  out.head = loaded->range.newRev;
  out.omitted = std::move(loaded->omitted);
  out.changes =
      mapChangedSymbols(std::move(loaded->diff.files), loaded->oldTexts, loaded->newTexts);
  out.risks = findRiskNotes(out.changes);
  out.summary = summarizeChanges(provider, out.changes, out.risks, out.label, callbacks);
  if (out.summary.error && !out.summary.fromModel)
    out.fallbackNote = "The model's summary failed (" + out.summary.error->message +
                       "); this is the structural summary.";
  return out;
}

}  // namespace gloss::commands::diff
