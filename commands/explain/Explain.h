// /explain: what a piece of code does and how this repository uses it. The target is a
// position or selection, a `path:line`, or a symbol name; an ambiguous name lists the
// candidates instead of guessing. With a model the prompt asks for purpose, inputs and outputs,
// side effects, notable details and use in the repository; offline the answer is a card built
// from the index (ExplainCard.h).
#pragma once

#include "commands/CommandEnv.h"

namespace gloss::commands {

struct ExplainRequest {
  ContextTarget target;
  std::string question;  // an optional follow-up ("why is the lock needed?")
  std::vector<ExplicitReference> references;
  // Stop once the context is built and answer with describeContext (--show-context,
  // gloss/context): what would be sent, without asking the model.
  bool contextOnly = false;
};

CommandResult<CommandOutcome> runExplain(const CommandEnv& env, const ExplainRequest& request);

// The answer when a name matched several definitions: the candidates as a Markdown list, so the
// user can pick one by `path:line` or qualified name. Takes the context (and its candidates).
CommandOutcome ambiguityOutcome(const CommandEnv& env, const std::string& name,
                                BuiltContext context);

// An outcome whose answer is `text`, streamed once, complete, with no provider involved.
CommandOutcome localAnswer(const CommandEnv& env, std::string text);

}  // namespace gloss::commands
