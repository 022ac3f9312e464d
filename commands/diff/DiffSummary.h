// The summary text of a change. With a model: each changed file (the 40 with most changed
// lines) is summarized on its own from its structural facts and its hunks, two requests at a
// time, then one request combines the per-file summaries with the facts of the whole change.
// Offline, or when the provider fails, the answer is the structural summary (ChangeFacts.h).
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>

#include "commands/diff/ChangeFacts.h"
#include "commands/llm/Provider.h"

namespace gloss::commands::diff {

struct ChangeSummary {
  std::string text;
  bool fromModel = false;
  std::string model;                                 // empty when no model answered
  std::map<std::string, std::string> fileSummaries;  // by path, from the map step
  std::optional<llm::ProviderError> error;           // why the model's summary is missing
  llm::Usage usage;
  int requests = 0;
};

struct SummaryCallbacks {
  std::function<void(const std::string& message)> progress;  // may be empty
  llm::CancelCheck cancelled;                                // may be empty
};

inline constexpr std::size_t kMaxSummarizedFiles = 40;

ChangeSummary summarizeChanges(const llm::Provider& provider, const ChangeSet& changes,
                               const std::vector<RiskNote>& risks, const std::string& label,
                               const SummaryCallbacks& callbacks);

}  // namespace gloss::commands::diff
