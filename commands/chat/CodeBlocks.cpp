// Finds an answer's code blocks and the file each one is meant for: the info string
// (```python:tests/test_x.py, ```ts title="x.test.ts") or a label on the line just before the
// fence ("**tests/test_x.py**", "File: tests/test_x.py", "`tests/test_x.py`:").
#include "commands/chat/CodeBlocks.h"

#include <array>
#include <optional>

#include "commands/chat/MarkdownFences.h"
#include "commands/chat/ReferenceSyntax.h"

namespace gloss::commands {
namespace {

bool isHorizontalSpace(char c) {
  return c == ' ' || c == '\t';
}

// Emphasis, code ticks, spaces and a trailing colon around a label.
std::string_view stripDecoration(std::string_view text) {
  constexpr std::string_view kAround = "*` \t";
  while (true) {
    std::size_t before = text.size();
    while (!text.empty() && kAround.find(text.front()) != std::string_view::npos)
      text.remove_prefix(1);
    while (!text.empty() &&
           (kAround.find(text.back()) != std::string_view::npos || text.back() == ':'))
      text.remove_suffix(1);
    if (text.size() == before) return text;
  }
}

std::string_view stripLinePrefix(std::string_view text) {
  text = chat::trimWhitespace(text);
  while (!text.empty() && text.front() == '#') text.remove_prefix(1);  // a heading
  text = chat::trimWhitespace(text);
  if (text.size() > 1 && (text[0] == '-' || text[0] == '+') && isHorizontalSpace(text[1]))
    text.remove_prefix(2);  // a list item; '*' items are stripped with the emphasis
  return text;
}

// The file a line such as "**File:** `tests/test_x.py`" names, when that is all it says.
std::optional<std::string> fileLabel(std::string_view line) {
  std::string_view text = stripDecoration(stripLinePrefix(line));
  constexpr std::array<std::string_view, 4> kLabels{"file:", "filename:", "file name:", "path:"};
  std::string lowered = chat::asciiLower(text.substr(0, 10));
  for (std::string_view label : kLabels) {
    if (lowered.starts_with(label)) {
      text = stripDecoration(text.substr(label.size()));
      break;
    }
  }
  if (text.empty() || text.find_first_of(" \t") != std::string_view::npos) return std::nullopt;
  std::optional<chat::FileMention> mention = chat::parseFileMention(text);
  if (!mention || mention->line || mention->path.size() != text.size()) return std::nullopt;
  return std::string(text);
}

// The label line just before the fence, allowing one blank line between, but never a line
// that belongs to the previous block.
std::optional<std::string> labelBefore(const std::vector<std::string_view>& lines,
                                       std::size_t openLine, std::size_t firstProseLine) {
  if (openLine == firstProseLine) return std::nullopt;
  std::size_t candidate = openLine - 1;
  if (chat::isBlank(lines[candidate])) {
    if (candidate == firstProseLine) return std::nullopt;
    --candidate;
  }
  return fileLabel(lines[candidate]);
}

}  // namespace

std::vector<CodeBlock> extractCodeBlocks(std::string_view markdown) {
  std::vector<std::string_view> lines = chat::splitLines(markdown);
  std::vector<CodeBlock> blocks;
  std::size_t firstProseLine = 0;
  for (chat::FencedBlock& fenced : chat::findFencedBlocks(lines)) {
    chat::FenceInfo info = chat::parseFenceInfo(fenced.info);
    CodeBlock block{std::move(info.language), std::move(fenced.code), std::move(info.path)};
    if (block.path.empty()) {
      if (std::optional<std::string> label = labelBefore(lines, fenced.openLine, firstProseLine))
        block.path = std::move(*label);
    }
    if (block.language.empty()) block.language = chat::languageForPath(block.path);
    firstProseLine = fenced.endLine;
    blocks.push_back(std::move(block));
  }
  return blocks;
}

}  // namespace gloss::commands
