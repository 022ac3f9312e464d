// Runs a search over files: either a scan (the workspace walker selects files and every walker
// thread searches the files it finds, so reading starts with the first directory) or a given
// list of candidate files (from the trigram prefilter). Unsaved documents replace their disk
// copies. Results reach the sink one file at a time, serialised, in no particular order; the
// engine stops early on cancellation or when the match-line budget is spent.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "indexer/DocumentOverlay.h"
#include "indexer/WorkspaceWalker.h"
#include "indexer/grep/GrepPathFilter.h"
#include "indexer/grep/LineSearcher.h"

namespace gloss::indexer {

struct GrepFileHits {
  std::string path;  // absolute
  std::uint32_t rootIndex = 0;
  std::string relativePath;     // '/'-separated, relative to its root
  std::vector<GrepLine> lines;  // in line order; context lines included
  bool fromOverlay = false;     // searched the unsaved buffer, not the disk copy
};

class GrepSink {
 public:
  virtual ~GrepSink() = default;
  // Called for every file with at least one matching line; never on two threads at once.
  virtual void onFile(GrepFileHits&& hits) = 0;
};

struct GrepScope {
  std::vector<std::string> roots;  // absolute
  WalkOptions walk;                // scan mode's selection rules (cancel is set by the engine)
  GrepPathFilter filter;
  bool includeBinary = false;  // files with a NUL byte are skipped unless set
  std::uint64_t maxFileBytes =
      UINT64_MAX;  // larger files on disk are skipped (a file is read whole)
  std::vector<std::shared_ptr<const DocumentSnapshot>> overlay;
};

struct GrepLimits {
  std::uint32_t contextBefore = 0;
  std::uint32_t contextAfter = 0;
  std::size_t maxMatchLines = 2000;
  unsigned threads = 0;             // 0: one per core
  std::function<bool()> cancelled;  // polled between files and inside large ones
};

struct GrepRunStats {
  std::uint64_t filesSearched = 0;
  std::uint64_t filesMatched = 0;
  std::uint64_t binarySkipped = 0;
  std::uint64_t tooLarge = 0;  // files over GrepScope::maxFileBytes
  std::uint64_t matchLines = 0;
  std::uint64_t matches = 0;
  bool truncated = false;  // the match-line budget ran out
  bool cancelled = false;
};

class GrepEngine {
 public:
  GrepEngine(const GrepMatcher& matcher, const GrepScope& scope, const GrepLimits& limits,
             GrepSink& sink);

  GrepRunStats scan();
  // `paths`: absolute; those under no root are skipped.
  GrepRunStats searchCandidates(const std::vector<std::string>& paths);

 private:
  struct Budget;
  void searchFile(const std::string& path, std::uint32_t rootIndex, std::string relativePath);
  void searchText(std::string_view text, GrepFileHits&& hits);
  void searchUnvisitedOverlay();
  bool stopping();
  const DocumentSnapshot* overlayFor(const std::string& path) const;
  std::string relativeTo(std::uint32_t rootIndex, const std::string& path) const;
  std::optional<std::uint32_t> rootOf(const std::string& path) const;

  const GrepMatcher& matcher_;
  const GrepScope& scope_;
  const GrepLimits& limits_;
  GrepSink& sink_;
  std::atomic<bool> stop_{false};
  std::mutex sinkMutex_;
  GrepRunStats stats_;
  std::unordered_map<std::string, std::size_t> overlayIndex_;
  std::vector<std::unique_ptr<std::atomic<bool>>> overlayVisited_;
};

}  // namespace gloss::indexer
