// Fits a session's earlier turns into a prompt budget. Recent turns matter most, so they are
// kept whole from the newest back; the session summary, when there is one, stands in for
// whatever did not fit. Token counts use llm::estimateTokens plus the same per-message
// allowance llm::estimatePromptTokens adds, so the pipeline's own estimate agrees with ours.
#include "commands/chat/ChatHistory.h"

#include <algorithm>
#include <string_view>

#include "commands/llm/ModelLimits.h"

namespace gloss::commands {
namespace {

constexpr std::string_view kSummaryHeading = "Summary of the earlier conversation:\n";

// The summary may take at most this share of the budget, so it never crowds out the turns it
// is meant to precede.
constexpr int kSummaryShareDivisor = 2;

// The tail kept after the omission note: a fifth of the room, at most this many bytes.
constexpr std::size_t kMaxTailBytes = 2000;

// The allowance estimatePromptTokens adds for each message, measured rather than copied so the
// two estimates cannot drift apart.
int perMessageTokens() {
  llm::ChatRequest none;
  llm::ChatRequest one;
  one.messages.push_back({});
  return llm::estimatePromptTokens(one) - llm::estimatePromptTokens(none);
}

int messageTokens(std::string_view content) {
  return llm::estimateTokens(content) + perMessageTokens();
}

bool isContinuationByte(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

std::size_t countCodePoints(std::string_view text) {
  std::size_t count = 0;
  for (char c : text)
    if (!isContinuationByte(c)) ++count;
  return count;
}

std::string omissionNote(std::size_t omitted) {
  return "\n[... " + std::to_string(omitted) + " characters omitted from this message ...]\n";
}

// The end of a head of at most `limit` bytes: never inside a UTF-8 sequence, and at a line
// break when one is near.
std::size_t headEnd(std::string_view text, std::size_t limit) {
  std::size_t end = std::min(limit, text.size());
  while (end > 0 && end < text.size() && isContinuationByte(text[end])) --end;
  if (end == 0) return 0;
  std::size_t newline = text.rfind('\n', end - 1);
  if (newline != std::string_view::npos && newline + 1 >= end - end / 4) return newline + 1;
  return end;
}

// The start of a tail of at most `limit` bytes, by the same rules.
std::size_t tailStart(std::string_view text, std::size_t limit) {
  std::size_t start = text.size() - std::min(limit, text.size());
  while (start < text.size() && isContinuationByte(text[start])) ++start;
  std::size_t newline = text.find('\n', start);
  if (newline != std::string_view::npos && newline + 1 <= start + limit / 4) return newline + 1;
  return start;
}

bool isConversational(const HistoryTurn& turn) {
  return turn.role == "user" || turn.role == "assistant";
}

// How many of `turns`, newest first, fit whole into `budget`.
std::size_t countFitting(const std::vector<const HistoryTurn*>& turns, int budget) {
  std::size_t kept = 0;
  int used = 0;
  for (auto it = turns.rbegin(); it != turns.rend(); ++it) {
    int cost = messageTokens((*it)->content);
    if (used + cost > budget) break;
    used += cost;
    ++kept;
  }
  return kept;
}

// The summary message cut to its share of the budget; empty when no useful part fits.
std::string summaryMessage(const std::string& summary, int budgetTokens) {
  int share = budgetTokens / kSummaryShareDivisor;
  std::string content = std::string(kSummaryHeading) + summary;
  int contentBudget = share - perMessageTokens();
  if (llm::estimateTokens(content) > contentBudget)
    content = truncateForPrompt(content, contentBudget);
  if (content.size() <= kSummaryHeading.size()) return "";
  return content;
}

}  // namespace

std::string truncateForPrompt(const std::string& text, int maxTokens) {
  if (maxTokens <= 0) return "";
  if (llm::estimateTokens(text) <= maxTokens) return text;
  // estimateTokens rounds bytes / 4 up, so this many bytes always fit.
  std::size_t maxBytes = static_cast<std::size_t>(maxTokens) * 4;
  std::size_t noteBytes = omissionNote(text.size()).size();  // no note is longer than this
  if (maxBytes <= 2 * noteBytes) return text.substr(0, headEnd(text, maxBytes));
  std::size_t room = maxBytes - noteBytes;
  std::size_t tailBytes = std::min(room / 5, kMaxTailBytes);
  std::size_t head = headEnd(text, room - tailBytes);
  std::size_t tail = std::max(head, tailStart(text, tailBytes));
  std::string_view view(text);
  return std::string(view.substr(0, head)) +
         omissionNote(countCodePoints(view.substr(head, tail - head))) +
         std::string(view.substr(tail));
}

FittedHistory fitHistory(const std::vector<HistoryTurn>& turns, const std::string& summary,
                         int budgetTokens) {
  // System turns are gloss's own notes in the session, not part of what was asked or answered.
  std::vector<const HistoryTurn*> conversation;
  for (const HistoryTurn& turn : turns)
    if (isConversational(turn)) conversation.push_back(&turn);

  FittedHistory out;
  if (budgetTokens <= 0 || conversation.empty()) {
    out.turnsDropped = conversation.size();
    return out;
  }
  int remaining = budgetTokens;
  std::size_t kept = countFitting(conversation, remaining);
  std::string summaryContent;
  if (kept < conversation.size() && !summary.empty()) {
    summaryContent = summaryMessage(summary, budgetTokens);
    if (!summaryContent.empty()) {
      remaining -= messageTokens(summaryContent);
      kept = countFitting(conversation, remaining);
    }
  }

  std::vector<llm::ChatMessage> recent;
  std::size_t first = conversation.size() - kept;
  for (std::size_t i = first; i < conversation.size(); ++i)
    recent.push_back({conversation[i]->role, conversation[i]->content});
  if (kept == 0) {
    // Even the newest turn is too long: its head stands in for it.
    const HistoryTurn& newest = *conversation.back();
    std::string cut = truncateForPrompt(newest.content, remaining - perMessageTokens());
    if (!cut.empty()) {
      recent.push_back({newest.role, std::move(cut)});
      kept = 1;
    }
  }
  out.turnsKept = kept;
  out.turnsDropped = conversation.size() - kept;

  if (!summaryContent.empty()) {
    out.usedSummary = true;
    // Keep user and assistant alternating: a summary followed by a user turn joins that turn
    // (which never costs more than two messages would).
    if (!recent.empty() && recent.front().role == "user")
      recent.front().content = summaryContent + "\n\n" + recent.front().content;
    else
      recent.insert(recent.begin(), llm::ChatMessage{"user", std::move(summaryContent)});
  }
  for (const llm::ChatMessage& message : recent) out.tokens += messageTokens(message.content);
  out.messages = std::move(recent);
  return out;
}

}  // namespace gloss::commands
