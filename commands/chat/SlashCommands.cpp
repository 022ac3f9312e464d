// The table of chat slash commands and the texts built from it (help, unknown-command errors,
// completion), so that every place that lists commands lists the same ones in the same order.
#include "commands/chat/ChatMessageParser.h"
#include "commands/chat/ReferenceSyntax.h"

namespace gloss::commands {
namespace {

void appendCommandList(std::string& out) {
  for (const SlashCommandInfo& command : slashCommands())
    out += "- `" + command.usage + "` — " + command.description + "\n";
}

}  // namespace

const std::vector<SlashCommandInfo>& slashCommands() {
  static const std::vector<SlashCommandInfo> commands{
      {"explain", "/explain [symbol | path:line]",
       "Explain code: the selection, a symbol, or a file position."},
      {"generate-tests", "/generate-tests [symbol | path]",
       "Generate tests for the selection, a symbol, or a file, in the project's test framework."},
      {"grep", "/grep [rg options] PATTERN [PATH...]",
       "Search the workspace with a regular expression, taking ripgrep's options."},
      {"summarize", "/summarize [path | folder | . ]",
       "Summarize a file, a folder, or the whole workspace; with no argument, this chat."},
      {"help", "/help", "List the commands and how to use them."},
  };
  return commands;
}

std::vector<SlashCommandInfo> completeSlashCommand(std::string_view partial) {
  partial = chat::trimWhitespace(partial);
  if (partial.starts_with('/')) partial.remove_prefix(1);
  std::string prefix = chat::asciiLower(partial);
  std::vector<SlashCommandInfo> matches;
  for (const SlashCommandInfo& command : slashCommands())
    if (command.name.starts_with(prefix)) matches.push_back(command);
  return matches;
}

std::string unknownCommandMessage(const std::vector<std::string>& unknown) {
  std::string out = unknown.size() == 1 ? "Unknown command " : "Unknown commands ";
  for (std::size_t i = 0; i < unknown.size(); ++i) {
    std::string_view name = unknown[i];
    if (name.starts_with('/')) name.remove_prefix(1);
    out += (i == 0 ? "`/" : ", `/") + std::string(name) + "`";
  }
  out += ". Known commands:";
  const std::vector<SlashCommandInfo>& known = slashCommands();
  for (std::size_t i = 0; i < known.size(); ++i) out += (i == 0 ? " /" : ", /") + known[i].name;
  out += ".\n\n";
  appendCommandList(out);
  return out;
}

std::string helpText() {
  std::string out = "**Commands** (at the start of a line; several run in order):\n\n";
  appendCommandList(out);
  out +=
      "\n**References**: name a file as `path/to/file.py`, `path/to/file.py:42` or "
      "`path/to/file.py:10-20`, and a symbol in backticks (`` `parse_args` ``); gloss adds them "
      "to the question's context. Text inside code blocks is never read as a command.\n";
  return out;
}

}  // namespace gloss::commands
