#include "server/CommandMethods.h"

#include <future>

#include "commands/explain/Explain.h"
#include "commands/generate_tests/GenerateTests.h"
#include "commands/redact/Findings.h"
#include "commands/summarize/Summarize.h"
#include "protocol/Uri.h"
#include "server/ChatStream.h"
#include "server/Progress.h"

namespace gloss::server {

namespace {

constexpr auto kApplyEditTimeout = std::chrono::seconds(30);

gloss::Unexpected<protocol::RpcError> failed(const std::string& message) {
  return gloss::unexpected(protocol::makeError(protocol::ErrorCode::RequestFailed, message));
}

json::object lineRange(std::uint32_t start, std::uint32_t end) {
  return json::object{{"start", json::object{{"line", start}, {"character", 0}}},
                      {"end", json::object{{"line", end + 1}, {"character", 0}}}};
}

json::array referencesJson(const commands::BuiltContext& context) {
  json::array out;
  for (const commands::ContextItem& item : context.items) {
    if (item.path.empty()) continue;
    out.push_back(json::object{{"uri", protocol::pathToUri(item.path)},
                               {"range", lineRange(item.startLine, item.endLine)},
                               {"symbol", item.symbol},
                               {"kind", item.kind},
                               {"role", commands::toString(item.role)},
                               {"why", item.why},
                               {"tokens", item.tokens}});
  }
  return out;
}

json::array candidatesJson(const std::vector<commands::SymbolCandidate>& candidates) {
  json::array out;
  for (const commands::SymbolCandidate& c : candidates) {
    out.push_back(json::object{{"uri", protocol::pathToUri(c.path)},
                               {"range", lineRange(c.line, c.line)},
                               {"qualifiedName", c.qualifiedName},
                               {"kind", c.kind},
                               {"signature", c.signature}});
  }
  return out;
}

json::array filesJson(const std::vector<commands::FileProposal>& files) {
  json::array out;
  for (const commands::FileProposal& f : files) {
    out.push_back(json::object{{"uri", protocol::pathToUri(f.path)},
                               {"path", f.path},
                               {"content", f.content},
                               {"exists", f.exists}});
  }
  return out;
}

gloss::Unexpected<protocol::RpcError> commandError(const commands::CommandError& error) {
  if (error.kind == commands::CommandError::Kind::InvalidTarget)
    return gloss::unexpected(
        protocol::makeError(protocol::ErrorCode::InvalidParams, error.message));
  return failed(error.message);
}

}  // namespace

void CommandMethods::registerOn(MethodTable& table) {
  table.method("gloss/explain", this, &CommandMethods::onExplain);
  table.method("gloss/generateTests", this, &CommandMethods::onGenerateTests);
  table.method("gloss/summarize", this, &CommandMethods::onSummarize);
  table.method("gloss/context", this, &CommandMethods::onContext);
}

gloss::Expected<commands::CommandOutcome, protocol::RpcError> CommandMethods::run(
    RequestContext& ctx, const std::string& progressTitle, const Command& command,
    bool serverProgress) {
  std::shared_ptr<WorkDoneProgress> progress;
  std::shared_ptr<const llm::Provider> provider =
      providers_.forRequest([&progress, &ctx](std::size_t inFlight) {
        ctx.client.log(LogLevel::Debug, slotWaitMessage(inFlight));
        if (progress) progress->report(slotWaitMessage(inFlight));
      });
  if (!provider) return failed("no language-model provider is configured");
  if (workspace_.roots().empty()) return failed("no workspace folder is open");
  IndexService* index = workspace_.index();
  if (!index) return failed("the index is off (--no-index); this command needs it");
  PartialResults partial(ctx.client, ctx.progress.partialResultToken);
  progress = WorkDoneProgress::begin(ctx.client, ctx.progress.workDoneToken,
                                     serverProgress && capabilities_().workDoneProgress,
                                     progressTitle, true);
  std::optional<commands::CommandResult<commands::CommandOutcome>> result;
  bool opened = index->withReader([&](indexer::IndexReader& reader) {
    commands::CommandEnv env{reader, workspace_.roots(), {}, *provider, {}, {}, {}};
    // A buffer too large to chunk is left out, as the index leaves out such a file.
    env.unsaved = [this, limit = workspace_.limits().maxChunkedBytes](
                      const std::string& path) -> std::optional<std::string> {
      auto doc = workspace_.overlay().find(path);
      if (doc && doc->text.size() <= limit) return doc->text;
      return std::nullopt;
    };
    env.onDelta = [&](std::string_view text) {
      partial.send(json::object{{"kind", "delta"}, {"text", text}});
    };
    env.cancelled = [&] { return ctx.cancelled(); };
    env.onProgress = [&](const std::string& message, std::optional<int> percent) {
      if (progress) progress->report(message, percent);
    };
    result = command(env);
  });
  if (progress) progress->end(ctx.cancelled() ? "cancelled" : "done");
  if (!opened) return failed("the index is not open yet; try again when indexing has started");
  if (ctx.cancelled())
    return gloss::unexpected(
        protocol::makeError(protocol::ErrorCode::RequestCancelled, "request cancelled"));
  if (!*result) return commandError(result->error());
  commands::CommandOutcome outcome = std::move(**result);
  if (!outcome.result.redactions.empty()) {
    ctx.client.showMessage(protocol::MessageType::Warning,
                           "gloss: " + redact::describe(outcome.result.redactions));
  }
  return outcome;
}

json::object CommandMethods::outcomeJson(const commands::CommandOutcome& outcome) {
  std::shared_ptr<const llm::Provider> provider = providers_.current();
  json::object out = chatResultJson(*provider, outcome.result);
  out["title"] = outcome.title;
  out["references"] = referencesJson(outcome.context);
  out["context"] = json::object{{"tokens", outcome.context.tokens},
                                {"pieces", outcome.context.items.size()},
                                {"dropped", outcome.context.droppedItems}};
  if (!outcome.ambiguous.empty()) out["ambiguous"] = candidatesJson(outcome.ambiguous);
  if (!outcome.files.empty()) out["files"] = filesJson(outcome.files);
  return out;
}

HandlerResult CommandMethods::onExplain(const CodeTargetParams& params, RequestContext& ctx) {
  auto target = resolveTarget(params, workspace_);
  if (!target) return gloss::unexpected(target.error());
  commands::ExplainRequest request{*target, params.question, {}};
  auto outcome = run(ctx, "gloss: explain",
                     [&](const commands::CommandEnv& env) { return runExplain(env, request); });
  if (!outcome) return gloss::unexpected(outcome.error());
  return json::value(outcomeJson(*outcome));
}

HandlerResult CommandMethods::onGenerateTests(const CodeTargetParams& params, RequestContext& ctx) {
  auto target = resolveTarget(params, workspace_);
  if (!target) return gloss::unexpected(target.error());
  commands::GenerateTestsRequest request{*target, params.question};
  auto outcome = run(ctx, "gloss: generate tests", [&](const commands::CommandEnv& env) {
    return runGenerateTests(env, request);
  });
  if (!outcome) return gloss::unexpected(outcome.error());
  json::object out = outcomeJson(*outcome);
  if (params.apply && !outcome->files.empty()) {
    if (auto error = applyProposals(ctx.client, workspace_, outcome->files)) return failed(*error);
    out["applied"] = true;
  }
  return json::value(std::move(out));
}

HandlerResult CommandMethods::onSummarize(const SummarizeParams& params, RequestContext& ctx) {
  auto path = resolveSummaryPath(params, workspace_);
  if (!path) return gloss::unexpected(path.error());
  commands::SummarizeRequest request{*path, params.question};
  auto outcome = run(ctx, "gloss: summarize",
                     [&](const commands::CommandEnv& env) { return runSummarize(env, request); });
  if (!outcome) return gloss::unexpected(outcome.error());
  return json::value(outcomeJson(*outcome));
}

HandlerResult CommandMethods::onContext(const CodeTargetParams& params, RequestContext& ctx) {
  auto target = resolveTarget(params, workspace_);
  if (!target) return gloss::unexpected(target.error());
  commands::ExplainRequest request{*target, params.question, {}};
  request.contextOnly = true;
  auto outcome = run(ctx, "gloss: context",
                     [&](const commands::CommandEnv& env) { return runExplain(env, request); });
  if (!outcome) return gloss::unexpected(outcome.error());
  json::object out{{"text", outcome->result.text},
                   {"tokens", outcome->context.tokens},
                   {"references", referencesJson(outcome->context)}};
  if (!outcome->ambiguous.empty()) out["ambiguous"] = candidatesJson(outcome->ambiguous);
  return json::value(std::move(out));
}

std::optional<std::string> applyProposals(Client& client, const Workspace& workspace,
                                          const std::vector<commands::FileProposal>& files) {
  json::array changes;
  for (const commands::FileProposal& file : files) {
    if (auto inside = workspace.resolvePath(file.path); !inside) return inside.error().message;
    std::string uri = protocol::pathToUri(file.path);
    changes.push_back(json::object{
        {"kind", "create"}, {"uri", uri}, {"options", json::object{{"overwrite", true}}}});
    changes.push_back(json::object{
        {"textDocument", json::object{{"uri", uri}, {"version", nullptr}}},
        {"edits",
         json::array{json::object{{"range", lineRange(0, 0)}, {"newText", file.content}}}}});
  }
  auto reply = std::make_shared<std::promise<gloss::Expected<json::value, protocol::RpcError>>>();
  std::future<gloss::Expected<json::value, protocol::RpcError>> answer = reply->get_future();
  client.call("workspace/applyEdit",
              json::object{{"label", "gloss: create test file"},
                           {"edit", json::object{{"documentChanges", std::move(changes)}}}},
              [reply](gloss::Expected<json::value, protocol::RpcError> result) {
                reply->set_value(std::move(result));
              });
  if (answer.wait_for(kApplyEditTimeout) != std::future_status::ready)
    return "the editor did not answer workspace/applyEdit";
  auto result = answer.get();
  if (!result) return "the editor refused the edit: " + result.error().message;
  const json::object* object = result->if_object();
  const json::value* applied = object ? object->if_contains("applied") : nullptr;
  if (!applied || !applied->is_bool() || !applied->as_bool()) {
    const json::value* reason = object ? object->if_contains("failureReason") : nullptr;
    return std::string("the editor did not apply the edit") +
           (reason && reason->is_string() ? ": " + std::string(reason->as_string()) : "");
  }
  return std::nullopt;
}

}  // namespace gloss::server
