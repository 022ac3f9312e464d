// One answer in a chat session, after the user's message is stored: the slash commands it
// holds run in order (each streamed, separated by a rule), or, with none, the question is
// answered with code from the index, the user's references and the recent history (older turns
// replaced by the session's summary). Storage stays with the caller; this is the same engine
// for every front door.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "commands/CommandEnv.h"
#include "commands/chat/ChatGrep.h"
#include "commands/chat/ChatHistory.h"
#include "commands/chat/ChatMessageParser.h"
#include "commands/chat/SessionSummary.h"

namespace gloss::commands {

struct ChatTurnInput {
  std::string message;  // as stored (secrets already redacted)
  ParsedMessage parsed;
  ContextTarget editorTarget;        // the editor's document and selection, when sent
  std::vector<HistoryTurn> history;  // earlier turns, oldest first (not this message)
  std::string summary;               // the session's latest summary; may be empty
  // `/grep ARGS`: the workspace search (the front door knows the workspace's grep settings).
  std::function<CommandResult<ChatGrepAnswer>(std::string_view, indexer::IndexReader&)> grep;
};

struct ChatTurnOutcome {
  llm::ChatResult result;  // all the text, usage summed, the first error
  BuiltContext context;    // what was sent, merged over commands (references for the editor)
  std::vector<std::string> commands;  // the slash commands applied, in order
  std::vector<FileProposal> files;
  std::optional<SessionSummary> sessionSummary;  // `/summarize` of the session itself
  bool invalidCommand = false;  // unknown command or bad argument: the answer says why
  // `path:line` references outside the workspace folders: not read, not sent, reported.
  std::vector<std::string> refusedReferences;
};

// Prompt share of the history; the rest goes to the code context and the message.
inline constexpr int kHistoryShareDivisor = 4;

ChatTurnOutcome runChatTurn(const CommandEnv& env, const ChatTurnInput& input);

// The references of a parsed message, file references made absolute; a file reference outside
// every root (symlinks resolved) is left out and its path added to `refused`.
std::vector<ExplicitReference> resolveReferences(const std::vector<MessageReference>& references,
                                                 const std::vector<std::string>& roots,
                                                 std::vector<std::string>& refused);

}  // namespace gloss::commands
