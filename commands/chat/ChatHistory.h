// Which earlier turns of a session go into the prompt: the most recent ones that fit the
// budget, whole, newest kept first; when older turns are left out and the session has a
// summary, the summary stands in for them as the first message.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "commands/llm/ChatTypes.h"

namespace gloss::commands {

struct HistoryTurn {
  std::int64_t id = 0;
  std::string role;  // "user" | "assistant" | "system"
  std::string content;
};

struct FittedHistory {
  std::vector<llm::ChatMessage> messages;  // oldest first; may start with the summary
  std::size_t turnsKept = 0;
  std::size_t turnsDropped = 0;
  bool usedSummary = false;
  int tokens = 0;
};

// `turns` oldest first; `summary` may be empty. A single turn longer than the budget is cut
// by truncateForPrompt (head and a short tail kept around its note). "system" turns are never
// sent and count as neither kept nor dropped. The summary is a "user" message headed
// "Summary of the earlier conversation:"; when the oldest kept turn is itself a user turn, the
// summary is joined to it so that user and assistant keep alternating. The summary takes at
// most half the budget.
FittedHistory fitHistory(const std::vector<HistoryTurn>& turns, const std::string& summary,
                         int budgetTokens);

// A message cut to at most `maxTokens` for the prompt (the stored message stays whole): its head,
// a note "[... N characters omitted from this message ...]" and a short tail, never splitting a
// UTF-8 sequence; unchanged when it fits, and without the note when even that would not fit.
std::string truncateForPrompt(const std::string& text, int maxTokens);

}  // namespace gloss::commands
