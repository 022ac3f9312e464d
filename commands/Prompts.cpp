#include "commands/Prompts.h"

#include "commands/Markdown.h"

namespace gloss::commands {

std::string systemPrompt() {
  return "You are gloss, a code assistant inside the user's editor. You see code from the "
         "user's repository, chosen by an index: the code in question, definitions of what it "
         "uses, and places that use it. Ground every statement in that code and cite it as "
         "path:line. When the code shown is not enough to be sure, say what is missing instead "
         "of guessing. Answer in Markdown; put code in fenced blocks with a language.";
}

std::string renderContext(const BuiltContext& context, const std::string& root) {
  if (context.items.empty()) return "";
  std::string out = "## Code from the repository\n";
  for (const ContextItem& item : context.items) {
    out += "\n### " + itemTitle(item, root) + "\n";
    out += codeBlock(item.path.empty() ? "" : fenceLanguage(item.path), item.text);
  }
  return out;
}

}  // namespace gloss::commands
