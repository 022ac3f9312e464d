#include "commands/chat/ChatGrep.h"

#include <charconv>
#include <map>
#include <mutex>

#include "commands/Markdown.h"
#include "indexer/PathContainment.h"

namespace gloss::commands {

namespace {

constexpr const char* kUsage =
    "usage: /grep [-i|-s] [-w] [-F] [-g GLOB] [-t TYPE] [-C N] PATTERN [PATH...]";

CommandError usage(const std::string& message) {
  return {CommandError::Kind::InvalidTarget, message + "\n" + kUsage};
}

bool parseNumber(const std::string& text, std::uint32_t& out) {
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
  return error == std::errc() && end == text.data() + text.size();
}

class CollectingListener : public GrepListener {
 public:
  void onFile(const indexer::GrepFileHits& hits,
              const std::vector<const indexer::Symbol*>& enclosing) override {
    std::lock_guard lock(mutex_);
    auto& lines = files_[hits.path];
    for (std::size_t i = 0; i < hits.lines.size(); ++i) {
      const indexer::GrepLine& line = hits.lines[i];
      std::string symbol = enclosing[i] ? enclosing[i]->qualifiedName : std::string();
      lines.push_back({line.line, line.text, symbol, line.isContext()});
    }
  }
  struct Line {
    std::uint32_t line;
    std::string text;
    std::string symbol;
    bool context;
  };
  std::map<std::string, std::vector<Line>> files_;  // sorted by path

 private:
  std::mutex mutex_;
};

}  // namespace

std::vector<std::string> splitWords(std::string_view text) {
  std::vector<std::string> words;
  std::string current;
  bool inWord = false;
  char quote = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quote) {
      if (c == quote) {
        quote = 0;
      } else if (c == '\\' && quote == '"' && i + 1 < text.size()) {
        current += text[++i];
      } else {
        current += c;
      }
    } else if (c == '\'' || c == '"') {
      quote = c;
      inWord = true;
    } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      if (inWord) words.push_back(std::move(current));
      current.clear();
      inWord = false;
    } else {
      if (c == '\\' && i + 1 < text.size()) c = text[++i];
      current += c;
      inWord = true;
    }
  }
  if (inWord) words.push_back(std::move(current));
  return words;
}

CommandResult<ChatGrepAnswer> runChatGrep(std::string_view argument, GrepContext context,
                                          const std::string& root) {
  std::vector<std::string> words = splitWords(argument);
  GrepRequest request;
  request.maxResults = kChatGrepLines;
  request.useIndex = true;
  std::optional<std::string> pattern;
  std::vector<std::string> paths;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string& w = words[i];
    const std::string* value = i + 1 < words.size() ? &words[i + 1] : nullptr;
    std::uint32_t n = 0;
    if (pattern || w == "--" || !w.starts_with("-") || w == "-") {
      if (w == "--" && !pattern) continue;
      (pattern ? paths.push_back(w) : void(pattern = w));
    } else if (w == "-i") {
      request.pattern.caseMode = indexer::CaseMode::Insensitive;
    } else if (w == "-s") {
      request.pattern.caseMode = indexer::CaseMode::Sensitive;
    } else if (w == "-w") {
      request.pattern.wordRegexp = true;
    } else if (w == "-F") {
      request.pattern.fixedStrings = true;
    } else if ((w == "-g" || w == "-t" || w == "-T") && value) {
      (w == "-g"   ? request.paths.globs
       : w == "-t" ? request.paths.types
                   : request.paths.typesNot)
          .push_back(*value);
      ++i;
    } else if ((w == "-C" || w == "-A" || w == "-B" || w == "-m") && value &&
               parseNumber(*value, n) && n <= 100) {
      if (w == "-m") request.maxResults = std::max<std::uint32_t>(1, n);
      if (w == "-C" || w == "-B") request.contextBefore = n;
      if (w == "-C" || w == "-A") request.contextAfter = n;
      ++i;
    } else {
      return gloss::unexpected(usage("/grep: unknown or incomplete option " + w));
    }
  }
  if (!pattern || pattern->empty()) return gloss::unexpected(usage("/grep: no pattern"));
  request.pattern.pattern = *pattern;
  // Paths narrow the search to those folders or files (relative ones from the first root).
  for (const std::string& p : paths) {
    auto inside = indexer::containedPath(p, context.roots);
    if (!inside)
      return gloss::unexpected(usage("/grep: refused: " + p + " is outside the workspace folders"));
    std::string rel;
    for (const std::string& folder : context.roots) {
      std::string normal = indexer::normalPath(folder);
      if (!indexer::isUnder(*inside, normal)) continue;
      rel = inside->substr(std::min(inside->size(), normal.size() + 1));
      break;
    }
    if (rel.empty()) continue;
    request.paths.globs.push_back("/" + rel);
    request.paths.globs.push_back("/" + rel + "/**");
  }
  CollectingListener listener;
  auto summary = runGrep(request, context, listener);
  if (!summary) return gloss::unexpected(usage("/grep: " + summary.error()));
  ChatGrepAnswer answer;
  std::string& out = answer.markdown;
  for (const auto& [path, lines] : listener.files_) {
    ++answer.files;
    answer.paths.push_back(path);
    out += "\n**" + relativeTo(path, root) + "**\n";
    for (const auto& line : lines) {
      if (!line.context) ++answer.matchedLines;
      std::string text(line.text.substr(0, 200));
      out += std::string(line.context ? "  " : "- ") + "`" + relativeTo(path, root) + ":" +
             std::to_string(line.line + 1) + "`" +
             (line.symbol.empty() ? "" : " in " + inlineCode(line.symbol)) + ": " +
             inlineCode(text) + "\n";
    }
  }
  std::string heading = "/grep " + inlineCode(*pattern) + ": ";
  if (answer.files == 0) {
    out = heading + "no matches.\n";
  } else {
    out = heading + std::to_string(answer.matchedLines) + " matching lines in " +
          std::to_string(answer.files) + (answer.files == 1 ? " file" : " files") +
          (summary->stats.truncated ? " (first " + std::to_string(request.maxResults) + " shown)"
                                    : "") +
          ".\n" + out;
  }
  return answer;
}

}  // namespace gloss::commands
