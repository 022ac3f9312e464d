// The trigram prefilter (codesearch/zoekt style) over index.db: posting lists of file ids per
// trigram, built in bulk from the indexed files, and a query that turns a regex into candidate
// files. RE2's own prefilter (FilteredRE2) supplies the regex's required literals and their
// AND/OR structure, so the candidate set is conservative by construction: a file is dropped
// only when the trigrams it lacks make a match impossible.
//
// Files written after the last build are listed in trigram_stale (by triggers, IndexSchema.cpp)
// and are always candidates; once there are many of them the owner rebuilds.
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "indexer/Sqlite.h"
#include "indexer/grep/GrepMatcher.h"

namespace gloss::indexer {

struct TrigramBuildStats {
  std::uint64_t files = 0;
  std::uint64_t unreadable = 0;
  std::uint64_t bytes = 0;
  std::uint64_t postings = 0;  // (trigram, file) pairs
  std::uint64_t rows = 0;
  double seconds = 0;
  bool cancelled = false;
};

struct TrigramIndexState {
  bool built = false;
  std::int64_t files = 0;  // files covered by the last build
  std::int64_t stale = 0;  // files written since
  // Worth a rebuild: never built, or a sizeable share of files changed since.
  bool needsRebuild() const { return !built || stale > std::max<std::int64_t>(256, files / 20); }
};

Expected<TrigramIndexState, DbError> trigramIndexState(Database& db);

// Reads every indexed file again and replaces all posting lists, in one transaction.
Expected<TrigramBuildStats, DbError> rebuildTrigramIndex(Database& db, unsigned threads,
                                                         const std::atomic<bool>* cancel);

// Rebuilds only when trigramIndexState says it is worth it; nullopt when nothing was done.
Expected<std::optional<TrigramBuildStats>, DbError> refreshTrigramIndex(
    Database& db, unsigned threads, const std::atomic<bool>* cancel);

struct TrigramCandidates {
  bool filtered = false;  // false: the regex has no usable literal, so every file is a candidate
  std::vector<std::string> paths;  // candidates (from postings, plus stale files), absolute
  std::uint64_t staleFiles = 0;
};

// The files that may hold a match of `matcher` (only meaningful when the index is built).
Expected<TrigramCandidates, DbError> trigramCandidates(Database& db, const GrepMatcher& matcher);

}  // namespace gloss::indexer
