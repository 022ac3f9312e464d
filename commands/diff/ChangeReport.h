// The report of a change in the two forms CI wants: Markdown for a pull-request comment
// (overview, summary, changes by area, risk notes, changed-symbols table) and JSON for tools
// (files, symbols with change kinds and line ranges, stats, risks, the summary text). Neither
// holds timings or anything else that differs between two runs on the same change.
#pragma once

#include <boost/json.hpp>
#include <string>
#include <vector>

#include "commands/diff/DiffSummary.h"

namespace gloss::commands::diff {

struct ChangeReport {
  std::string label;       // "main...feature", "--staged"
  std::string base, head;  // commit ids; head empty for the index or the working tree
  ChangeSet changes;
  std::vector<RiskNote> risks;
  std::vector<std::string> omitted;  // what the size caps left out
  ChangeSummary summary;
  std::string fallbackNote;  // set when a model was configured but the summary is structural
};

// The marker the CI scripts look for to update their earlier comment instead of adding one.
inline constexpr const char* kCommentMarker = "<!-- gloss-diff-summary -->";

// Rows of the changed-symbols table at most (the JSON always has them all).
inline constexpr std::size_t kMaxTableRows = 200;

std::string renderMarkdown(const ChangeReport& report);
boost::json::object renderJson(const ChangeReport& report);

}  // namespace gloss::commands::diff
