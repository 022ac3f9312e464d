#include "commands/Markdown.h"

#include <algorithm>

#include "indexer/Language.h"

namespace gloss::commands {

namespace {

std::size_t longestBacktickRun(std::string_view text) {
  std::size_t longest = 0, run = 0;
  for (char c : text) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  return longest;
}

}  // namespace

std::string fenceFor(std::string_view text) {
  return std::string(std::max<std::size_t>(3, longestBacktickRun(text) + 1), '`');
}

std::string codeBlock(std::string_view language, std::string_view text) {
  std::string fence = fenceFor(text);
  std::string out = fence;
  out.append(language);
  out += '\n';
  out.append(text);
  if (!text.empty() && text.back() != '\n') out += '\n';
  out += fence;
  out += '\n';
  return out;
}

std::string inlineCode(std::string_view text) {
  std::string ticks(longestBacktickRun(text) + 1, '`');
  bool pad = !text.empty() && (text.front() == '`' || text.back() == '`');
  std::string out = ticks;
  if (pad) out += ' ';
  out.append(text);
  if (pad) out += ' ';
  return out + ticks;
}

std::string fenceLanguage(std::string_view path) {
  indexer::Language language = indexer::detectLanguage(path);
  if (language == indexer::Language::Text) return "";
  return std::string(indexer::languageInfo(language).name);
}

std::string relativeTo(std::string_view path, std::string_view root) {
  if (root.empty() || !path.starts_with(root)) return std::string(path);
  std::string_view rest = path.substr(root.size());
  if (rest.empty()) return ".";
  if (rest.front() != '/' && root.back() != '/') return std::string(path);
  while (!rest.empty() && rest.front() == '/') rest.remove_prefix(1);
  return std::string(rest);
}

std::string location(std::string_view path, std::string_view root, unsigned startLine,
                     unsigned endLine) {
  std::string out = relativeTo(path, root) + ":" + std::to_string(startLine + 1);
  if (endLine > startLine) out += "-" + std::to_string(endLine + 1);
  return out;
}

}  // namespace gloss::commands
