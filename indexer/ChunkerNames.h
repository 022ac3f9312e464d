// Naming a definition node: its short name, the qualifier written at the definition itself
// (`Foo` in `void Foo::bar()`, a Go method's receiver type), its body, and whether a candidate
// node really is a definition (a struct with a body, a `const` bound to a function, ...).
#pragma once

#include <tree_sitter/api.h>

#include <optional>
#include <string>
#include <string_view>

#include "indexer/ChunkerRules.h"

namespace gloss::indexer::chunker {

struct DefinitionName {
  std::string name;
  std::string scope;                  // written qualifier, joined with the language separator
  TSNode nameNode{};                  // null for anonymous definitions
  TSNode body{};                      // null when there is none
  std::optional<ChunkKind> kind;      // overrides the rule's (a `const` bound to a class)
  std::string_view symbolKind;        // overrides the rule's when not empty
  std::optional<std::uint8_t> flags;  // overrides the rule's
  bool anonymous = false;             // anonymous namespace: does not qualify its members
};

// Fills `out` and returns true when `node` (matched by `rule`) is a definition.
bool nameDefinition(const CompiledRules& rules, std::string_view text, const DefinitionRule& rule,
                    TSNode node, DefinitionName& out);

std::string_view nodeText(std::string_view text, TSNode node);

}  // namespace gloss::indexer::chunker
