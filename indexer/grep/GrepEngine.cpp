#include "indexer/grep/GrepEngine.h"

#include <sys/stat.h>

#include <algorithm>
#include <thread>

#include "indexer/grep/FileReader.h"

namespace gloss::indexer {
namespace {

thread_local FileReader tlsFileReader;

// Keeps the first `keep` matching lines and the after-context that follows the last of them.
void keepMatchLines(std::vector<GrepLine>& lines, std::size_t keep, std::uint32_t contextAfter) {
  std::size_t seen = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].isContext() || ++seen <= keep) continue;
    // lines[i] is the first match over budget; keep the context lines right after the last kept.
    std::size_t end = i;
    while (end > 0 && lines[end - 1].isContext()) --end;
    std::uint32_t lastLine = end > 0 ? lines[end - 1].line : 0;
    while (end < i && lines[end].line <= lastLine + contextAfter) ++end;
    lines.resize(end);
    return;
  }
}

std::size_t countMatchLines(const std::vector<GrepLine>& lines) {
  return static_cast<std::size_t>(
      std::count_if(lines.begin(), lines.end(), [](const GrepLine& l) { return !l.isContext(); }));
}

}  // namespace

GrepEngine::GrepEngine(const GrepMatcher& matcher, const GrepScope& scope, const GrepLimits& limits,
                       GrepSink& sink)
    : matcher_(matcher), scope_(scope), limits_(limits), sink_(sink) {
  for (std::size_t i = 0; i < scope_.overlay.size(); ++i) {
    overlayIndex_.emplace(scope_.overlay[i]->path, i);
    overlayVisited_.push_back(std::make_unique<std::atomic<bool>>(false));
  }
}

bool GrepEngine::stopping() {
  if (stop_.load(std::memory_order_relaxed)) return true;
  if (limits_.cancelled && limits_.cancelled()) {
    std::lock_guard lock(sinkMutex_);
    stats_.cancelled = true;
    stop_ = true;
  }
  return stop_.load(std::memory_order_relaxed);
}

const DocumentSnapshot* GrepEngine::overlayFor(const std::string& path) const {
  auto found = overlayIndex_.find(path);
  if (found == overlayIndex_.end()) return nullptr;
  overlayVisited_[found->second]->store(true);
  return scope_.overlay[found->second].get();
}

std::string GrepEngine::relativeTo(std::uint32_t rootIndex, const std::string& path) const {
  const std::string& root = scope_.roots[rootIndex];
  if (path.size() > root.size() && path.compare(0, root.size(), root) == 0) {
    return path.substr(root == "/" ? 1 : root.size() + 1);
  }
  return path;
}

void GrepEngine::searchFile(const std::string& path, std::uint32_t rootIndex,
                            std::string relativePath) {
  if (stopping()) return;
  GrepFileHits hits{path, rootIndex, std::move(relativePath), {}, false};
  if (const DocumentSnapshot* document = overlayFor(path)) {
    hits.fromOverlay = true;
    searchText(document->text, std::move(hits));
    return;
  }
  auto text = tlsFileReader.read(path, scope_.maxFileBytes);
  if (text) {
    searchText(*text, std::move(hits));
  } else if (scope_.maxFileBytes != UINT64_MAX) {
    struct stat status {};
    if (::stat(path.c_str(), &status) == 0 &&
        static_cast<std::uint64_t>(status.st_size) > scope_.maxFileBytes) {
      std::lock_guard lock(sinkMutex_);
      ++stats_.tooLarge;
    }
  }
}

void GrepEngine::searchText(std::string_view text, GrepFileHits&& hits) {
  // Binary files are recognised cheaply by their first block; a NUL byte further in only matters
  // for files with hits, so the whole file is checked only then (below).
  constexpr std::size_t kProbe = 8192;
  if (!scope_.includeBinary && holdsNul(text.substr(0, kProbe))) {
    std::lock_guard lock(sinkMutex_);
    ++stats_.binarySkipped;
    return;
  }
  std::size_t remaining;
  {
    std::lock_guard lock(sinkMutex_);
    ++stats_.filesSearched;
    remaining = limits_.maxMatchLines - stats_.matchLines;
  }
  LineSearchOptions options{limits_.contextBefore, limits_.contextAfter, remaining,
                            [this] { return stopping(); }};
  LineSearchResult found = searchLines(matcher_, text, options, hits.lines);
  if (found.matchLines == 0 && !found.hitLimit) return;
  if (!scope_.includeBinary && text.size() > kProbe && holdsNul(text.substr(kProbe))) {
    std::lock_guard lock(sinkMutex_);
    ++stats_.binarySkipped;
    return;
  }

  std::lock_guard lock(sinkMutex_);
  if (stats_.cancelled) return;  // nobody waits for these hits any more
  // Another thread may have spent the budget meanwhile.
  std::size_t left = limits_.maxMatchLines - stats_.matchLines;
  if (found.hitLimit || found.matchLines > left) stats_.truncated = true;
  if (found.matchLines > left) {
    keepMatchLines(hits.lines, left, limits_.contextAfter);
    found.matchLines = countMatchLines(hits.lines);
    found.matches = 0;
    for (const auto& line : hits.lines) found.matches += line.spans.size();
  }
  // A spent budget alone does not stop the search: the next file probes (with a budget of 0)
  // whether anything was left out, so `truncated` means exactly that.
  if (stats_.truncated) stop_ = true;
  if (found.matchLines == 0) return;
  stats_.matchLines += found.matchLines;
  stats_.matches += found.matches;
  ++stats_.filesMatched;
  sink_.onFile(std::move(hits));
}

void GrepEngine::searchUnvisitedOverlay() {
  if (scope_.overlay.empty()) return;
  WorkspaceWalker walker(scope_.roots, scope_.walk);
  for (std::size_t i = 0; i < scope_.overlay.size() && !stopping(); ++i) {
    if (overlayVisited_[i]->load()) continue;
    const auto& document = *scope_.overlay[i];
    PathSelection selection = walker.checkPath(document.path);
    // A buffer never saved has no file on disk; it counts when it would be selected once saved.
    bool missing = selection.reason == SkipReason::Missing;
    if (selection.verdict == PathSelection::Verdict::OutsideRoots) continue;
    if (selection.verdict != PathSelection::Verdict::File && !missing) continue;
    std::string relative = relativeTo(selection.entry.rootIndex, document.path);
    if (!scope_.filter.accepts(relative)) continue;
    overlayVisited_[i]->store(true);
    searchText(document.text,
               GrepFileHits{document.path, selection.entry.rootIndex, relative, {}, true});
  }
}

GrepRunStats GrepEngine::scan() {
  WalkOptions walk = scope_.walk;
  walk.cancel = &stop_;
  walk.threads = limits_.threads;
  WorkspaceWalker walker(scope_.roots, walk);
  walker.walk([&](const FileEntry& entry) {
    if (stopping() || !scope_.filter.accepts(entry.relativePath)) return;
    searchFile(entry.absolutePath, entry.rootIndex, entry.relativePath);
  });
  searchUnvisitedOverlay();
  stopping();
  return stats_;
}

std::optional<std::uint32_t> GrepEngine::rootOf(const std::string& path) const {
  std::optional<std::uint32_t> best;
  for (std::uint32_t i = 0; i < scope_.roots.size(); ++i) {
    if (isUnder(path, scope_.roots[i]) &&
        (!best || scope_.roots[i].size() > scope_.roots[*best].size())) {
      best = i;
    }
  }
  return best;
}

GrepRunStats GrepEngine::searchCandidates(const std::vector<std::string>& paths) {
  std::atomic<std::size_t> next{0};
  auto worker = [&] {
    for (std::size_t i = next++; i < paths.size() && !stopping(); i = next++) {
      auto root = rootOf(paths[i]);
      if (!root) continue;
      std::string relative = relativeTo(*root, paths[i]);
      if (scope_.filter.accepts(relative)) searchFile(paths[i], *root, relative);
    }
  };
  unsigned threads = limits_.threads ? limits_.threads : std::thread::hardware_concurrency();
  threads = std::clamp<unsigned>(threads, 1, 64);
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  for (auto& thread : pool) thread.join();
  searchUnvisitedOverlay();
  stopping();
  return stats_;
}

}  // namespace gloss::indexer
