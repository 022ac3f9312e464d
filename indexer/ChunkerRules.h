// Per-language node-type tables for the chunker: which syntax nodes are definitions (and how to
// name them), which wrap a definition (`export`, decorators, `template<>`), which are comments or
// attributes that attach to the definition below. Tables are static data; `CompiledRules` turns
// one into an O(1) lookup by tree-sitter symbol id for a parser's lifetime.
#pragma once

#include <tree_sitter/api.h>

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "indexer/Chunk.h"
#include "indexer/Language.h"

namespace gloss::indexer::chunker {

// How a definition node's name (and whether it is a definition at all) is found.
enum class Namer : std::uint8_t {
  NameField,     // the `name` child
  CDeclarator,   // C/C++ function: innermost declarator, maybe qualified (`Foo::bar`)
  CTypedef,      // `typedef struct {...} name;`: only when the struct/union/enum has a body
  CppNamespace,  // `name` child, or the anonymous namespace
  GoMethod,      // `name` child, qualified by the receiver's type
  GoTypeSpec,    // `name` child; the kind follows the type (struct, interface, other)
  RustImpl,      // the implemented type (`impl Trait for a::Foo<T>` names `Foo`)
  JsVariable,    // `const f = () => {}` / `= function` / `= class`: declarator with such a value
  JsAssignment,  // `exports.f = function () {}`, `Foo.prototype.bar = () => {}`
  JsField,       // class field whose value is a function: `handle = () => {}`
  TsModule,      // `namespace A.B {}`, `declare module "m" {}`
};

enum RuleFlag : std::uint8_t {
  kContainer = 1,  // members inside are searched and may become chunks of their own
  kClassLike = 2,  // functions directly inside are methods
  kNeedsBody = 4,  // only a definition when it has a `body` (not a forward declaration)
};

struct DefinitionRule {
  std::string_view nodeType;
  ChunkKind kind;
  std::string_view symbolKind;  // LSP-flavoured kind string for `Symbol::kind`
  Namer namer;
  std::uint8_t flags;
};

enum class BodyStyle : std::uint8_t { Braces, Indent };

struct LanguageSpec {
  std::span<const DefinitionRule> definitions;
  std::span<const std::string_view> wrappers;       // a sole definition inside takes their range
  std::span<const std::string_view> comments;       // attach to the definition directly below
  std::span<const std::string_view> attachments;    // decorators/attributes that are siblings
  std::span<const std::string_view> wrapperExtras;  // wrapper children that are not "the" child
  std::string_view separator;                       // qualified-name separator
  bool qualifyNested;  // false for C, whose struct tags share one global scope
  BodyStyle bodyStyle;
};

const LanguageSpec* languageSpec(Language language);  // null for plain text

enum class NodeRole : std::uint8_t { Other, Comment, Attachment, Definition, Wrapper, Extra };

// Field ids the chunker asks for; 0 where a grammar lacks the field.
struct FieldIds {
  TSFieldId name = 0, body = 0, declarator = 0, type = 0, value = 0, left = 0, right = 0,
            receiver = 0, property = 0;
};

class CompiledRules {
 public:
  CompiledRules(const LanguageSpec& spec, const TSLanguage* language);

  const LanguageSpec& spec() const { return *spec_; }
  const TSLanguage* language() const { return language_; }
  const FieldIds& fields() const { return fields_; }
  NodeRole role(TSSymbol symbol) const {
    return symbol < roles_.size() ? roles_[symbol] : NodeRole::Other;
  }
  const DefinitionRule* definition(TSSymbol symbol) const {
    return symbol < rules_.size() ? rules_[symbol] : nullptr;
  }
  // Node type of `symbol`, compared by symbol id so grammar aliases resolve the same way.
  bool is(TSSymbol symbol, std::string_view type) const;

 private:
  const LanguageSpec* spec_;
  const TSLanguage* language_;
  FieldIds fields_;
  std::vector<NodeRole> roles_;
  std::vector<const DefinitionRule*> rules_;
};

}  // namespace gloss::indexer::chunker
