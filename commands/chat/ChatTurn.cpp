#include "commands/chat/ChatTurn.h"

#include <algorithm>
#include <filesystem>

#include "commands/Markdown.h"
#include "commands/Prompts.h"
#include "commands/TargetSpec.h"
#include "commands/explain/Explain.h"
#include "commands/generate_tests/GenerateTests.h"
#include "commands/llm/ModelLimits.h"
#include "commands/summarize/Summarize.h"
#include "indexer/PathContainment.h"

namespace gloss::commands {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view kSeparator = "\n\n---\n\n";

std::string refusal(const std::string& path) {
  return "refused: " + path + " is outside the workspace folders";
}

// Adds one step's answer to the turn: text, usage, first error, references.
void merge(ChatTurnOutcome& turn, CommandOutcome step) {
  llm::ChatResult& all = turn.result;
  llm::ChatResult& r = step.result;
  bool first = all.text.empty() && all.model.empty();
  all.text += r.text;
  if (first || all.model == "gloss") all.model = r.model;
  all.finishReason = r.finishReason;
  all.complete = first ? r.complete : all.complete && r.complete;
  if (!all.error && r.error) all.error = r.error;
  all.usage.promptTokens += r.usage.promptTokens;
  all.usage.completionTokens += r.usage.completionTokens;
  all.usage.estimated = all.usage.estimated || r.usage.estimated;
  all.attempts += r.attempts;
  if (!all.firstToken) all.firstToken = r.firstToken;
  all.total += r.total;
  all.redactions.insert(all.redactions.end(), r.redactions.begin(), r.redactions.end());
  for (ContextItem& item : step.context.items) {
    turn.context.tokens += item.tokens;
    turn.context.items.push_back(std::move(item));
  }
  for (FileProposal& file : step.files) turn.files.push_back(std::move(file));
}

// A target from a command's argument, else the editor's selection.
ContextTarget targetOf(const std::string& argument, const ChatTurnInput& input,
                       const std::vector<std::string>& roots, std::string& refused) {
  if (argument.empty()) return input.editorTarget;
  TargetSpec spec = parseTargetSpec(argument, [&](const std::string& p) {
    auto inside = indexer::containedPath(p, roots);
    std::error_code ec;
    return inside && fs::exists(*inside, ec);
  });
  ContextTarget target;
  if (!spec.symbol.empty()) {
    target.symbol = spec.symbol;
    return target;
  }
  auto inside = indexer::containedPath(spec.path, roots);
  if (!inside) {
    refused = refusal(spec.path);
    return target;
  }
  target.path = *inside;
  target.line = spec.line;
  target.endLine = spec.endLine;
  return target;
}

CommandOutcome failure(const CommandEnv& env, ChatTurnOutcome& turn, const std::string& message) {
  turn.invalidCommand = true;
  return localAnswer(env, message + "\n");
}

CommandOutcome runCommand(const CommandEnv& env, const SlashCommandUse& use,
                          const ChatTurnInput& input, ChatTurnOutcome& turn) {
  if (use.name == "help") return localAnswer(env, helpText());
  if (use.name == "grep") {
    if (!input.grep) return failure(env, turn, "/grep is not available here.");
    auto answer = input.grep(use.argument, env.index);
    if (!answer) return failure(env, turn, answer.error().message);
    return localAnswer(env, answer->markdown);
  }
  std::string refused;
  if (use.name == "summarize") {
    if (use.argument.empty()) {
      SessionSummary summary = summarizeSession(env, input.history);
      CommandOutcome outcome;
      outcome.result = summary.result;
      if (!env.provider.isOffline() && summary.result.complete)
        outcome.result.text = summary.result.text;
      turn.sessionSummary = std::move(summary);
      return outcome;
    }
    auto path = indexer::containedPath(use.argument, env.roots);
    if (!path) return failure(env, turn, "/summarize: " + refusal(use.argument));
    auto outcome = runSummarize(env, {*path, input.parsed.question});
    if (!outcome) return failure(env, turn, "/summarize: " + outcome.error().message);
    return std::move(*outcome);
  }
  ContextTarget target = targetOf(use.argument, input, env.roots, refused);
  if (!refused.empty()) return failure(env, turn, "/" + use.name + ": " + refused);
  if (target.path.empty() && target.symbol.empty())
    return failure(env, turn,
                   "/" + use.name + ": name a symbol or path:line, or select code in the editor");
  auto outcome = use.name == "explain"
                     ? runExplain(env, {target, input.parsed.question,
                                        resolveReferences(input.parsed.references, env.roots,
                                                          turn.refusedReferences)})
                     : runGenerateTests(env, {target, input.parsed.question});
  if (!outcome) return failure(env, turn, "/" + use.name + ": " + outcome.error().message);
  return std::move(*outcome);
}

CommandOutcome answerQuestion(const CommandEnv& env, const ChatTurnInput& input,
                              ChatTurnOutcome& turn) {
  int budget = env.provider.promptBudget();
  std::string message = truncateForPrompt(input.message, std::max(256, budget / 4));
  int historyBudget = budget / kHistoryShareDivisor;
  FittedHistory history = fitHistory(input.history, input.summary, historyBudget);
  ContextRequest contextRequest{
      input.editorTarget, input.parsed.question,
      resolveReferences(input.parsed.references, env.roots, turn.refusedReferences), 0};
  contextRequest.budgetTokens =
      std::max(0, budget - history.tokens - llm::estimateTokens(systemPrompt() + message) - 64);
  CommandOutcome outcome;
  if (contextRequest.budgetTokens > 0) {
    ContextBuilder builder(env.index, env.unsaved);
    auto built = builder.build(contextRequest, env.cancelled);
    if (built) outcome.context = std::move(*built);
  }
  llm::ChatRequest chat;
  chat.task = "chat";
  chat.system = systemPrompt();
  chat.messages = std::move(history.messages);
  std::string code = renderContext(outcome.context, env.root());
  chat.messages.push_back({"user", code.empty() ? message : code + "\n## Question\n" + message});
  chat.context = toPieces(outcome.context, env.root());
  outcome.result = env.chat(chat);
  return outcome;
}

}  // namespace

std::vector<ExplicitReference> resolveReferences(const std::vector<MessageReference>& references,
                                                 const std::vector<std::string>& roots,
                                                 std::vector<std::string>& refused) {
  std::vector<ExplicitReference> out;
  for (const MessageReference& ref : references) {
    ExplicitReference r;
    if (ref.kind == MessageReference::Kind::Symbol) {
      r.kind = ExplicitReference::Kind::Symbol;
      r.symbol = ref.symbol;
    } else if (ref.kind == MessageReference::Kind::Code) {
      r.kind = ExplicitReference::Kind::Code;
      r.language = ref.language;
      r.code = ref.code;
    } else {
      auto path = indexer::containedPath(ref.path, roots);
      if (!path) {
        if (std::find(refused.begin(), refused.end(), ref.path) == refused.end())
          refused.push_back(ref.path);
        continue;
      }
      r.path = *path;
      if (ref.line && *ref.line > 0) r.line = *ref.line - 1;
    }
    out.push_back(std::move(r));
  }
  return out;
}

ChatTurnOutcome runChatTurn(const CommandEnv& env, const ChatTurnInput& input) {
  ChatTurnOutcome turn;
  if (!input.parsed.unknownCommands.empty()) {
    turn.invalidCommand = true;
    merge(turn, localAnswer(env, unknownCommandMessage(input.parsed.unknownCommands)));
    return turn;
  }
  if (input.parsed.commands.empty()) {
    merge(turn, answerQuestion(env, input, turn));
  } else {
    for (const SlashCommandUse& use : input.parsed.commands) {
      if (env.isCancelled()) break;
      if (!turn.commands.empty() && env.onDelta) env.onDelta(kSeparator);
      if (!turn.commands.empty()) turn.result.text += kSeparator;
      turn.commands.push_back(use.name);
      merge(turn, runCommand(env, use, input, turn));
    }
  }
  // The user should know a reference was left out rather than wonder why it was not used.
  if (!turn.refusedReferences.empty()) {
    std::string note = "\n\n_Not read:";
    for (const std::string& path : turn.refusedReferences) note += " " + inlineCode(path);
    note += " (outside the workspace folders)._\n";
    if (env.onDelta) env.onDelta(note);
    turn.result.text += note;
  }
  return turn;
}

}  // namespace gloss::commands
