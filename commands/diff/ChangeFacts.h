// The structural facts of a change, as text: counts, the areas (folders) it touches, each
// file's changed definitions, and the summary that needs no model. The same facts feed the
// model's prompts (so it does not have to guess) and the offline answer.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "commands/diff/DiffSymbols.h"
#include "commands/diff/RiskNotes.h"

namespace gloss::commands::diff {

struct DiffStats {
  int files = 0, added = 0, removed = 0, binary = 0;
  std::map<ChangeKind, int> symbols;  // changed definitions by kind of change
};

DiffStats computeStats(const ChangeSet& changes);

// The folder a file is filed under in the report: its directory, at most two levels deep
// ("drivers/net/", "pkg/"); "(root)" for files at the top.
std::string areaOf(const std::string& path);

// "added `word_count` (function); modified `Report.render` (method)" for one file, at most
// `most` definitions; empty when none changed.
std::string fileSymbolLine(const ChangeSet& changes, const std::string& path, std::size_t most);

// "`pkg/report.py`: modified, +10 −2" or "`a.py` → `b.py`: renamed (90% similar), ...".
std::string fileHeadline(const FileChange& file);

// One line per changed definition of a file, with lines and signature, for a prompt.
std::string promptFacts(const ChangeSet& changes, const FileChange& file);

// A few sentences that say what changed from structure alone; useful without a model.
std::string structuralSummary(const ChangeSet& changes, const std::vector<RiskNote>& risks);

}  // namespace gloss::commands::diff
