// What a word in chat text must look like to name a file (`src/x.py:42`, `x.py#L10-L20`) or a
// symbol (`` `Parser::parse()` ``). Shared by the message parser and by code-block file-name
// detection so that both agree on what a path is.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gloss::commands::chat {

struct FileMention {
  std::string_view path;  // as written, without the line suffix
  std::optional<std::uint32_t> line;
  std::optional<std::uint32_t> endLine;
};

// Quotes, brackets, emphasis and sentence punctuation around a word, and the text part of a
// Markdown link: `("src/x.py:42"),` and `[x](src/x.py).` become `src/x.py:42` and `src/x.py`.
std::string_view stripSurroundingPunctuation(std::string_view word);

// `word` (already stripped) as a file mention: a path with a slash or a known source extension,
// optionally followed by `:line`, `:line-line`, `:line:column` or `#Lline[-Lline]`. URLs, globs,
// qualified names (`std::vector`) and prose such as "and/or" or "24/7" are not mentions.
std::optional<FileMention> parseFileMention(std::string_view word);

// The fence language for a path with a known source extension ("python" for x.py); "" otherwise.
std::string_view languageForPath(std::string_view path);

// The symbol an inline code span names: identifiers joined by `.`, `::`, `#` or `->`, with an
// optional trailing `()` that is not part of the result. Nothing for code such as `a + b`.
std::optional<std::string_view> parseSymbolMention(std::string_view span);

// ASCII letters lowered, other bytes kept: command names and extensions ignore case.
std::string asciiLower(std::string_view text);
bool isBlank(std::string_view text);
std::string_view trimWhitespace(std::string_view text);

}  // namespace gloss::commands::chat
