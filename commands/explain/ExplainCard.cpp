#include "commands/explain/ExplainCard.h"

#include "commands/DocComments.h"
#include "commands/Markdown.h"
#include "commands/context/IdentifierScan.h"

namespace gloss::commands {

namespace {

constexpr std::size_t kCodeLines = 40;

// The line of `item` that uses `name`, as the context builder judged its mentions: a call
// outside comments and declarations first, then any mention in code, then any at all; -1 when
// there is none. `text` gets the line, trimmed.
int useLine(const ContextItem& item, std::string_view name, std::string& text) {
  std::vector<Mention> mentions = findMentions(item.text, name, 0);
  const Mention* best = nullptr;
  auto rank = [](const Mention& m) { return m.comment ? 2 : m.call && !m.declaration ? 0 : 1; };
  for (const Mention& m : mentions)
    if (!best || rank(m) < rank(*best)) best = &m;
  if (!best) return -1;
  std::vector<std::string_view> lines = splitLines(item.text);
  if (best->line < lines.size()) text = trim(lines[best->line]);
  return static_cast<int>(best->line);
}

std::string quoted(const std::string& text) {
  std::string out;
  for (std::string_view line : splitLines(text)) out += "> " + std::string(line) + "\n";
  return out;
}

std::string headCode(const ContextItem& item) {
  std::vector<std::string_view> lines = splitLines(item.text);
  std::string out;
  for (std::size_t i = 0; i < lines.size() && i < kCodeLines; ++i) {
    out.append(lines[i]);
    out += '\n';
  }
  if (lines.size() > kCodeLines) {
    out += "... (" + std::to_string(lines.size() - kCodeLines) + " more lines)\n";
  }
  return out;
}

const ContextItem* firstOf(const BuiltContext& context, PieceRole role) {
  for (const ContextItem& item : context.items)
    if (item.role == role) return &item;
  return nullptr;
}

std::string sizeText(const ContextItem& target) {
  std::size_t lines = target.endLine - target.startLine + 1;
  std::size_t bytes = target.text.size();
  std::string size = bytes >= 1024 ? std::to_string((bytes * 10 / 1024) / 10) + "." +
                                         std::to_string((bytes * 10 / 1024) % 10) + " KiB"
                                   : std::to_string(bytes) + " bytes";
  return std::to_string(lines) + (lines == 1 ? " line, " : " lines, ") + size;
}

std::string callersSection(const BuiltContext& context, std::string_view name,
                           const std::string& root) {
  std::string out;
  std::size_t count = 0;
  for (const ContextItem& item : context.items) {
    if (item.role != PieceRole::Caller) continue;
    std::string line;
    int at = useLine(item, name, line);
    unsigned lineNo = item.startLine + static_cast<unsigned>(at < 0 ? 0 : at);
    out += "- `" + location(item.path, root, lineNo, lineNo) + "`";
    if (!item.symbol.empty()) out += " in " + inlineCode(item.symbol);
    if (!line.empty()) out += ": " + inlineCode(line);
    out += "\n";
    ++count;
  }
  if (count == 0) {
    return "No callers found in the index: it may be an entry point, called dynamically or "
           "from outside the workspace, or unused.\n";
  }
  return out;
}

std::string callsSection(const BuiltContext& context, const std::string& root) {
  std::string out;
  for (const ContextItem& item : context.items) {
    if (item.role != PieceRole::Definition) continue;
    out += "- " + inlineCode(item.symbol.empty() ? item.why : item.symbol) + " (" + item.kind +
           ", `" + location(item.path, root, item.startLine, item.startLine) + "`)";
    if (!item.why.empty()) out += " — " + item.why;
    out += "\n";
  }
  return out.empty() ? "Nothing defined elsewhere in the workspace.\n" : out;
}

}  // namespace

std::string explainCard(const BuiltContext& context, const std::string& root) {
  const ContextItem* target = firstOf(context, PieceRole::Target);
  if (!target) return "The index holds no code at this target.\n";
  std::string name = context.targetSymbol ? context.targetSymbol->symbol.name
                     : context.target     ? context.target->chunk.symbol
                                          : std::string();
  std::string qualified = target->symbol.empty() ? name : target->symbol;
  std::string where = location(target->path, root, target->startLine, target->endLine);
  std::string out =
      "## " + (qualified.empty() ? "`" + where + "`" : inlineCode(qualified)) + "\n\n";
  out += target->kind + " in `" + where + "` · " + sizeText(*target) + "\n\n";
  std::string signature = context.target ? context.target->chunk.signature : std::string();
  if (context.targetSymbol && !context.targetSymbol->symbol.signature.empty())
    signature = context.targetSymbol->symbol.signature;
  if (!signature.empty())
    out += "**Signature**\n\n" + codeBlock(fenceLanguage(target->path), signature) + "\n";
  std::string doc = docComment(target->text, signature);
  out += doc.empty() ? "**Documentation**: none in the source.\n\n"
                     : "**Documentation**\n\n" + quoted(doc) + "\n";
  if (const ContextItem* outline = firstOf(context, PieceRole::Outline)) {
    out += "**Defined in** " + inlineCode(outline->symbol) + " (`" +
           location(outline->path, root, outline->startLine, outline->endLine) + "`)\n\n";
  }
  if (!name.empty()) {
    out += "**Used by**\n\n" + callersSection(context, name, root) + "\n";
  }
  out += "**Uses**\n\n" + callsSection(context, root) + "\n";
  out += "**Code**\n\n" + codeBlock(fenceLanguage(target->path), headCode(*target));
  return out;
}

}  // namespace gloss::commands
