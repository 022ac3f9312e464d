// Parses a chat message in one pass over its lines: fenced blocks are set aside first (they are
// code, and become Code references), then each paragraph's inline code spans are found so that
// commands and file words are read only from prose. Linear in the message's length.
#include "commands/chat/ChatMessageParser.h"

#include <algorithm>
#include <unordered_set>

#include "commands/chat/MarkdownFences.h"
#include "commands/chat/ReferenceSyntax.h"

namespace gloss::commands {
namespace {

bool isCommandNameByte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
}
bool isLetter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool isHorizontalSpace(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\f';
}

bool isKnownCommand(std::string_view name) {
  const std::vector<SlashCommandInfo>& known = slashCommands();
  return std::any_of(known.begin(), known.end(),
                     [&](const SlashCommandInfo& info) { return info.name == name; });
}

class MessageScanner {
 public:
  explicit MessageScanner(std::string_view message)
      : message_(message), lines_(chat::splitLines(message)), commandLine_(lines_.size(), false) {}

  ParsedMessage run() {
    std::vector<chat::FencedBlock> blocks = chat::findFencedBlocks(lines_);
    std::size_t nextBlock = 0;
    std::size_t line = 0;
    while (line < lines_.size()) {
      if (nextBlock < blocks.size() && blocks[nextBlock].openLine == line) {
        addCodeReference(blocks[nextBlock]);
        line = blocks[nextBlock++].endLine;
        continue;
      }
      if (chat::isBlank(lines_[line])) {
        ++line;
        continue;
      }
      std::size_t end = line;
      while (end < lines_.size() && !chat::isBlank(lines_[end]) &&
             !(nextBlock < blocks.size() && blocks[nextBlock].openLine == end))
        ++end;
      scanParagraph(line, end);
      line = end;
    }
    buildQuestion();
    return std::move(out_);
  }

 private:
  std::size_t offsetOf(std::size_t line) const {
    return static_cast<std::size_t>(lines_[line].data() - message_.data());
  }

  void scanParagraph(std::size_t first, std::size_t last) {
    std::size_t begin = offsetOf(first);
    std::size_t end = offsetOf(last - 1) + lines_[last - 1].size();
    spans_ = chat::findCodeSpans(message_.substr(begin, end - begin));
    for (chat::CodeSpan& span : spans_) {
      span.begin += begin;
      span.end += begin;
      span.contentBegin += begin;
      span.contentEnd += begin;
    }
    nextSpan_ = 0;
    for (std::size_t line = first; line < last; ++line) scanLine(line);
  }

  // Moves the span cursor to the first span not wholly before `pos`.
  void skipSpansBefore(std::size_t pos) {
    while (nextSpan_ < spans_.size() && spans_[nextSpan_].end <= pos) ++nextSpan_;
  }

  bool insideSpan(std::size_t pos) {
    skipSpansBefore(pos);
    return nextSpan_ < spans_.size() && spans_[nextSpan_].begin <= pos;
  }

  void scanLine(std::size_t line) {
    std::size_t begin = offsetOf(line);
    std::size_t end = begin + lines_[line].size();
    std::size_t slash = begin;
    while (slash < end && isHorizontalSpace(message_[slash])) ++slash;
    std::size_t textStart = begin;
    if (slash < end && message_[slash] == '/' && !insideSpan(slash)) {
      std::size_t nameEnd = slash + 1;
      while (nameEnd < end && isCommandNameByte(message_[nameEnd])) ++nameEnd;
      std::string_view name = message_.substr(slash + 1, nameEnd - slash - 1);
      // "/usr/lib", "/x.py" and "/50%" stop at a byte a name cannot hold: not commands.
      bool endsName = nameEnd == end || isHorizontalSpace(message_[nameEnd]);
      if (!name.empty() && isLetter(name.front()) && endsName) {
        addCommand(name, chat::trimWhitespace(message_.substr(nameEnd, end - nameEnd)), line);
        textStart = nameEnd;
      }
    }
    scanText(textStart, end);
  }

  void addCommand(std::string_view name, std::string_view argument, std::size_t line) {
    commandLine_[line] = true;
    std::string lowered = chat::asciiLower(name);
    if (isKnownCommand(lowered)) {
      out_.commands.push_back({lowered, std::string(argument), line});
    } else if (seen_.insert("U" + std::string(name)).second) {
      out_.unknownCommands.emplace_back(name);
    }
  }

  // References in [from, to) of one line: words of prose and whole inline code spans.
  void scanText(std::size_t from, std::size_t to) {
    std::size_t pos = from;
    while (pos < to) {
      skipSpansBefore(pos);
      if (nextSpan_ < spans_.size() && spans_[nextSpan_].begin <= pos) {
        pos = spans_[nextSpan_].end;  // opened on an earlier line; already read there
        continue;
      }
      std::size_t proseEnd = nextSpan_ < spans_.size() ? std::min(to, spans_[nextSpan_].begin) : to;
      scanWords(message_.substr(pos, proseEnd - pos));
      if (proseEnd == to) return;
      const chat::CodeSpan& span = spans_[nextSpan_];
      addSpanReference(message_.substr(span.contentBegin, span.contentEnd - span.contentBegin));
      pos = span.end;
    }
  }

  void scanWords(std::string_view text) {
    std::size_t pos = 0;
    while (pos < text.size()) {
      while (pos < text.size() && isHorizontalSpace(text[pos])) ++pos;
      std::size_t end = pos;
      while (end < text.size() && !isHorizontalSpace(text[end])) ++end;
      if (end > pos) {
        if (auto mention = chat::parseFileMention(
                chat::stripSurroundingPunctuation(text.substr(pos, end - pos))))
          addFileReference(*mention);
      }
      pos = end;
    }
  }

  void addSpanReference(std::string_view content) {
    content = chat::trimWhitespace(content);
    if (auto mention = chat::parseFileMention(content)) {
      addFileReference(*mention);
    } else if (auto symbol = chat::parseSymbolMention(content)) {
      MessageReference reference;
      reference.kind = MessageReference::Kind::Symbol;
      reference.symbol = std::string(*symbol);
      std::string key = "S" + reference.symbol;
      addReference(std::move(reference), std::move(key));
    }
  }

  void addFileReference(const chat::FileMention& mention) {
    MessageReference reference;
    reference.kind = MessageReference::Kind::File;
    reference.path = std::string(mention.path);
    reference.line = mention.line;
    reference.endLine = mention.endLine;
    std::string key = "F" + reference.path + '\0' + std::to_string(mention.line.value_or(0)) +
                      '\0' + std::to_string(mention.endLine.value_or(0));
    addReference(std::move(reference), std::move(key));
  }

  void addCodeReference(const chat::FencedBlock& block) {
    MessageReference reference;
    reference.kind = MessageReference::Kind::Code;
    reference.language = chat::parseFenceInfo(block.info).language;
    reference.code = block.code;
    std::string key = "C" + reference.language + '\0' + reference.code;
    addReference(std::move(reference), std::move(key));
  }

  void addReference(MessageReference reference, std::string key) {
    if (seen_.insert(std::move(key)).second) out_.references.push_back(std::move(reference));
  }

  void buildQuestion() {
    std::string question;
    for (std::size_t line = 0; line < lines_.size(); ++line) {
      if (commandLine_[line]) continue;
      question.append(lines_[line]);
      question.push_back('\n');
    }
    out_.question = std::string(chat::trimWhitespace(question));
  }

  std::string_view message_;
  std::vector<std::string_view> lines_;
  std::vector<bool> commandLine_;
  std::vector<chat::CodeSpan> spans_;  // of the paragraph being scanned, in message offsets
  std::size_t nextSpan_ = 0;
  std::unordered_set<std::string> seen_;
  ParsedMessage out_;
};

}  // namespace

ParsedMessage parseChatMessage(std::string_view message) {
  return MessageScanner(message).run();
}

}  // namespace gloss::commands
