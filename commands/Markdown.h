// Small Markdown and path helpers shared by the commands' prompts and offline answers.
#pragma once

#include <string>
#include <string_view>

namespace gloss::commands {

// A fence longer than any run of backticks in `text`, so the text cannot close it.
std::string fenceFor(std::string_view text);
// ```lang\ntext\n``` with a safe fence; `text` gets a final newline if it lacks one.
std::string codeBlock(std::string_view language, std::string_view text);
// `text` as inline code, with enough backticks that it cannot break out.
std::string inlineCode(std::string_view text);
// The fence info word for a file ("python", "cpp", "go", ...; "" when unknown).
std::string fenceLanguage(std::string_view path);
// `path` relative to `root` when it lies under it, else unchanged.
std::string relativeTo(std::string_view path, std::string_view root);
// "src/x.py:10" or "src/x.py:10-42" from 0-based inclusive lines.
std::string location(std::string_view path, std::string_view root, unsigned startLine,
                     unsigned endLine);

}  // namespace gloss::commands
