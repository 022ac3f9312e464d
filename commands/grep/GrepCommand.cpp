#include "commands/grep/GrepCommand.h"

#include <sys/stat.h>

#include <chrono>

#include "indexer/grep/TrigramIndex.h"

namespace gloss::commands {
namespace {

// Adds each file's enclosing symbols before passing it on.
class SymbolAnnotator : public indexer::GrepSink {
 public:
  SymbolAnnotator(const GrepContext& context, GrepListener& listener)
      : context_(context), listener_(listener) {}

  void onFile(indexer::GrepFileHits&& hits) override {
    std::vector<indexer::Symbol> symbols = symbolsOf(hits);
    std::vector<const indexer::Symbol*> enclosing;
    enclosing.reserve(hits.lines.size());
    for (const auto& line : hits.lines) enclosing.push_back(enclosingSymbol(symbols, line.line));
    listener_.onFile(hits, enclosing);
  }

 private:
  std::vector<indexer::Symbol> symbolsOf(const indexer::GrepFileHits& hits) {
    if (hits.fromOverlay) {
      return context_.overlaySymbols ? context_.overlaySymbols(hits.path)
                                     : std::vector<indexer::Symbol>{};
    }
    std::vector<indexer::Symbol> symbols;
    if (!context_.index || (!context_.indexCurrent && !indexedAsOnDisk(hits.path))) return symbols;
    auto rows = context_.index->symbolsOfFile(hits.path);
    if (!rows) return symbols;  // no "where" for this file; the hits still count
    for (auto& row : *rows) symbols.push_back(std::move(row.symbol));
    return symbols;
  }

  // Without a daemon keeping it current, the index's symbols are only used for files whose
  // stat still matches what was indexed.
  bool indexedAsOnDisk(const std::string& path) {
    auto stamp = context_.index->fileStamp(path);
    struct stat st {};
    if (!stamp || !*stamp || ::stat(path.c_str(), &st) != 0) return false;
    return (*stamp)->size == st.st_size && (*stamp)->mtimeNs == indexer::mtimeNanoseconds(st);
  }

  const GrepContext& context_;
  GrepListener& listener_;
};

bool widensSelection(const GrepRequest& request, const indexer::WalkOptions& walk) {
  return (request.includeHidden && !walk.includeHidden) ||
         (request.noIgnore && walk.respectIgnoreFiles);
}

// The index mode's file list (the prefilter's candidates); nullopt: use a scan.
std::optional<std::vector<std::string>> indexCandidates(const GrepRequest& request,
                                                        const GrepContext& context,
                                                        const indexer::GrepMatcher& matcher) {
  if (!request.useIndex || !context.index || !context.indexCurrent ||
      widensSelection(request, context.walk) || request.filtersWiden) {
    return std::nullopt;
  }
  indexer::Database& db = context.index->database();
  auto state = indexer::trigramIndexState(db);
  if (!state || !state->built) return std::nullopt;
  auto found = indexer::trigramCandidates(db, matcher);
  if (!found) return std::nullopt;
  return std::move(found->paths);
}

}  // namespace

const indexer::Symbol* enclosingSymbol(const std::vector<indexer::Symbol>& symbols,
                                       std::uint32_t line) {
  const indexer::Symbol* best = nullptr;
  for (const auto& symbol : symbols) {
    if (symbol.startLine > line || symbol.endLine < line) continue;
    if (!best || symbol.endByte - symbol.startByte < best->endByte - best->startByte) {
      best = &symbol;
    }
  }
  return best;
}

Expected<GrepSummary, std::string> runGrep(const GrepRequest& request, const GrepContext& context,
                                           GrepListener& listener) {
  auto started = std::chrono::steady_clock::now();
  auto matcher = indexer::GrepMatcher::compile(request.pattern);
  if (!matcher) return unexpected("bad pattern: " + matcher.error());
  auto filter = indexer::GrepPathFilter::compile(request.paths);
  if (!filter) return unexpected(filter.error());

  indexer::GrepScope scope;
  scope.roots = context.roots;
  scope.walk = context.walk;
  scope.walk.includeHidden = scope.walk.includeHidden || request.includeHidden;
  scope.walk.respectIgnoreFiles = scope.walk.respectIgnoreFiles && !request.noIgnore;
  scope.walk.maxFileSize = UINT64_MAX;
  scope.walk.statFiles = false;
  scope.filter = std::move(*filter);
  if (request.filtersWiden && !scope.filter.empty()) {
    scope.walk.override = [&filter = scope.filter](std::string_view path, bool isDirectory) {
      return filter.verdict(path, isDirectory);
    };
  }
  scope.includeBinary = request.includeBinary;
  scope.maxFileBytes = context.maxFileBytes;
  scope.overlay = context.overlay;
  indexer::GrepLimits limits{request.contextBefore, request.contextAfter, request.maxResults,
                             request.threads, context.cancelled};

  SymbolAnnotator annotator(context, listener);
  indexer::GrepEngine engine(*matcher, scope, limits, annotator);
  GrepSummary summary;
  if (auto candidates = indexCandidates(request, context, *matcher)) {
    summary.mode = "index";
    summary.candidates = candidates->size();
    summary.stats = engine.searchCandidates(*candidates);
  } else {
    summary.mode = "scan";
    summary.stats = engine.scan();
  }
  summary.elapsedMs =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  return summary;
}

}  // namespace gloss::commands
