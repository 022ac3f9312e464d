#include "commands/chat/SessionSummary.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "commands/DocComments.h"
#include "commands/Markdown.h"
#include "commands/Prompts.h"
#include "commands/llm/ModelLimits.h"

namespace gloss::commands {

namespace {

constexpr std::size_t kTopics = 5;
constexpr std::size_t kQuestionsShown = 8;

const std::set<std::string, std::less<>>& stopWords() {
  static const std::set<std::string, std::less<>> words{
      "about",    "after",   "again",   "also",  "and",   "any",      "are",       "because",
      "been",     "before",  "being",   "but",   "can",   "could",    "does",      "doing",
      "each",     "explain", "file",    "for",   "from",  "generate", "have",      "here",
      "how",      "into",    "its",     "just",  "like",  "make",     "more",      "most",
      "not",      "now",     "only",    "other", "our",   "out",      "over",      "please",
      "same",     "should",  "show",    "some",  "such",  "than",     "that",      "the",
      "their",    "them",    "then",    "there", "these", "they",     "this",      "those",
      "through",  "tests",   "too",     "use",   "used",  "using",    "very",      "want",
      "was",      "were",    "what",    "when",  "where", "which",    "while",     "who",
      "why",      "will",    "with",    "would", "you",   "your",     "summarize", "code",
      "function", "return",  "returns", "self",  "none",  "true",     "false",     "def",
      "int",      "string",  "const"};
  return words;
}

bool isWordByte(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

std::string firstLine(const std::string& text) {
  std::string line(trim(text.substr(0, text.find('\n'))));
  if (line.size() > 120) line = line.substr(0, 117) + "...";
  return line;
}

std::string offlineText(const std::vector<HistoryTurn>& turns,
                        const std::vector<std::string>& topics) {
  std::size_t user = 0, assistant = 0;
  std::vector<std::string> questions;
  for (const HistoryTurn& turn : turns) {
    if (turn.role == "user") {
      ++user;
      std::string line = firstLine(turn.content);
      if (!line.empty() && questions.size() < kQuestionsShown) questions.push_back(line);
    } else if (turn.role == "assistant") {
      ++assistant;
    }
  }
  std::string out = std::to_string(turns.size()) + " messages (" + std::to_string(user) +
                    " from the user, " + std::to_string(assistant) + " answers).";
  if (!topics.empty()) {
    out += " Topics:";
    for (std::size_t i = 0; i < topics.size(); ++i) out += (i ? ", " : " ") + inlineCode(topics[i]);
    out += ".";
  }
  if (!questions.empty()) {
    out += "\n\nThe user asked:\n";
    for (const std::string& q : questions) out += "- " + q + "\n";
  }
  return out;
}

std::string transcript(const std::vector<HistoryTurn>& turns, int budget) {
  // Newest turns matter most when the budget is short: fill from the end, keep order.
  std::vector<std::string> parts;
  int used = 0;
  for (auto it = turns.rbegin(); it != turns.rend(); ++it) {
    std::string part = "[" + std::to_string(it->id) + "] " + it->role + ": " +
                       truncateForPrompt(it->content, std::max(64, budget / 8)) + "\n\n";
    int tokens = llm::estimateTokens(part);
    if (used + tokens > budget) break;
    used += tokens;
    parts.push_back(std::move(part));
  }
  std::string out;
  for (auto it = parts.rbegin(); it != parts.rend(); ++it) out += *it;
  return out;
}

}  // namespace

std::vector<std::string> topicsOf(const std::vector<HistoryTurn>& turns, std::size_t count) {
  std::map<std::string, std::size_t> turnsMentioning;
  std::map<std::string, std::size_t> firstSeen;
  std::size_t order = 0;
  for (const HistoryTurn& turn : turns) {
    std::set<std::string> seen;
    const std::string& text = turn.content;
    for (std::size_t i = 0; i < text.size();) {
      if (!isWordByte(text[i])) {
        ++i;
        continue;
      }
      std::size_t end = i;
      while (end < text.size() && isWordByte(text[end])) ++end;
      std::string word = text.substr(i, end - i);
      i = end;
      std::string lower = word;
      std::transform(lower.begin(), lower.end(), lower.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      if (word.size() < 4 || std::isdigit(static_cast<unsigned char>(word[0])) ||
          stopWords().count(lower))
        continue;
      if (seen.insert(word).second) {
        ++turnsMentioning[word];
        firstSeen.emplace(word, order++);
      }
    }
  }
  std::vector<std::string> words;
  for (const auto& [word, n] : turnsMentioning) words.push_back(word);
  std::stable_sort(words.begin(), words.end(), [&](const std::string& a, const std::string& b) {
    if (turnsMentioning[a] != turnsMentioning[b]) return turnsMentioning[a] > turnsMentioning[b];
    return firstSeen[a] < firstSeen[b];
  });
  if (words.size() > count) words.resize(count);
  return words;
}

SessionSummary summarizeSession(const CommandEnv& env, const std::vector<HistoryTurn>& turns) {
  SessionSummary summary;
  if (!turns.empty()) {
    summary.firstMessageId = turns.front().id;
    summary.lastMessageId = turns.back().id;
  }
  summary.topics = topicsOf(turns, kTopics);
  std::string offline = offlineText(turns, summary.topics);
  llm::ChatRequest request;
  request.task = "summarize this chat session";
  request.system = systemPrompt();
  request.offlineAnswer = offline;
  request.messages.push_back(
      {"user",
       "Summarize the conversation below in one paragraph for someone who will continue "
       "it: what the user wanted, what was found or decided, and what is still open. "
       "Name the files and symbols discussed. Then give 3 to 5 key topics on a last "
       "line starting with \"Topics:\", separated by commas.\n\n" +
           transcript(turns, std::max(512, env.provider.promptBudget() - 600))});
  summary.result = env.chat(request);
  summary.text = offline;
  if (!env.provider.isOffline() && summary.result.complete && !summary.result.text.empty()) {
    std::string text = summary.result.text;
    std::size_t at = text.rfind("Topics:");
    if (at != std::string::npos) {
      std::vector<std::string> topics;
      std::string list = text.substr(at + 7);
      for (std::size_t start = 0; start <= list.size();) {
        std::size_t comma = std::min(list.find(',', start), list.size());
        std::string topic(trim(std::string_view(list).substr(start, comma - start)));
        while (!topic.empty() && (topic.back() == '.' || topic.back() == '`')) topic.pop_back();
        while (!topic.empty() && topic.front() == '`') topic.erase(0, 1);
        if (!topic.empty() && topics.size() < kTopics) topics.push_back(topic);
        start = comma + 1;
      }
      if (topics.size() >= 3 || topics.size() >= summary.topics.size()) summary.topics = topics;
      text = std::string(trim(std::string_view(text).substr(0, at)));
    }
    summary.text = text;
  }
  return summary;
}

}  // namespace gloss::commands
