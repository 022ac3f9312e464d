#include "commands/explain/Explain.h"

#include "commands/Markdown.h"
#include "commands/Prompts.h"
#include "commands/explain/ExplainCard.h"
#include "commands/llm/ModelLimits.h"

namespace gloss::commands {

namespace {

std::string targetName(const BuiltContext& context, const ExplainRequest& request,
                       const std::string& root) {
  if (context.targetSymbol) return context.targetSymbol->symbol.qualifiedName;
  if (context.target && !context.target->chunk.qualifiedName.empty())
    return context.target->chunk.qualifiedName;
  if (context.target)
    return location(context.target->path, root, context.target->chunk.startLine,
                    context.target->chunk.endLine);
  return request.target.symbol;
}

std::string instructions(const std::string& name, const ExplainRequest& request) {
  std::string text = "Explain " + inlineCode(name) +
                     ", the target shown first below. Cover:\n"
                     "1. Purpose: what it is for, in one or two sentences.\n"
                     "2. Inputs and outputs: parameters, return value, errors it raises or "
                     "returns.\n"
                     "3. Side effects: state it changes, I/O, locking, allocation.\n"
                     "4. Notable details: edge cases, invariants, performance, anything "
                     "surprising.\n"
                     "5. How it is used in this repository: the callers shown, with path:line.\n";
  if (!request.question.empty()) text += "\nThe user also asks: " + request.question + "\n";
  return text;
}

std::string ambiguityAnswer(const std::string& name, const std::vector<SymbolCandidate>& candidates,
                            const std::string& root) {
  std::string out = inlineCode(name) + " has " + std::to_string(candidates.size()) +
                    " definitions in the index. Name one by `path:line` or by its qualified "
                    "name:\n\n";
  for (const SymbolCandidate& c : candidates) {
    out += "- " + inlineCode(c.qualifiedName) + " (" + c.kind + ") at `" +
           location(c.path, root, c.line, c.line) + "`";
    if (!c.signature.empty()) out += ": " + inlineCode(c.signature);
    out += "\n";
  }
  return out;
}

}  // namespace

CommandOutcome localAnswer(const CommandEnv& env, std::string text) {
  CommandOutcome outcome;
  if (env.onDelta) env.onDelta(text);
  outcome.result.text = std::move(text);
  outcome.result.model = "gloss";
  outcome.result.finishReason = "stop";
  outcome.result.complete = true;
  return outcome;
}

CommandOutcome ambiguityOutcome(const CommandEnv& env, const std::string& name,
                                BuiltContext context) {
  CommandOutcome outcome = localAnswer(env, ambiguityAnswer(name, context.ambiguous, env.root()));
  outcome.ambiguous = context.ambiguous;
  outcome.title = "Which " + name + "?";
  outcome.context = std::move(context);
  return outcome;
}

CommandResult<CommandOutcome> runExplain(const CommandEnv& env, const ExplainRequest& request) {
  ContextRequest contextRequest{request.target, request.question, request.references, 0};
  std::string preamble = instructions(request.target.symbol, request);
  contextRequest.budgetTokens = std::max(
      256, env.provider.promptBudget() - llm::estimateTokens(systemPrompt() + preamble) - 64);
  ContextBuilder builder(env.index, env.unsaved);
  auto built = builder.build(contextRequest, env.cancelled);
  if (!built) return gloss::unexpected(CommandError{CommandError::Kind::Database, built.error()});
  BuiltContext context = std::move(*built);
  if (!context.ambiguous.empty())
    return ambiguityOutcome(env, request.target.symbol, std::move(context));
  if (request.contextOnly) {
    CommandOutcome outcome = localAnswer(env, describeContext(context, env.root()));
    outcome.title = "Context for " + targetName(context, request, env.root());
    outcome.context = std::move(context);
    return outcome;
  }
  if (!context.target) {
    std::string why =
        context.notFound.empty() ? "nothing to explain at this target" : context.notFound.front();
    return gloss::unexpected(CommandError{CommandError::Kind::InvalidTarget, why});
  }
  std::string name = targetName(context, request, env.root());
  llm::ChatRequest chat;
  chat.task = "explain " + name;
  chat.system = systemPrompt();
  chat.messages.push_back(
      {"user", instructions(name, request) + "\n" + renderContext(context, env.root())});
  chat.context = toPieces(context, env.root());
  chat.offlineAnswer = explainCard(context, env.root());
  CommandOutcome outcome;
  outcome.title = "Explain " + name;
  outcome.result = env.chat(chat);
  outcome.context = std::move(context);
  return outcome;
}

}  // namespace gloss::commands
