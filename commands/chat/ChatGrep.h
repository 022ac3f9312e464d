// `/grep` inside a chat message: ripgrep's common options (-i -s -w -F -g GLOB -t TYPE -T TYPE
// -C/-A/-B N -m N), a pattern (quoted with ' or " when it has spaces) and optional paths; the
// hits come back as Markdown grouped by file, each line with its enclosing symbol, so the
// answer can be read in the chat and its file:line links followed.
#pragma once

#include <string>
#include <string_view>

#include "commands/CommandEnv.h"
#include "commands/grep/GrepCommand.h"

namespace gloss::commands {

inline constexpr std::size_t kChatGrepLines = 50;

struct ChatGrepAnswer {
  std::string markdown;
  std::size_t matchedLines = 0;
  std::size_t files = 0;
  std::vector<std::string> paths;  // files with hits, for the message's references
};

// `argument` is what followed `/grep`. `context` describes the workspace (the server fills it as
// for gloss/grep); bad options or patterns are an InvalidTarget error with a usage line.
CommandResult<ChatGrepAnswer> runChatGrep(std::string_view argument, GrepContext context,
                                          const std::string& root);

// Shell-like words: spaces separate, '…' and "…" group, backslash escapes inside "…" and bare.
std::vector<std::string> splitWords(std::string_view text);

}  // namespace gloss::commands
