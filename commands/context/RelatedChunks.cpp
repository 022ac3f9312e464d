// The stages of a context build that reach beyond the target (ContextCollector.h): definitions
// of the names its code uses, chunks that call or mention it, and full-text hits for the
// question.
#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <utility>

#include "commands/context/ContextCollector.h"
#include "commands/context/IdentifierScan.h"

namespace gloss::commands {
namespace {

using indexer::ChunkKind;
using indexer::ChunkRow;
using indexer::SymbolRow;

// Names looked up per build: the most used ones matter, the tail is mostly prose and locals.
constexpr std::size_t kMaxNamesLookedUp = 48;
constexpr int kMaxDefinitionsPerName = 50;
// A name defined this often, none of them near the target, is too generic to pick one.
constexpr std::size_t kMaxFarDefinitions = 8;
// Enough candidates for the per-role cap to survive deduplication.
constexpr std::size_t kMaxDefinitionCandidates = 24;
constexpr int kCallerSearchLimit = 100;
constexpr int kQuestionSearchLimit = 30;

std::string backticked(const std::string& name) {
  return "`" + name + "`";
}

std::string directoryOf(const std::string& path) {
  return std::filesystem::path(path).parent_path().string();
}

bool isMemberKind(const std::string& kind) {
  return kind == "method" || kind == "constructor" || kind == "field" || kind == "property";
}

// Namespaces and modules span whole files: naming one says nothing about the code used.
bool isContainerOnly(const std::string& kind) {
  return kind == "namespace" || kind == "module" || kind == "package";
}

std::string usedTimes(int count) {
  return count == 1 ? "used once" : "used " + std::to_string(count) + " times";
}

}  // namespace

void ContextCollector::addDefinitions() {
  if (targets_.empty()) return;
  std::string text;
  for (const Candidate& target : targets_) text += target.item.text + "\n";
  std::string ownName = result_.targetSymbol ? result_.targetSymbol->symbol.name
                        : result_.target     ? result_.target->chunk.symbol
                                             : std::string();
  const std::string path = targetPath();
  const std::string directory = directoryOf(path);
  auto proximity = [&](const SymbolRow& row) {
    return row.path == path ? 2 : directoryOf(row.path) == directory ? 1 : 0;
  };
  auto insideTarget = [&](const SymbolRow& row) {
    return std::any_of(targets_.begin(), targets_.end(), [&](const Candidate& target) {
      return row.path == target.item.path && row.symbol.startLine >= target.item.startLine &&
             row.symbol.startLine <= target.item.endLine;
    });
  };

  // Names defined in one chunk (a C++ namespace, a class and its methods) share one piece.
  struct Found {
    Candidate candidate;
    std::vector<std::string> names;
    int uses = 0;
    int proximity = 0;
  };
  std::vector<Found> found;
  std::map<std::string, std::size_t> foundByKey;
  std::vector<IdentifierUse> uses = usedIdentifiers(text, ownName);
  for (std::size_t i = 0; i < uses.size() && i < kMaxNamesLookedUp; ++i) {
    if (found.size() == kMaxDefinitionCandidates) break;
    const IdentifierUse& use = uses[i];
    auto rows =
        valueOrThrow(source_.index().findSymbolsByName(use.name, true, kMaxDefinitionsPerName));
    // A name the target defines itself is already in front of the reader.
    if (std::any_of(rows.begin(), rows.end(), insideTarget)) continue;
    std::erase_if(rows, [](const SymbolRow& row) { return isContainerOnly(row.symbol.kind); });
    if (rows.empty()) continue;
    auto rank = [&](const SymbolRow& row) {
      bool memberMismatch = use.asMember != isMemberKind(row.symbol.kind);
      return std::make_tuple(-proximity(row), memberMismatch, row.path, row.symbol.startLine);
    };
    auto best = std::min_element(rows.begin(), rows.end(),
                                 [&](const auto& a, const auto& b) { return rank(a) < rank(b); });
    if (rows.size() > kMaxFarDefinitions && proximity(*best) == 0) continue;
    auto definition = source_.definitionChunk(*best);
    if (!definition || coversTarget(definition->chunk)) continue;
    auto [at, inserted] = foundByKey.emplace(chunkKey(definition->chunk), found.size());
    if (inserted) {
      // A chunk that is not the symbol's own is named after what it is (its container).
      std::string symbol = definition->ownChunk ? best->symbol.qualifiedName : "";
      Found entry;
      entry.candidate = candidate(definition->chunk, PieceRole::Definition, "", std::move(symbol));
      entry.proximity = proximity(*best);
      found.push_back(std::move(entry));
    }
    found[at->second].names.push_back(use.name);
    found[at->second].uses += use.count;
  }
  // Most used first; `uses` is ordered by count then name, so ties keep that order.
  std::stable_sort(found.begin(), found.end(), [](const Found& a, const Found& b) {
    return std::make_pair(a.uses, a.proximity) > std::make_pair(b.uses, b.proximity);
  });
  for (Found& entry : found) {
    std::string defines;
    for (std::size_t i = 0; i < entry.names.size(); ++i) {
      if (i > 0) defines += i + 1 == entry.names.size() ? " and " : ", ";
      defines += backticked(entry.names[i]);
    }
    entry.candidate.item.why = "defines " + defines + ", " + usedTimes(entry.uses);
    definitions_.push_back(std::move(entry.candidate));
  }
}

void ContextCollector::addCallers() {
  if (targetName_.empty()) return;
  std::set<std::pair<std::string, std::uint32_t>> definitionSites;
  for (const SymbolRow& row : valueOrThrow(source_.index().findSymbolsByName(targetName_, true)))
    definitionSites.emplace(row.path, row.symbol.nameLine);

  struct Found {
    Candidate candidate;
    bool call = false;
    bool sameFile = false;
  };
  std::vector<Found> found;
  const std::string path = targetPath();
  for (const ChunkRow& hit :
       valueOrThrow(source_.index().searchChunks(targetName_, kCallerSearchLimit))) {
    if (hit.chunk.kind == ChunkKind::Outline || coversTarget(hit)) continue;
    bool mentioned = false;
    bool called = false;
    for (const Mention& mention : findMentions(hit.text, targetName_, hit.chunk.startLine)) {
      if (mention.declaration || mention.comment ||
          definitionSites.contains({hit.path, mention.line})) {
        continue;
      }
      mentioned = true;
      called = called || mention.call;
    }
    if (!mentioned) continue;
    std::string why = (called ? "calls " : "mentions ") + backticked(targetName_);
    found.push_back(
        {candidate(hit, PieceRole::Caller, std::move(why), ""), called, hit.path == path});
  }
  std::sort(found.begin(), found.end(), [](const Found& a, const Found& b) {
    if (a.call != b.call) return a.call;
    if (a.sameFile != b.sameFile) return a.sameFile;
    if (a.candidate.item.path != b.candidate.item.path)
      return a.candidate.item.path < b.candidate.item.path;
    return a.candidate.item.startLine < b.candidate.item.startLine;
  });
  for (Found& entry : found) callers_.push_back(std::move(entry.candidate));
}

void ContextCollector::addSearch() {
  if (request_.question.empty()) return;
  auto hits = valueOrThrow(source_.index().searchChunks(request_.question, kQuestionSearchLimit));
  // bm25 ties are broken by place so that two builds list the same pieces.
  std::stable_sort(hits.begin(), hits.end(), [](const ChunkRow& a, const ChunkRow& b) {
    if (a.score != b.score) return a.score > b.score;
    if (a.path != b.path) return a.path < b.path;
    return a.chunk.startLine < b.chunk.startLine;
  });
  for (const ChunkRow& hit : hits) {
    if (!coversTarget(hit))
      search_.push_back(candidate(hit, PieceRole::Search, "matches the question", ""));
  }
}

}  // namespace gloss::commands
