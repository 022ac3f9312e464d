// How assembled context reads: piece titles, provider pieces and the `--show-context` report.
#include <string>

#include "commands/context/ContextBuilder.h"

namespace gloss::commands {
namespace {

std::string displayPath(const std::string& path, const std::string& root) {
  if (root.empty() || path.size() <= root.size() || !path.starts_with(root)) return path;
  if (root.back() == '/') return path.substr(root.size());
  if (path[root.size()] != '/') return path;
  return path.substr(root.size() + 1);
}

std::string location(const ContextItem& item, const std::string& root) {
  if (item.path.empty()) return item.kind.empty() ? "pasted code" : "pasted " + item.kind + " code";
  std::string where = displayPath(item.path, root) + ":" + std::to_string(item.startLine + 1);
  if (item.endLine > item.startLine) where += "-" + std::to_string(item.endLine + 1);
  return where;
}

// "function Parser.parse_args", or whichever half is known.
std::string whatItIs(const ContextItem& item) {
  if (item.path.empty()) return {};
  if (item.symbol.empty()) return item.kind;
  if (item.kind.empty()) return item.symbol;
  return item.kind + " " + item.symbol;
}

}  // namespace

const char* toString(PieceRole role) {
  switch (role) {
    case PieceRole::Target:
      return "target";
    case PieceRole::Outline:
      return "outline";
    case PieceRole::Definition:
      return "definition";
    case PieceRole::Caller:
      return "caller";
    case PieceRole::Search:
      return "search";
    case PieceRole::Reference:
      return "reference";
    case PieceRole::Example:
      return "example";
  }
  return "search";
}

std::string itemTitle(const ContextItem& item, const std::string& root) {
  std::string title = location(item, root);
  for (const std::string& part : {whatItIs(item), item.why}) {
    if (!part.empty()) title += " · " + part;
  }
  return title;
}

std::vector<llm::ContextPiece> toPieces(const BuiltContext& context, const std::string& root) {
  std::vector<llm::ContextPiece> pieces;
  pieces.reserve(context.items.size());
  for (const ContextItem& item : context.items)
    pieces.push_back({itemTitle(item, root), item.text});
  return pieces;
}

std::string describeContext(const BuiltContext& context, const std::string& root) {
  std::string out;
  for (const std::string& missing : context.notFound) out += "not found: " + missing + "\n";
  if (!context.ambiguous.empty()) {
    out += "ambiguous, candidates:\n";
    for (const SymbolCandidate& candidate : context.ambiguous) {
      out += "  " + displayPath(candidate.path, root) + ":" + std::to_string(candidate.line + 1) +
             " " + candidate.kind + " " + candidate.qualifiedName + "\n";
    }
  }
  for (const ContextItem& item : context.items) {
    out += std::string("[") + toString(item.role) + "] " + itemTitle(item, root) + " (" +
           std::to_string(item.tokens) + " tokens)\n";
    out += item.text;
    if (!item.text.empty() && item.text.back() != '\n') out += "\n";
    out += "\n";
  }
  out += "total: " + std::to_string(context.tokens) + " of " +
         std::to_string(context.budgetTokens) + " tokens";
  if (context.droppedItems > 0) {
    out += ", " + std::to_string(context.droppedItems) +
           (context.droppedItems == 1 ? " piece" : " pieces") + " over budget";
  }
  return out + "\n";
}

}  // namespace gloss::commands
