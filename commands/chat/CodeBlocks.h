// Code blocks in an answer's Markdown, kept on the stored message (language + code) so an
// editor can offer copy/insert/create-file without parsing Markdown itself.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gloss::commands {

struct CodeBlock {
  std::string language;  // the info string's first word; empty when none
  std::string code;      // without the fences; ends with a newline when non-empty
  std::string path;      // a file name given in the info string (```python title=tests/t.py or
                         // ```tests/test_x.py) or on the line just before the fence; may be empty
};

// Fenced blocks (``` or ~~~, three or more, closing fence at least as long); an unclosed block
// at the end (a cut-off answer) is returned too.
std::vector<CodeBlock> extractCodeBlocks(std::string_view markdown);

}  // namespace gloss::commands
