// The target, outline and reference stages of a context build, and the final assembly
// (ContextCollector.h). The stages that follow the target's code to related chunks are in
// RelatedChunks.cpp.
#include "commands/context/ContextCollector.h"

#include <algorithm>
#include <limits>

#include "commands/context/ContextBudget.h"
#include "commands/context/SymbolResolution.h"

namespace gloss::commands {
namespace {

using indexer::ChunkKind;
using indexer::ChunkRow;

// Per-role caps, so that one category cannot crowd out the others.
constexpr std::size_t kMaxDefinitions = 8;
constexpr std::size_t kMaxCallers = 6;
constexpr std::size_t kMaxSearchHits = 6;

std::string backticked(const std::string& name) {
  return "`" + name + "`";
}

std::string lineCountText(std::uint32_t lines) {
  return std::to_string(lines) + (lines == 1 ? " line" : " lines");
}

}  // namespace

ContextCollector::Candidate ContextCollector::candidate(const ChunkRow& row, PieceRole role,
                                                        std::string why, std::string symbol) {
  Candidate candidate;
  ContextItem& item = candidate.item;
  item.role = role;
  item.path = row.path;
  item.startLine = row.chunk.startLine;
  item.endLine = row.chunk.endLine;
  item.symbol = symbol.empty() ? row.chunk.qualifiedName : std::move(symbol);
  item.kind = chunkKindName(row.chunk.kind);
  item.why = std::move(why);
  item.text = row.text;
  candidate.key = chunkKey(row);
  candidate.chunkId = row.id;
  candidate.parent = row.chunk.parent;
  return candidate;
}

std::string ContextCollector::targetPath() const {
  return targets_.empty() ? std::string() : targets_.front().item.path;
}

bool ContextCollector::coversTarget(const ChunkRow& row) const {
  std::string key = chunkKey(row);
  for (const Candidate& target : targets_) {
    if (target.key == key) return true;
    // An edited file's target comes from its unsaved text; the index's chunks of the same lines
    // are an older copy of it.
    if (target.chunkId == 0 && row.id != 0 && row.path == target.item.path &&
        row.chunk.startLine <= target.item.endLine && row.chunk.endLine >= target.item.startLine) {
      return true;
    }
  }
  return false;
}

void ContextCollector::resolveTarget() {
  const ContextTarget& target = request_.target;
  if (!target.path.empty() && target.line) {
    resolvePosition(target);
  } else if (!target.symbol.empty()) {
    resolveTargetSymbol(target);
  } else if (!target.path.empty()) {
    addWholeFile(target.path, PieceRole::Target, "", targets_);
  }
}

void ContextCollector::resolvePosition(const ContextTarget& target) {
  const FileChunks* file = source_.file(target.path);
  if (!file) {
    result_.notFound.push_back("no such file in the index: " + target.path);
    return;
  }
  std::uint32_t first = *target.line;
  if (first >= file->lineCount) {
    result_.notFound.push_back("line " + std::to_string(first + 1) + " is beyond the end of " +
                               target.path + " (" + lineCountText(file->lineCount) + ")");
    return;
  }
  std::uint32_t last = std::clamp(target.endLine.value_or(first), first, file->lineCount - 1);

  // The smallest chunk holding the whole selection, else the code chunks it overlaps (they do
  // not overlap each other, so these are the fewest that cover it).
  std::vector<const ChunkRow*> chosen;
  if (const ChunkRow* at = smallestChunkAt(*file, first); at && at->chunk.endLine >= last) {
    chosen.push_back(at);
  } else {
    for (const ChunkRow& row : file->chunks) {
      if (row.chunk.kind != ChunkKind::Outline && row.chunk.startLine <= last &&
          row.chunk.endLine >= first) {
        chosen.push_back(&row);
      }
    }
  }
  if (chosen.empty()) return;
  const indexer::Symbol* symbol = innermostSymbol(*file, first, last);
  if (symbol) {
    result_.targetSymbol = indexer::SymbolRow{0, file->path, *symbol, 0};
    if (symbol->kind != "namespace" && symbol->kind != "module" && symbol->kind != "impl")
      targetName_ = symbol->name;
  }
  result_.target = *chosen.front();
  for (const ChunkRow* row : chosen) {
    std::string name = chosen.size() == 1 && symbol ? symbol->qualifiedName : std::string();
    targets_.push_back(candidate(*row, PieceRole::Target, "", std::move(name)));
  }
}

void ContextCollector::resolveTargetSymbol(const ContextTarget& target) {
  SymbolResolution resolution = resolveSymbol(source_, target.symbol, target.path);
  if (!resolution.symbol) {
    result_.notFound.push_back("symbol " + backticked(target.symbol) + " is not in the index");
    return;
  }
  if (resolution.ambiguous()) {
    result_.ambiguous = std::move(resolution.candidates);
    return;
  }
  result_.targetSymbol = resolution.symbol;
  targetName_ = resolution.symbol->symbol.name;
  if (!resolution.chunk) return;
  result_.target = resolution.chunk;
  targets_.push_back(
      candidate(*resolution.chunk, PieceRole::Target, "", resolution.symbol->symbol.qualifiedName));
}

void ContextCollector::addOutline() {
  if (targets_.empty()) return;
  std::set<std::string> containers;
  for (const Candidate& target : targets_) containers.insert(target.parent);
  if (result_.targetSymbol) containers.insert(result_.targetSymbol->symbol.parent);
  containers.erase("");
  const FileChunks* file = source_.file(targetPath());
  if (!file) return;
  for (const ChunkRow& row : file->chunks) {
    if (row.chunk.kind == ChunkKind::Outline && containers.contains(row.chunk.qualifiedName)) {
      outlines_.push_back(candidate(row, PieceRole::Outline,
                                    "outline of " + backticked(row.chunk.qualifiedName), ""));
    }
  }
}

void ContextCollector::addWholeFile(const std::string& path, PieceRole role, const std::string& why,
                                    std::vector<Candidate>& into) {
  const FileChunks* file = source_.file(path);
  if (!file) {
    result_.notFound.push_back("no such file in the index: " + path);
    return;
  }
  // Members follow their container's outline in file order, so the outline adds nothing here.
  for (const ChunkRow& row : file->chunks) {
    if (row.chunk.kind != ChunkKind::Outline) into.push_back(candidate(row, role, why, ""));
  }
}

void ContextCollector::addReferences() {
  for (std::size_t i = 0; i < request_.references.size(); ++i) {
    const ExplicitReference& reference = request_.references[i];
    switch (reference.kind) {
      case ExplicitReference::Kind::File:
        addFileReference(reference);
        break;
      case ExplicitReference::Kind::Symbol:
        addSymbolReference(reference);
        break;
      case ExplicitReference::Kind::Code: {
        Candidate pasted;
        pasted.item.role = PieceRole::Reference;
        pasted.item.kind = reference.language;
        pasted.item.why = "pasted in the message";
        pasted.item.text = reference.code;
        pasted.key = "code:" + std::to_string(i);
        references_.push_back(std::move(pasted));
        break;
      }
    }
  }
}

void ContextCollector::addFileReference(const ExplicitReference& reference) {
  if (!reference.line) {
    addWholeFile(reference.path, PieceRole::Reference, "referenced file", references_);
    return;
  }
  const FileChunks* file = source_.file(reference.path);
  if (!file) {
    result_.notFound.push_back("no such file in the index: " + reference.path);
    return;
  }
  std::uint32_t line = *reference.line;
  const ChunkRow* row = line < file->lineCount ? smallestChunkAt(*file, line) : nullptr;
  if (!row) {
    result_.notFound.push_back("line " + std::to_string(line + 1) + " is beyond the end of " +
                               reference.path + " (" + lineCountText(file->lineCount) + ")");
    return;
  }
  references_.push_back(
      candidate(*row, PieceRole::Reference, "referenced line " + std::to_string(line + 1), ""));
}

void ContextCollector::addSymbolReference(const ExplicitReference& reference) {
  SymbolResolution resolution = resolveSymbol(source_, reference.symbol);
  if (!resolution.symbol || !resolution.chunk) {
    result_.notFound.push_back("symbol " + backticked(reference.symbol) + " is not in the index");
    return;
  }
  bool own = resolution.chunk->chunk.qualifiedName == resolution.symbol->symbol.qualifiedName;
  references_.push_back(candidate(*resolution.chunk, PieceRole::Reference,
                                  "referenced " + backticked(reference.symbol),
                                  own ? resolution.symbol->symbol.qualifiedName : ""));
}

BuiltContext ContextCollector::finish() {
  std::set<std::string> seen;
  std::vector<ContextItem> ordered;
  auto take = [&](std::vector<Candidate>& candidates, std::size_t limit) {
    std::size_t taken = 0;
    for (Candidate& candidate : candidates) {
      if (taken == limit) break;
      if (!seen.insert(candidate.key).second) continue;
      ordered.push_back(std::move(candidate.item));
      ++taken;
    }
  };
  std::size_t unlimited = std::numeric_limits<std::size_t>::max();
  take(targets_, unlimited);
  take(outlines_, unlimited);
  take(references_, unlimited);
  take(definitions_, kMaxDefinitions);
  take(callers_, kMaxCallers);
  take(search_, kMaxSearchHits);
  result_.budgetTokens = request_.budgetTokens;
  fitToBudget(std::move(ordered), request_.budgetTokens, result_);
  return std::move(result_);
}

}  // namespace gloss::commands
