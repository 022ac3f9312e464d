// /grep: one engine for both front doors (`gloss/grep` in the daemon, `gloss grep` on the
// command line). It picks the mode — the index's trigram prefilter when the index covers the
// same files, a scan otherwise —, runs indexer/grep, and hands each file's hits to a listener
// together with the symbols that enclose them.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "indexer/IndexReader.h"
#include "indexer/grep/GrepEngine.h"
#include "indexer/grep/GrepMatcher.h"
#include "protocol/Expected.h"

namespace gloss::commands {

struct GrepRequest {
  indexer::PatternOptions pattern;
  indexer::PathFilterOptions paths;
  std::uint32_t contextBefore = 0;
  std::uint32_t contextAfter = 0;
  std::size_t maxResults = 2000;  // matching lines, over all files
  bool includeHidden = false;
  bool noIgnore = false;  // ignore .gitignore/.ignore files
  bool includeBinary = false;
  bool useIndex = true;
  // ripgrep's rule, for the command line: an include glob selects hidden and ignored files, a
  // type selects hidden ones. In an editor, globs and types only narrow the workspace's files.
  bool filtersWiden = false;
  unsigned threads = 0;
};

// What the front door knows about the workspace.
struct GrepContext {
  std::vector<std::string> roots;           // absolute
  indexer::WalkOptions walk;                // the workspace's own selection rules
  std::uint64_t maxFileBytes = UINT64_MAX;  // larger files on disk are skipped and counted
  std::vector<std::shared_ptr<const indexer::DocumentSnapshot>> overlay;
  // The workspace index, when one is open: the prefilter and the source of enclosing symbols.
  indexer::IndexReader* index = nullptr;
  bool indexCurrent = false;  // kept up to date (the daemon), so its file list can be trusted
  std::function<bool()> cancelled;
  // Symbols of an unsaved buffer (the index only knows the disk copy).
  std::function<std::vector<indexer::Symbol>(const std::string& path)> overlaySymbols;
};

class GrepListener {
 public:
  virtual ~GrepListener() = default;
  // `enclosing[i]` is the innermost symbol around hits.lines[i], or null. Serialised.
  virtual void onFile(const indexer::GrepFileHits& hits,
                      const std::vector<const indexer::Symbol*>& enclosing) = 0;
};

struct GrepSummary {
  indexer::GrepRunStats stats;
  std::string mode;              // "index" (trigram prefilter) or "scan"
  std::uint64_t candidates = 0;  // index mode: files the prefilter admitted
  double elapsedMs = 0;
};

// A bad pattern, glob or type is an error message (for -32602 or exit status 2).
Expected<GrepSummary, std::string> runGrep(const GrepRequest& request, const GrepContext& context,
                                           GrepListener& listener);

// The innermost symbol whose line range holds `line` (0-based), or null.
const indexer::Symbol* enclosingSymbol(const std::vector<indexer::Symbol>& symbols,
                                       std::uint32_t line);

}  // namespace gloss::commands
