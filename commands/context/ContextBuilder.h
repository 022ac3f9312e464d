// The context builder (DESIGN.md §5): what code goes into a prompt, best first, under a token
// budget. Given a target (a position or selection, a `path:line`, a symbol name) and/or a
// question, it collects: the target chunk and its container's outline; definitions of the
// symbols the target uses (resolved through the index); chunks that call or mention the target
// (ranked); FTS5/BM25 hits for the question's identifiers and words; the user's explicit
// references. Pieces are deduplicated (a chunk appears once, under its best role) and the order
// is deterministic. Every piece sent is listed in the result so that a message can record it and
// an editor can link it.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "commands/llm/ChatTypes.h"
#include "indexer/IndexReader.h"

namespace gloss::commands {

// What the user points at. Any field may be empty; with none set, only the question and the
// references give context.
struct ContextTarget {
  std::string path;                      // absolute, inside the workspace
  std::optional<std::uint32_t> line;     // 0-based; with `path`
  std::optional<std::uint32_t> endLine;  // 0-based inclusive end of a selection
  std::string symbol;                    // a name ("parse_args", "Parser.parse_args", "ns::fn")
};

// Something the user named in a chat message: a file or `path:line`, a `symbol`, pasted code.
struct ExplicitReference {
  enum class Kind { File, Symbol, Code } kind = Kind::File;
  std::string path;                   // File: absolute
  std::optional<std::uint32_t> line;  // File: 0-based, optional
  std::string symbol;                 // Symbol
  std::string language;               // Code: the fence's info string
  std::string code;                   // Code
};

enum class PieceRole { Target, Outline, Definition, Caller, Search, Reference, Example };
const char* toString(PieceRole role);

struct ContextItem {
  PieceRole role = PieceRole::Search;
  std::string path;             // absolute; empty for pasted code
  std::uint32_t startLine = 0;  // 0-based inclusive
  std::uint32_t endLine = 0;
  std::string symbol;  // qualified name when the piece is a definition
  std::string kind;    // the chunk's kind ("function", "class", "outline", ...)
  std::string why;     // for people: "defines helper `tokenize`", "calls `parse_args`"
  std::string text;
  int tokens = 0;  // estimateTokens of what is sent for this piece (title included)
};

// A definition a symbol name resolved to, for "which one did you mean?" answers.
struct SymbolCandidate {
  std::string path;
  std::string qualifiedName;
  std::string kind;
  std::string signature;
  std::uint32_t line = 0;  // 0-based
};

struct ContextRequest {
  ContextTarget target;
  std::string question;  // free text; its identifiers and words are searched
  std::vector<ExplicitReference> references;
  int budgetTokens = 4000;  // never exceeded by the sum of the items' tokens
};

struct BuiltContext {
  std::vector<ContextItem> items;  // best first
  int tokens = 0;                  // sum of items[i].tokens
  int budgetTokens = 0;            // the request's budget, for reports
  // The resolved target: the chunk at the position, or the symbol's definition.
  std::optional<indexer::ChunkRow> target;
  std::optional<indexer::SymbolRow> targetSymbol;  // the definition the target names, if any
  // A symbol name with several definitions and nothing to choose between them: the target is
  // left unset and the candidates are listed (best first).
  std::vector<SymbolCandidate> ambiguous;
  std::vector<std::string> notFound;  // "symbol `frob` is not in the index", "no such file ..."
  int droppedItems = 0;               // found but over the budget
};

// The unsaved text of a file the editor has open, or nullopt to read the index's copy.
using UnsavedText = std::function<std::optional<std::string>(const std::string& path)>;

class ContextBuilder {
 public:
  ContextBuilder(indexer::IndexReader& index, UnsavedText unsaved = {})
      : index_(index), unsaved_(std::move(unsaved)) {}

  // Errors are database failures; missing targets are reported in `notFound`.
  gloss::Expected<BuiltContext, std::string> build(const ContextRequest& request,
                                                   const llm::CancelCheck& cancelled = {});

 private:
  indexer::IndexReader& index_;
  UnsavedText unsaved_;
};

// "src/parse.py:10-42 · function Parser.parse_args · calls `tokenize`" (1-based lines, paths
// relative to `root` when under it).
std::string itemTitle(const ContextItem& item, const std::string& root);
// The items as provider context pieces (titles as above).
std::vector<llm::ContextPiece> toPieces(const BuiltContext& context, const std::string& root);
// A plain-text report of the assembled context for `--show-context` and gloss/context: one
// header line per item with its role and token count, then its text; the total at the end.
std::string describeContext(const BuiltContext& context, const std::string& root);

}  // namespace gloss::commands
