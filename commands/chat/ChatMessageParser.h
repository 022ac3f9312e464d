// What a chat message asks for: slash commands (`/explain parse_args`, `/grep -i todo`,
// `/generate-tests src/x.py`, `/summarize src/`, `/help`), in the order written, and references
// (`path/to/file.py:42`, `path/to/file.py`, `` `symbolName` ``, fenced code blocks). A command
// starts a line (leading spaces allowed) and takes the rest of that line as its argument; text
// inside fenced code blocks is never parsed for commands or references.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gloss::commands {

struct SlashCommandInfo {
  std::string name;         // "explain" (without the slash)
  std::string usage;        // "/explain [symbol | path:line]"
  std::string description;  // one sentence
};

// Every known command, in the order `/help` lists them.
const std::vector<SlashCommandInfo>& slashCommands();
// Commands whose name starts with `partial` ("/ge", "ge", "/" → all); empty when none.
std::vector<SlashCommandInfo> completeSlashCommand(std::string_view partial);

struct SlashCommandUse {
  std::string name;      // a known command's name
  std::string argument;  // trimmed rest of the line; may be empty
  std::size_t line = 0;  // 0-based line of the message it was on
};

struct MessageReference {
  enum class Kind { File, Symbol, Code } kind = Kind::File;
  std::string path;                      // File: as written (relative or absolute)
  std::optional<std::uint32_t> line;     // File: 1-based as written, when given
  std::optional<std::uint32_t> endLine;  // File: `x.py:10-20`
  std::string symbol;    // Symbol: the text between backticks, without a trailing `()`
  std::string language;  // Code: the fence's language (info string's first word)
  std::string code;      // Code: the block's text
};

struct ParsedMessage {
  std::vector<SlashCommandUse> commands;
  std::vector<MessageReference> references;  // de-duplicated, in order of first appearance
  // "/frobnicate" and the like: the error text lists the known commands.
  std::vector<std::string> unknownCommands;
  std::string question;  // the message without its command lines (what is left to ask)
};

ParsedMessage parseChatMessage(std::string_view message);

// "Unknown command /frob. Known commands: /explain, /generate-tests, ..." with usage lines.
std::string unknownCommandMessage(const std::vector<std::string>& unknown);
// The `/help` answer: every command with usage and description, as Markdown.
std::string helpText();

}  // namespace gloss::commands
