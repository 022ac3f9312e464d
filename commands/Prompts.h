// The words gloss sends to a model: one system prompt for every command, each command's
// instructions, and the rendering of the context the builder chose. Kept together so that the
// tone and the rules (cite path:line, say when unsure, never invent code that is not shown)
// stay the same across commands.
#pragma once

#include <string>

#include "commands/context/ContextBuilder.h"

namespace gloss::commands {

// The system prompt shared by all commands.
std::string systemPrompt();
// "## Code from the repository" followed by each piece under its title, in a fenced block with
// the file's language. Empty when there are no pieces.
std::string renderContext(const BuiltContext& context, const std::string& root);

}  // namespace gloss::commands
