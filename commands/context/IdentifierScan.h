// Lexical scans of code text for the context builder, language-agnostic on purpose: which
// identifiers a chunk uses (to look their definitions up) and where a chunk mentions a name (to
// find callers). They read code as words and punctuation only, so they are cheap and never fail;
// a comment or string that holds a name counts like code, which the ranking tolerates.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gloss::commands {

struct IdentifierUse {
  std::string name;
  int count = 0;
  bool asMember = false;  // every use follows `.` or `->` (a method or field, not a free name)
};

// The identifiers `text` uses, most used first (ties by name). Left out: `ownName`, keywords of
// the indexed languages, very common names (`self`, `i`, `err`, `len`, ...), names shorter than
// two characters, and names the text itself declares as locals (`x = `, `x := `, `let x`,
// `for x in`, `as x`, and the parameters of `ownName`'s own definition).
std::vector<IdentifierUse> usedIdentifiers(std::string_view text, std::string_view ownName);

struct Mention {
  std::uint32_t line = 0;  // `firstLine` plus the newlines before the mention
  bool call = false;       // followed by `(`
  // Looks like the name being declared rather than used: after `def`, `func`, `function`, a
  // type (`int name(`, `Vec<T> name(`) or a Go receiver (`func (s *T) name(`).
  bool declaration = false;
  // On a line that starts with a comment marker (`//`, `#`, `/*`, `*`, `--`): prose, not code.
  bool comment = false;
};

// Every whole-word occurrence of `name` in `text`, in order.
std::vector<Mention> findMentions(std::string_view text, std::string_view name,
                                  std::uint32_t firstLine);

bool isIdentifierChar(char c);

}  // namespace gloss::commands
