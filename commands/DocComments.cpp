#include "commands/DocComments.h"

#include <cctype>

namespace gloss::commands {

namespace {

std::string stripCommentMarker(std::string_view line) {
  line = trim(line);
  for (std::string_view marker : {"///", "//!", "//", "/**", "/*", "*/", "#", "--", "*"}) {
    if (line.starts_with(marker)) {
      line.remove_prefix(marker.size());
      break;
    }
  }
  if (line.ends_with("*/")) line.remove_suffix(2);
  return std::string(trim(line));
}

// `#include`, `#define`, `#pragma`, ...: C preprocessor lines, not `#` comments.
bool isDirective(std::string_view line) {
  for (std::string_view word : {"#include", "#define", "#if", "#endif", "#else", "#elif", "#pragma",
                                "#undef", "#error", "#import", "#line"}) {
    if (line.starts_with(word)) return true;
  }
  return false;
}

bool isCommentLine(std::string_view line) {
  line = trim(line);
  if (line.starts_with("#")) return !isDirective(line);
  return line.starts_with("//") || line.starts_with("/*") || line.starts_with("*") ||
         line.starts_with("--");
}

// The docstring opening at `lines[first]`, if that line starts one.
std::string docstringAt(const std::vector<std::string_view>& lines, std::size_t first) {
  std::string doc;
  if (first >= lines.size()) return doc;
  std::string_view open = trim(lines[first]);
  for (std::string_view quote : {"\"\"\"", "'''"}) {
    if (!open.starts_with(quote)) continue;
    for (std::size_t i = first; i < lines.size(); ++i) {
      std::string_view text = trim(lines[i]);
      if (i == first) text.remove_prefix(quote.size());
      std::size_t close = text.find(quote);
      std::string_view part = trim(text.substr(0, close));
      if (!part.empty()) doc += (doc.empty() ? "" : "\n") + std::string(part);
      if (close != std::string_view::npos) break;
    }
  }
  return doc;
}

std::string commentBlock(const std::vector<std::string_view>& lines, std::size_t begin,
                         std::size_t end) {
  std::string doc;
  for (std::size_t i = begin; i < end; ++i) {
    std::string text = stripCommentMarker(lines[i]);
    if (!text.empty()) doc += (doc.empty() ? "" : "\n") + text;
  }
  return doc;
}

}  // namespace

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
    text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
    text.remove_suffix(1);
  return text;
}

std::vector<std::string_view> splitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    std::size_t end = text.find('\n');
    lines.push_back(text.substr(0, end));
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return lines;
}

std::string docComment(std::string_view chunkText, std::string_view signature) {
  std::vector<std::string_view> lines = splitLines(chunkText);
  std::string_view first = trim(signature.substr(0, signature.find('\n')));
  std::size_t sig = 0;
  while (sig < lines.size() && (first.empty() || trim(lines[sig]).find(first) != 0)) ++sig;
  if (sig == lines.size()) sig = 0;
  std::size_t begin = sig;
  while (begin > 0 && isCommentLine(lines[begin - 1])) --begin;
  std::string doc = commentBlock(lines, begin, sig);
  return doc.empty() ? docstringAt(lines, sig + 1) : doc;
}

std::string fileComment(std::string_view text) {
  std::vector<std::string_view> lines = splitLines(text);
  std::size_t first = 0;
  while (first < lines.size() &&
         (trim(lines[first]).empty() || trim(lines[first]).starts_with("#!")))
    ++first;
  std::string doc = docstringAt(lines, first);
  if (!doc.empty()) return doc;
  std::size_t end = first;
  while (end < lines.size() && isCommentLine(lines[end])) ++end;
  return commentBlock(lines, first, end);
}

}  // namespace gloss::commands
