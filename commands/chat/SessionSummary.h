// The summary of a chat session: a short text, 3 to 5 key topics, and the range of messages it
// covers. It stands in for older turns in later prompts (ChatHistory.h) and is what
// `/summarize` with no target shows. With a model, the model writes it from the transcript
// (cut to the budget); offline it is built from the messages themselves: what the user asked,
// the commands used, and the most frequent identifiers and words as topics.
#pragma once

#include <string>
#include <vector>

#include "commands/CommandEnv.h"
#include "commands/chat/ChatHistory.h"

namespace gloss::commands {

struct SessionSummary {
  std::string text;
  std::vector<std::string> topics;  // 3 to 5 when the session has that many distinct ones
  std::int64_t firstMessageId = 0;
  std::int64_t lastMessageId = 0;
  llm::ChatResult result;  // the model's answer (text as streamed, usage, errors)
};

// Topics from the text of the turns: identifiers and words (not stop words, not numbers),
// ranked by how many turns mention them; at most `count`.
std::vector<std::string> topicsOf(const std::vector<HistoryTurn>& turns, std::size_t count);

// `turns` oldest first. Streams through env.onDelta like any command.
SessionSummary summarizeSession(const CommandEnv& env, const std::vector<HistoryTurn>& turns);

}  // namespace gloss::commands
