// Fenced code blocks and code spans following CommonMark's rules for where code starts and
// ends, so that what gloss treats as code matches what an editor renders as code.
#include "commands/chat/MarkdownFences.h"

#include <optional>
#include <unordered_map>

#include "commands/chat/ReferenceSyntax.h"

namespace gloss::commands::chat {
namespace {

struct Fence {
  std::size_t indent = 0;
  char marker = '`';
  std::size_t length = 0;
  std::string_view rest;  // what follows the fence characters
};

std::optional<Fence> readFence(std::string_view line) {
  Fence fence;
  while (fence.indent < line.size() && line[fence.indent] == ' ') ++fence.indent;
  if (fence.indent > 3 || fence.indent == line.size()) return std::nullopt;
  fence.marker = line[fence.indent];
  if (fence.marker != '`' && fence.marker != '~') return std::nullopt;
  std::size_t end = fence.indent;
  while (end < line.size() && line[end] == fence.marker) ++end;
  fence.length = end - fence.indent;
  if (fence.length < 3) return std::nullopt;
  fence.rest = line.substr(end);
  return fence;
}

std::optional<Fence> openingFence(std::string_view line) {
  std::optional<Fence> fence = readFence(line);
  // A backtick fence's info string cannot hold a backtick (it would be an inline span).
  if (fence && fence->marker == '`' && fence->rest.find('`') != std::string_view::npos)
    return std::nullopt;
  return fence;
}

bool closesFence(std::string_view line, const Fence& open) {
  std::optional<Fence> fence = readFence(line);
  return fence && fence->marker == open.marker && fence->length >= open.length &&
         isBlank(fence->rest);
}

// Content lines lose up to as many leading spaces as the opening fence had.
std::string_view dedent(std::string_view line, std::size_t indent) {
  std::size_t drop = 0;
  while (drop < indent && drop < line.size() && line[drop] == ' ') ++drop;
  return line.substr(drop);
}

std::string_view unquote(std::string_view value) {
  if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
      value.back() == value.front())
    return value.substr(1, value.size() - 2);
  return value;
}

// A file name with no line suffix: `x.py:10-20` before a block labels an excerpt, not a file.
bool isFileName(std::string_view text) {
  std::optional<FileMention> mention = parseFileMention(text);
  return mention && !mention->line && mention->path.size() == text.size();
}

// Reads `key=value`, `key="quoted value"` or a bare word starting at `pos`.
struct Attribute {
  std::string_view key;
  std::string_view value;
};

Attribute readAttribute(std::string_view text, std::size_t& pos) {
  std::size_t start = pos;
  while (pos < text.size() && text[pos] != ' ' && text[pos] != '\t' && text[pos] != '=') ++pos;
  if (pos == text.size() || text[pos] != '=') return {{}, text.substr(start, pos - start)};
  std::string_view key = text.substr(start, pos - start);
  std::size_t valueStart = ++pos;
  if (pos < text.size() && (text[pos] == '"' || text[pos] == '\'')) {
    std::size_t close = text.find(text[pos], pos + 1);
    pos = close == std::string_view::npos ? text.size() : close + 1;
  } else {
    while (pos < text.size() && text[pos] != ' ' && text[pos] != '\t') ++pos;
  }
  return {key, unquote(text.substr(valueStart, pos - valueStart))};
}

bool namesFile(std::string_view key) {
  std::string lowered = asciiLower(key);
  return lowered == "title" || lowered == "file" || lowered == "filename" || lowered == "name" ||
         lowered == "path";
}

}  // namespace

std::vector<std::string_view> splitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t newline = text.find('\n', start);
    std::size_t end = newline == std::string_view::npos ? text.size() : newline;
    std::size_t contentEnd = end > start && text[end - 1] == '\r' ? end - 1 : end;
    lines.push_back(text.substr(start, contentEnd - start));
    if (newline == std::string_view::npos) break;
    start = newline + 1;
  }
  return lines;
}

std::vector<FencedBlock> findFencedBlocks(const std::vector<std::string_view>& lines) {
  std::vector<FencedBlock> blocks;
  std::size_t i = 0;
  while (i < lines.size()) {
    std::optional<Fence> open = openingFence(lines[i]);
    if (!open) {
      ++i;
      continue;
    }
    FencedBlock block;
    block.openLine = i;
    block.info = trimWhitespace(open->rest);
    std::size_t j = i + 1;
    for (; j < lines.size(); ++j) {
      if (closesFence(lines[j], *open)) {
        block.closed = true;
        break;
      }
      block.code.append(dedent(lines[j], open->indent));
      block.code.push_back('\n');
    }
    block.endLine = block.closed ? j + 1 : lines.size();
    i = block.endLine;
    blocks.push_back(std::move(block));
  }
  return blocks;
}

FenceInfo parseFenceInfo(std::string_view info) {
  FenceInfo out;
  info = trimWhitespace(info);
  std::size_t pos = 0;
  Attribute first = readAttribute(info, pos);
  std::string_view word = first.value;
  if (!first.key.empty()) {
    if (namesFile(first.key) && isFileName(word)) out.path = word;
  } else if (std::size_t colon = word.find(':');
             colon != std::string_view::npos && colon > 0 && isFileName(word.substr(colon + 1))) {
    out.language = word.substr(0, colon);
    out.path = word.substr(colon + 1);
  } else if (isFileName(word)) {
    out.path = word;
  } else {
    out.language = word;
  }
  while (pos < info.size()) {
    if (info[pos] == ' ' || info[pos] == '\t') {
      ++pos;
      continue;
    }
    Attribute attribute = readAttribute(info, pos);
    bool named = attribute.key.empty() || namesFile(attribute.key);
    if (out.path.empty() && named && isFileName(attribute.value)) out.path = attribute.value;
  }
  if (out.language.empty()) out.language = languageForPath(out.path);
  return out;
}

std::vector<CodeSpan> findCodeSpans(std::string_view paragraph) {
  struct Run {
    std::size_t pos;
    std::size_t length;
  };
  std::vector<Run> runs;
  for (std::size_t pos = paragraph.find('`'); pos != std::string_view::npos;) {
    std::size_t end = paragraph.find_first_not_of('`', pos);
    if (end == std::string_view::npos) end = paragraph.size();
    runs.push_back({pos, end - pos});
    pos = paragraph.find('`', end);
  }
  // Runs of each length in order, with a cursor that only moves forward: finding the partner
  // of every opener then costs linear time in total, however the runs are arranged.
  std::unordered_map<std::size_t, std::vector<std::size_t>> byLength;
  for (std::size_t i = 0; i < runs.size(); ++i) byLength[runs[i].length].push_back(i);
  std::unordered_map<std::size_t, std::size_t> cursor;

  std::vector<CodeSpan> spans;
  for (std::size_t i = 0; i < runs.size();) {
    const std::vector<std::size_t>& same = byLength[runs[i].length];
    std::size_t& next = cursor[runs[i].length];
    while (next < same.size() && same[next] <= i) ++next;
    if (next == same.size()) {
      ++i;
      continue;
    }
    const Run& open = runs[i];
    const Run& close = runs[same[next]];
    spans.push_back({open.pos, close.pos + close.length, open.pos + open.length, close.pos});
    i = same[next] + 1;
  }
  return spans;
}

}  // namespace gloss::commands::chat
