// `gloss/chat`, `gloss/commands` and `gloss/sessions/summarize`: the chat pipeline around the
// session store. A message is redacted, stored (and acknowledged only once committed), parsed
// for slash commands and references, answered with streamed `$/progress` deltas, and the reply
// is stored as it grows: created 'incomplete' before the first token, checkpointed while it
// streams, finished with its metadata (references, commands, code blocks, model, usage,
// latency), so a crash or a dead provider leaves the text so far, marked incomplete. Sessions
// past a message or token threshold are summarized in the background.
#pragma once

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include "commands/chat/ChatTurn.h"
#include "server/CommandMethods.h"
#include "server/GrepMethods.h"
#include "server/sessions/SessionService.h"

namespace gloss::server {

struct ChatParams {
  std::optional<std::int64_t> sessionId;
  std::string message;
  CodeTargetParams editor;  // textDocument/position/range, all optional here
};
bool fromJSON(const json::value& v, ChatParams& out, protocol::JsonPath path);

struct CommandsParams {
  std::string prefix;  // "/ge" completes to /generate-tests; empty lists all
};
bool fromJSON(const json::value& v, CommandsParams& out, protocol::JsonPath path);

struct SummarizeSessionParams {
  std::int64_t sessionId = 0;
};
bool fromJSON(const json::value& v, SummarizeSessionParams& out, protocol::JsonPath path);

// When a session is summarized without being asked (settings `sessions.summaryEveryMessages`
// and `sessions.summaryEveryTokens`): this many messages or estimated tokens since the last
// summary.
struct AutoSummaryPolicy {
  int everyMessages = 40;
  int everyTokens = 24000;
};

// Reads `sessions.summaryEveryMessages` and `sessions.summaryEveryTokens` (positive integers)
// from the effective settings; other values are kept and reported in `warnings`.
AutoSummaryPolicy policyFromSettings(const json::value& settings, AutoSummaryPolicy current,
                                     std::vector<std::string>& warnings);

class ChatMethods {
 public:
  ChatMethods(Workspace& workspace, CommandMethods& commands, GrepMethods& grep,
              SessionService& sessions);
  ~ChatMethods();
  void registerOn(MethodTable& table);
  // Ends the background summaries (waits for one that runs); before the index goes away.
  void stop();
  void setPolicy(AutoSummaryPolicy policy);
  AutoSummaryPolicy policy();

  HandlerResult onChat(const ChatParams& params, RequestContext& ctx);
  HandlerResult onCommands(const CommandsParams& params, RequestContext& ctx);
  HandlerResult onSummarizeSession(const SummarizeSessionParams& params, RequestContext& ctx);

 private:
  // Summarizes a session with `env` and stores the summary.
  sessions::Result<sessions::Summary> summarizeAndSave(sessions::SessionStore& store,
                                                       std::int64_t sessionId,
                                                       const commands::CommandEnv& env);
  // Queues a background summary when the messages since `coveredUpTo` (the last summarized
  // message id) pass the policy: `earlier` is the history the turn was answered with, `added`
  // the texts the turn stored since.
  void maybeScheduleSummary(std::int64_t sessionId,
                            const std::vector<sessions::HistoryEntry>& earlier,
                            std::int64_t coveredUpTo,
                            std::initializer_list<std::string_view> added);
  void summaryLoop();

  Workspace& workspace_;
  CommandMethods& commands_;
  GrepMethods& grep_;
  SessionService& sessions_;

  std::mutex mutex_;
  std::condition_variable wake_;
  AutoSummaryPolicy policy_;
  std::deque<std::int64_t> pendingSummaries_;
  bool stopping_ = false;
  std::thread summarizer_;
};

}  // namespace gloss::server
