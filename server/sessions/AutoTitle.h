// The title a session gets from its first user message until someone renames it: what a list of
// conversations can show on one line.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace gloss::server::sessions {

inline constexpr std::size_t kAutoTitleMaxChars = 60;

// The first non-blank line with runs of whitespace collapsed to one space (a slash command
// stays, it says what the conversation is about). Longer than `maxChars` code points: cut at
// the last word boundary that leaves room for a trailing "…", or inside the word when one word
// is too long. Empty when the message has no visible text.
std::string autoTitle(std::string_view message, std::size_t maxChars = kAutoTitleMaxChars);

}  // namespace gloss::server::sessions
