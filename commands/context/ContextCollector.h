// The stages of one context build (DESIGN.md §5), each adding candidate pieces for one role:
// target, outline, references, definitions, callers, question search. finish() deduplicates
// them (a chunk keeps its best role), caps each role, and fits the result into the budget.
// Database failures surface as ContextDbFailure exceptions, caught by ContextBuilder::build.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "commands/context/ChunkSource.h"
#include "commands/context/ContextBuilder.h"

namespace gloss::commands {

class ContextCollector {
 public:
  ContextCollector(indexer::IndexReader& index, const UnsavedText& unsaved,
                   const ContextRequest& request)
      : source_(index, unsaved), request_(request) {}

  void resolveTarget();
  void addOutline();
  void addReferences();
  void addDefinitions();
  void addCallers();
  void addSearch();
  BuiltContext finish();

 private:
  struct Candidate {
    ContextItem item;
    std::string key;           // chunkKey, or a stand-in for pasted code
    std::int64_t chunkId = 0;  // 0: not from the index (unsaved text, pasted code)
    std::string parent;        // the chunk's container, for its outline
  };

  void resolvePosition(const ContextTarget& target);
  void resolveTargetSymbol(const ContextTarget& target);
  void addWholeFile(const std::string& path, PieceRole role, const std::string& why,
                    std::vector<Candidate>& into);
  void addFileReference(const ExplicitReference& reference);
  void addSymbolReference(const ExplicitReference& reference);
  // A found chunk already shown as the target (the index's copy of an edited file counts).
  bool coversTarget(const indexer::ChunkRow& row) const;
  std::string targetPath() const;

  static Candidate candidate(const indexer::ChunkRow& row, PieceRole role, std::string why,
                             std::string symbol);

  ChunkSource source_;
  const ContextRequest& request_;
  BuiltContext result_;
  std::string targetName_;  // short name whose callers are looked for
  std::vector<Candidate> targets_;
  std::vector<Candidate> outlines_;
  std::vector<Candidate> references_;
  std::vector<Candidate> definitions_;
  std::vector<Candidate> callers_;
  std::vector<Candidate> search_;
};

}  // namespace gloss::commands
