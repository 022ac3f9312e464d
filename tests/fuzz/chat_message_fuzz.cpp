// Fuzzes what chat reads out of a message and an answer: the slash-command and reference parser
// (commands/chat/ChatMessageParser), the word rules under it (ReferenceSyntax), fenced blocks
// and code spans (MarkdownFences) and the code blocks kept on answers (CodeBlocks). Besides not
// crashing, each result must be well formed: commands are known and in line order, references
// are de-duplicated, spans and blocks are ordered, inside the text and balanced, and views
// point into the text they came from.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "commands/chat/ChatMessageParser.h"
#include "commands/chat/CodeBlocks.h"
#include "commands/chat/MarkdownFences.h"
#include "commands/chat/ReferenceSyntax.h"

namespace {

using namespace gloss::commands;

void check(bool ok) {
  if (!ok) __builtin_trap();
}

// An empty view may point anywhere.
bool inside(std::string_view part, std::string_view whole) {
  if (part.empty()) return true;
  return part.data() >= whole.data() && part.data() + part.size() <= whole.data() + whole.size();
}

bool sameReference(const MessageReference& a, const MessageReference& b) {
  return a.kind == b.kind && a.path == b.path && a.line == b.line && a.endLine == b.endLine &&
         a.symbol == b.symbol && a.language == b.language && a.code == b.code;
}

void checkMessage(std::string_view text, std::size_t lineCount) {
  ParsedMessage parsed = parseChatMessage(text);
  for (std::size_t i = 0; i < parsed.commands.size(); ++i) {
    const SlashCommandUse& use = parsed.commands[i];
    check(use.line < lineCount);
    check(i == 0 || parsed.commands[i - 1].line <= use.line);
    check(!completeSlashCommand(use.name).empty());
  }
  for (const std::string& unknown : parsed.unknownCommands) check(!unknown.empty());
  for (std::size_t i = 0; i < parsed.references.size(); ++i) {
    const MessageReference& ref = parsed.references[i];
    if (ref.kind == MessageReference::Kind::File) check(!ref.path.empty());
    if (ref.kind == MessageReference::Kind::Symbol) check(!ref.symbol.empty());
    if (ref.endLine) check(ref.line.has_value());
    for (std::size_t j = 0; j < i; ++j) check(!sameReference(parsed.references[j], ref));
  }
  check(parsed.question.size() <= text.size());
}

void checkBlocks(std::string_view text, const std::vector<std::string_view>& lines) {
  std::vector<chat::FencedBlock> blocks = chat::findFencedBlocks(lines);
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    check(blocks[i].openLine < blocks[i].endLine && blocks[i].endLine <= lines.size());
    check(i == 0 || blocks[i - 1].endLine <= blocks[i].openLine);
    check(inside(blocks[i].info, text));
  }
  std::vector<CodeBlock> extracted = extractCodeBlocks(text);
  check(extracted.size() == blocks.size());
  for (const CodeBlock& block : extracted) check(block.code.empty() || block.code.back() == '\n');
}

void checkSpans(std::string_view text) {
  std::size_t previousEnd = 0;
  for (const chat::CodeSpan& span : chat::findCodeSpans(text)) {
    check(previousEnd <= span.begin && span.begin < span.contentBegin);
    check(span.contentBegin <= span.contentEnd && span.contentEnd < span.end);
    check(span.end <= text.size());
    check(span.contentBegin - span.begin == span.end - span.contentEnd);
    check(text[span.begin] == '`' && text[span.end - 1] == '`');
    std::string_view content = text.substr(span.contentBegin, span.contentEnd - span.contentBegin);
    if (auto symbol = chat::parseSymbolMention(content)) check(!symbol->empty());
    previousEnd = span.end;
  }
}

void checkWords(std::string_view line) {
  std::size_t pos = 0;
  while (pos < line.size()) {
    std::size_t end = line.find(' ', pos);
    if (end == std::string_view::npos) end = line.size();
    std::string_view word = chat::stripSurroundingPunctuation(line.substr(pos, end - pos));
    check(inside(word, line));
    if (auto mention = chat::parseFileMention(word)) {
      check(!mention->path.empty() && inside(mention->path, word));
      if (mention->endLine) check(mention->line.has_value());
    }
    pos = end + 1;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<std::string_view> lines = chat::splitLines(text);
  for (std::string_view line : lines) {
    check(inside(line, text) && line.find('\n') == std::string_view::npos);
    checkWords(line);
  }
  checkMessage(text, lines.size());
  checkBlocks(text, lines);
  checkSpans(text);
  for (const SlashCommandInfo& info : completeSlashCommand(lines.empty() ? "" : lines.front()))
    check(!info.name.empty());
  return 0;
}
