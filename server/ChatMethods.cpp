#include "server/ChatMethods.h"

#include <chrono>

#include "commands/chat/CodeBlocks.h"
#include "commands/llm/ModelLimits.h"
#include "commands/redact/Findings.h"
#include "protocol/Uri.h"
#include "server/ReplyCheckpointer.h"
#include "server/SessionMethods.h"
#include "server/sessions/SessionJson.h"

namespace gloss::server {

namespace {

HandlerResult storeError(const sessions::SessionError& error) {
  return gloss::unexpected(toRpcError(error));
}

std::vector<commands::HistoryTurn> historyTurns(const std::vector<sessions::HistoryEntry>& rows) {
  std::vector<commands::HistoryTurn> turns;
  for (const auto& row : rows) {
    if (row.status == "error" || row.content.empty()) continue;
    turns.push_back({row.id, row.role, row.content});
  }
  return turns;
}

json::object replyMetadata(const commands::ChatTurnOutcome& turn) {
  json::array references, blocks, files;
  for (const commands::ContextItem& item : turn.context.items) {
    references.push_back(json::object{{"path", item.path},
                                      {"startLine", item.startLine},
                                      {"endLine", item.endLine},
                                      {"symbol", item.symbol},
                                      {"role", commands::toString(item.role)}});
  }
  for (const commands::CodeBlock& block : commands::extractCodeBlocks(turn.result.text)) {
    json::object b{{"language", block.language}, {"code", block.code}};
    if (!block.path.empty()) b["path"] = block.path;
    blocks.push_back(std::move(b));
  }
  for (const commands::FileProposal& file : turn.files)
    files.push_back(json::object{{"path", file.path}, {"exists", file.exists}});
  json::array commandNames, refused;
  for (const std::string& name : turn.commands) commandNames.push_back(json::value(name));
  for (const std::string& path : turn.refusedReferences)
    refused.push_back(json::object{{"path", path}, {"reason", "outside the workspace folders"}});
  return json::object{{"references", std::move(references)},
                      {"refusedReferences", std::move(refused)},
                      {"commands", std::move(commandNames)},
                      {"codeBlocks", std::move(blocks)},
                      {"files", std::move(files)}};
}

json::object userMetadata(const commands::ParsedMessage& parsed) {
  json::array commandNames, references;
  for (const auto& use : parsed.commands) commandNames.push_back(json::value(use.name));
  for (const auto& ref : parsed.references) {
    if (ref.kind == commands::MessageReference::Kind::File) {
      json::object r{{"kind", "file"}, {"path", ref.path}};
      if (ref.line) r["line"] = *ref.line;
      references.push_back(std::move(r));
    } else if (ref.kind == commands::MessageReference::Kind::Symbol) {
      references.push_back(json::object{{"kind", "symbol"}, {"symbol", ref.symbol}});
    } else {
      references.push_back(json::object{{"kind", "code"}, {"language", ref.language}});
    }
  }
  return json::object{{"commands", std::move(commandNames)}, {"references", std::move(references)}};
}

sessions::Usage usageOf(const llm::ChatResult& result) {
  sessions::Usage usage;
  usage.promptTokens = result.usage.promptTokens;
  usage.completionTokens = result.usage.completionTokens;
  if (result.firstToken) usage.firstTokenMs = result.firstToken->count();
  usage.totalMs = result.total.count();
  return usage;
}

}  // namespace

bool fromJSON(const json::value& v, ChatParams& out, protocol::JsonPath path) {
  protocol::ObjectMapper o(v, path);
  if (!o || !o.mapOptional("sessionId", out.sessionId) || !o.map("message", out.message) ||
      !o.mapOptional("textDocument", out.editor.textDocument) ||
      !o.mapOptional("position", out.editor.position) || !o.mapOptional("range", out.editor.range))
    return false;
  if (out.message.empty()) return path.field("message").report("must not be empty");
  if ((out.editor.position || out.editor.range) && !out.editor.textDocument)
    return path.field("textDocument").report("required with position or range");
  return true;
}

bool fromJSON(const json::value& v, CommandsParams& out, protocol::JsonPath path) {
  if (v.is_null()) return true;
  protocol::ObjectMapper o(v, path);
  return o && o.mapOptional("prefix", out.prefix);
}

bool fromJSON(const json::value& v, SummarizeSessionParams& out, protocol::JsonPath path) {
  protocol::ObjectMapper o(v, path);
  return o && o.map("sessionId", out.sessionId);
}

AutoSummaryPolicy policyFromSettings(const json::value& settings, AutoSummaryPolicy current,
                                     std::vector<std::string>& warnings) {
  const json::object* root = settings.if_object();
  const json::value* section = root ? root->if_contains("sessions") : nullptr;
  if (!section || !section->is_object()) return current;
  auto read = [&](const char* key, int& out) {
    const json::value* v = section->as_object().if_contains(key);
    if (!v || v->is_null()) return;
    if (v->is_int64() && v->as_int64() > 0 && v->as_int64() <= 1'000'000'000) {
      out = static_cast<int>(v->as_int64());
    } else {
      warnings.push_back(std::string("sessions.") + key + ": expected a positive integer");
    }
  };
  read("summaryEveryMessages", current.everyMessages);
  read("summaryEveryTokens", current.everyTokens);
  return current;
}

ChatMethods::ChatMethods(Workspace& workspace, CommandMethods& commands, GrepMethods& grep,
                         SessionService& sessions)
    : workspace_(workspace), commands_(commands), grep_(grep), sessions_(sessions) {
  summarizer_ = std::thread([this] { summaryLoop(); });
}

ChatMethods::~ChatMethods() {
  stop();
}

void ChatMethods::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (summarizer_.joinable()) summarizer_.join();
}

void ChatMethods::registerOn(MethodTable& table) {
  table.method("gloss/chat", this, &ChatMethods::onChat);
  table.method("gloss/commands", this, &ChatMethods::onCommands);
  table.method("gloss/sessions/summarize", this, &ChatMethods::onSummarizeSession);
}

void ChatMethods::setPolicy(AutoSummaryPolicy policy) {
  std::lock_guard lock(mutex_);
  policy_ = policy;
}

AutoSummaryPolicy ChatMethods::policy() {
  std::lock_guard lock(mutex_);
  return policy_;
}

HandlerResult ChatMethods::onCommands(const CommandsParams& params, RequestContext&) {
  json::array list;
  for (const auto& info : commands::completeSlashCommand(params.prefix)) {
    list.push_back(json::object{
        {"name", "/" + info.name}, {"usage", info.usage}, {"description", info.description}});
  }
  return json::value(json::object{{"commands", std::move(list)}});
}

HandlerResult ChatMethods::onChat(const ChatParams& params, RequestContext& ctx) {
  auto store = sessions_.store();
  if (!store) return storeError(store.error());
  sessions::SessionStore& db = **store;
  std::vector<std::string> roots = workspace_.roots();
  std::string root = roots.empty() ? std::string() : roots.front();
  commands::ContextTarget editor;
  if (params.editor.textDocument) {
    auto target = resolveTarget(params.editor, workspace_);
    if (!target) return gloss::unexpected(target.error());
    editor = *target;
  }
  auto session = params.sessionId ? db.getSession(*params.sessionId) : db.createSession("", root);
  if (!session) return storeError(session.error());
  if (session->deletedAt) {
    return gloss::unexpected(
        protocol::makeError(protocol::ErrorCode::InvalidParams,
                            "session " + std::to_string(session->id) + " is deleted"));
  }
  // Secrets never reach the database, let alone a provider.
  redact::Redaction redaction = commands_.redactor().redact(params.message);
  if (!redaction.findings.empty()) {
    ctx.client.showMessage(protocol::MessageType::Warning,
                           "gloss: removed from your message before storing it: " +
                               redact::describe(redaction.findings));
  }
  commands::ChatTurnInput input;
  input.message = std::move(redaction.text);
  input.parsed = commands::parseChatMessage(input.message);
  input.editorTarget = editor;
  auto history = db.historyForPrompt(session->id);
  if (!history) return storeError(history.error());
  input.history = historyTurns(*history);
  auto summary = db.latestSummary(session->id);
  std::int64_t summarizedUpTo = 0;
  if (summary && *summary) {
    input.summary = (*summary)->text;
    summarizedUpTo = (*summary)->lastMessageId;
  }
  sessions::NewMessage userMessage;
  userMessage.content = input.message;
  userMessage.metadata = userMetadata(input.parsed);
  auto stored = db.appendMessage(session->id, userMessage);
  if (!stored) return storeError(stored.error());
  std::shared_ptr<const llm::Provider> provider = commands_.provider();
  auto replyId = db.beginReply(session->id, provider ? provider->model() : "",
                               provider ? provider->name() : "");
  if (!replyId) return storeError(replyId.error());

  input.grep = [this, &ctx](std::string_view argument, indexer::IndexReader& reader) {
    commands::GrepContext context = grep_.workspaceContext([&ctx] { return ctx.cancelled(); });
    IndexService* index = workspace_.index();
    if (index && index->ready()) context.index = &reader;
    std::string root = context.roots.empty() ? std::string() : context.roots.front();
    return commands::runChatGrep(argument, std::move(context), root);
  };
  std::optional<commands::ChatTurnOutcome> turn;
  auto checkpoints = std::make_unique<ReplyCheckpointer>(db, *replyId);
  auto outcome = commands_.run(ctx, "gloss: chat", [&](const commands::CommandEnv& base) {
    commands::CommandEnv env = base;
    env.onDelta = [&](std::string_view text) {
      base.onDelta(text);
      checkpoints->append(text);
    };
    turn = commands::runChatTurn(env, input);
    commands::CommandOutcome result;
    result.result = turn->result;
    result.context = turn->context;
    result.files = turn->files;
    return commands::CommandResult<commands::CommandOutcome>(std::move(result));
  });

  sessions::ReplyOutcome reply;
  if (turn) {
    const llm::ChatResult& r = turn->result;
    reply.content = r.text;
    reply.usage = usageOf(r);
    reply.metadata = replyMetadata(*turn);
    reply.status = turn->invalidCommand                           ? "error"
                   : (r.complete && !r.error && !ctx.cancelled()) ? "complete"
                                                                  : "incomplete";
    if (r.error) reply.error = r.error->message;
    if (ctx.cancelled()) reply.error = "cancelled";
    if (turn->sessionSummary) {
      const commands::SessionSummary& s = *turn->sessionSummary;
      if (db.saveSummary(session->id, s.text, s.topics, s.firstMessageId, s.lastMessageId))
        summarizedUpTo = s.lastMessageId;
    }
  } else {
    reply.content = checkpoints->text();
    reply.status = "error";
    reply.error = outcome ? std::string("no answer") : outcome.error().message;
  }
  checkpoints.reset();  // no checkpoint may land after the final text
  auto finished = db.finishReply(*replyId, reply);
  if (!finished) return storeError(finished.error());
  if (!outcome) return gloss::unexpected(outcome.error());
  maybeScheduleSummary(session->id, *history, summarizedUpTo, {input.message, reply.content});
  json::object out = commands_.outcomeJson(*outcome);
  out["sessionId"] = session->id;
  out["messageId"] = *replyId;
  out["userMessageId"] = stored->id;
  out["status"] = reply.status;
  out["commands"] = reply.metadata.at("commands");
  if (reply.metadata.contains("refusedReferences"))
    out["refusedReferences"] = reply.metadata.at("refusedReferences");
  if (auto fresh = db.getSession(session->id)) out["title"] = fresh->title;
  return json::value(std::move(out));
}

sessions::Result<sessions::Summary> ChatMethods::summarizeAndSave(sessions::SessionStore& store,
                                                                  std::int64_t sessionId,
                                                                  const commands::CommandEnv& env) {
  auto history = store.historyForPrompt(sessionId);
  if (!history) return gloss::unexpected(history.error());
  std::vector<commands::HistoryTurn> turns = historyTurns(*history);
  commands::SessionSummary summary = commands::summarizeSession(env, turns);
  return store.saveSummary(sessionId, summary.text, summary.topics, summary.firstMessageId,
                           summary.lastMessageId);
}

HandlerResult ChatMethods::onSummarizeSession(const SummarizeSessionParams& params,
                                              RequestContext& ctx) {
  auto store = sessions_.store();
  if (!store) return storeError(store.error());
  auto session = (*store)->getSession(params.sessionId);
  if (!session) return storeError(session.error());
  std::optional<sessions::Result<sessions::Summary>> saved;
  auto outcome =
      commands_.run(ctx, "gloss: summarize session", [&](const commands::CommandEnv& env) {
        saved = summarizeAndSave(**store, params.sessionId, env);
        return commands::CommandResult<commands::CommandOutcome>(commands::CommandOutcome{});
      });
  if (!outcome) return gloss::unexpected(outcome.error());
  if (!*saved) return storeError(saved->error());
  return json::value(json::object{{"summary", sessions::toJSON(**saved)}});
}

void ChatMethods::maybeScheduleSummary(std::int64_t sessionId,
                                       const std::vector<sessions::HistoryEntry>& earlier,
                                       std::int64_t coveredUpTo,
                                       std::initializer_list<std::string_view> added) {
  int messages = static_cast<int>(added.size()), tokens = 0;
  for (std::string_view text : added) tokens += llm::estimateTokens(text);
  for (const auto& entry : earlier) {
    if (entry.id <= coveredUpTo) continue;
    ++messages;
    tokens += llm::estimateTokens(entry.content);
  }
  std::lock_guard lock(mutex_);
  if (messages < policy_.everyMessages && tokens < policy_.everyTokens) return;
  if (std::find(pendingSummaries_.begin(), pendingSummaries_.end(), sessionId) ==
      pendingSummaries_.end())
    pendingSummaries_.push_back(sessionId);
  wake_.notify_all();
}

void ChatMethods::summaryLoop() {
  std::unique_lock lock(mutex_);
  while (true) {
    wake_.wait(lock, [this] { return stopping_ || !pendingSummaries_.empty(); });
    if (stopping_) return;
    std::int64_t sessionId = pendingSummaries_.front();
    lock.unlock();
    auto store = sessions_.store();
    std::shared_ptr<const llm::Provider> provider = commands_.provider();
    IndexService* index = workspace_.index();
    std::vector<std::string> roots = workspace_.roots();
    if (store && provider && index && !roots.empty()) {
      index->withReader([&](indexer::IndexReader& reader) {
        commands::CommandEnv env{reader,
                                 roots,
                                 {},
                                 *provider,
                                 {},
                                 [this] {
                                   std::lock_guard stop(mutex_);
                                   return stopping_;
                                 },
                                 {}};
        summarizeAndSave(**store, sessionId, env);
      });
    }
    lock.lock();
    pendingSummaries_.pop_front();
  }
}

}  // namespace gloss::server
