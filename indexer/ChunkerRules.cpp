#include "indexer/ChunkerRules.h"

#include <array>
#include <cstring>

namespace gloss::indexer::chunker {
namespace {

using K = ChunkKind;
using N = Namer;
using SV = std::string_view;
constexpr std::uint8_t kClass = kContainer | kClassLike;

constexpr std::array kPythonDefinitions = {
    DefinitionRule{"function_definition", K::Function, "function", N::NameField, 0},
    DefinitionRule{"class_definition", K::Class, "class", N::NameField, kClass},
};
constexpr std::array<SV, 1> kPythonWrappers = {"decorated_definition"};
constexpr std::array<SV, 1> kPythonExtras = {"decorator"};

template <std::size_t A, std::size_t B>
constexpr std::array<DefinitionRule, A + B> concat(const std::array<DefinitionRule, A>& a,
                                                   const std::array<DefinitionRule, B>& b) {
  std::array<DefinitionRule, A + B> out{};
  for (std::size_t i = 0; i < A; ++i) out[i] = a[i];
  for (std::size_t i = 0; i < B; ++i) out[A + i] = b[i];
  return out;
}

// JavaScript's definitions; TypeScript's table adds its own declarations to them.
constexpr std::array kJsCommonDefinitions = {
    DefinitionRule{"function_declaration", K::Function, "function", N::NameField, 0},
    DefinitionRule{"generator_function_declaration", K::Function, "function", N::NameField, 0},
    DefinitionRule{"class_declaration", K::Class, "class", N::NameField, kClass},
    DefinitionRule{"method_definition", K::Method, "method", N::NameField, 0},
    DefinitionRule{"variable_declarator", K::Function, "function", N::JsVariable, 0},
    DefinitionRule{"assignment_expression", K::Function, "function", N::JsAssignment, 0},
};
constexpr auto kJsDefinitions =
    concat(kJsCommonDefinitions,
           std::array{DefinitionRule{"field_definition", K::Method, "method", N::JsField, 0}});
constexpr auto kTsDefinitions = concat(
    kJsCommonDefinitions,
    std::array{
        DefinitionRule{"public_field_definition", K::Method, "method", N::JsField, 0},
        DefinitionRule{"abstract_class_declaration", K::Class, "class", N::NameField, kClass},
        DefinitionRule{"interface_declaration", K::Class, "interface", N::NameField, 0},
        DefinitionRule{"type_alias_declaration", K::Class, "type", N::NameField, 0},
        DefinitionRule{"enum_declaration", K::Class, "enum", N::NameField, 0},
        DefinitionRule{"internal_module", K::Module, "namespace", N::TsModule, kContainer},
        DefinitionRule{"module", K::Module, "module", N::TsModule, kContainer},
    });
constexpr std::array<SV, 5> kJsWrappers = {"export_statement", "lexical_declaration",
                                           "variable_declaration", "expression_statement",
                                           "ambient_declaration"};
constexpr std::array<SV, 2> kJsComments = {"comment", "html_comment"};
constexpr std::array<SV, 1> kJsAttachments = {"decorator"};

constexpr std::array kCDefinitions = {
    DefinitionRule{"function_definition", K::Function, "function", N::CDeclarator, 0},
    DefinitionRule{"struct_specifier", K::Class, "struct", N::NameField, kNeedsBody},
    DefinitionRule{"union_specifier", K::Class, "struct", N::NameField, kNeedsBody},
    DefinitionRule{"enum_specifier", K::Class, "enum", N::NameField, kNeedsBody},
    DefinitionRule{"type_definition", K::Class, "struct", N::CTypedef, 0},
};

constexpr std::array kCppDefinitions = {
    DefinitionRule{"function_definition", K::Function, "function", N::CDeclarator, 0},
    DefinitionRule{"class_specifier", K::Class, "class", N::NameField, kClass | kNeedsBody},
    DefinitionRule{"struct_specifier", K::Class, "struct", N::NameField, kClass | kNeedsBody},
    DefinitionRule{"union_specifier", K::Class, "struct", N::NameField, kClass | kNeedsBody},
    DefinitionRule{"enum_specifier", K::Class, "enum", N::NameField, kNeedsBody},
    DefinitionRule{"type_definition", K::Class, "struct", N::CTypedef, 0},
    DefinitionRule{"namespace_definition", K::Module, "namespace", N::CppNamespace, kContainer},
};
constexpr std::array<SV, 2> kCppWrappers = {"template_declaration", "linkage_specification"};
// `extern "C"`'s string does not count against the function it wraps.
constexpr std::array<SV, 2> kCppExtras = {"template_parameter_list", "string_literal"};

constexpr std::array kGoDefinitions = {
    DefinitionRule{"function_declaration", K::Function, "function", N::NameField, 0},
    DefinitionRule{"method_declaration", K::Method, "method", N::GoMethod, 0},
    DefinitionRule{"type_spec", K::Class, "type", N::GoTypeSpec, 0},
    DefinitionRule{"type_alias", K::Class, "type", N::GoTypeSpec, 0},
};
constexpr std::array<SV, 1> kGoWrappers = {"type_declaration"};

constexpr std::array kRustDefinitions = {
    DefinitionRule{"function_item", K::Function, "function", N::NameField, 0},
    DefinitionRule{"struct_item", K::Class, "struct", N::NameField, 0},
    DefinitionRule{"union_item", K::Class, "struct", N::NameField, 0},
    DefinitionRule{"enum_item", K::Class, "enum", N::NameField, 0},
    DefinitionRule{"type_item", K::Class, "type", N::NameField, 0},
    DefinitionRule{"trait_item", K::Class, "trait", N::NameField, kClass},
    DefinitionRule{"impl_item", K::Class, "impl", N::RustImpl, kClass | kNeedsBody},
    DefinitionRule{"mod_item", K::Module, "module", N::NameField, kContainer | kNeedsBody},
    DefinitionRule{"macro_definition", K::Function, "macro", N::NameField, 0},
};
constexpr std::array<SV, 2> kRustComments = {"line_comment", "block_comment"};
constexpr std::array<SV, 1> kRustAttachments = {"attribute_item"};

constexpr std::array kJavaDefinitions = {
    DefinitionRule{"class_declaration", K::Class, "class", N::NameField, kClass},
    DefinitionRule{"interface_declaration", K::Class, "interface", N::NameField, kClass},
    DefinitionRule{"enum_declaration", K::Class, "enum", N::NameField, kClass},
    DefinitionRule{"record_declaration", K::Class, "class", N::NameField, kClass},
    DefinitionRule{"annotation_type_declaration", K::Class, "interface", N::NameField, kClass},
    DefinitionRule{"method_declaration", K::Method, "method", N::NameField, kNeedsBody},
    DefinitionRule{"constructor_declaration", K::Method, "constructor", N::NameField, 0},
    DefinitionRule{"compact_constructor_declaration", K::Method, "constructor", N::NameField, 0},
};

constexpr std::array<SV, 2> kJavaAnnotations = {"marker_annotation", "annotation"};

constexpr std::array<SV, 1> kComment = {"comment"};
constexpr std::array<SV, 0> kNone = {};

constexpr LanguageSpec kPython{
    kPythonDefinitions, kPythonWrappers, kComment, kNone, kPythonExtras, ".", true,
    BodyStyle::Indent};
constexpr LanguageSpec kJavaScript{kJsDefinitions, kJsWrappers, kJsComments, kJsAttachments,
                                   kJsAttachments, ".",         true,        BodyStyle::Braces};
constexpr LanguageSpec kTypeScript{kTsDefinitions, kJsWrappers, kJsComments, kJsAttachments,
                                   kJsAttachments, ".",         true,        BodyStyle::Braces};
constexpr LanguageSpec kC{kCDefinitions, kNone, kComment, kNone,
                          kNone,         "::",  false,    BodyStyle::Braces};
constexpr LanguageSpec kCpp{kCppDefinitions, kCppWrappers, kComment, kNone,
                            kCppExtras,      "::",         true,     BodyStyle::Braces};
constexpr LanguageSpec kGo{kGoDefinitions, kGoWrappers, kComment, kNone,
                           kNone,          ".",         true,     BodyStyle::Braces};
constexpr LanguageSpec kRust{kRustDefinitions, kNone, kRustComments, kRustAttachments,
                             kRustAttachments, "::",  true,          BodyStyle::Braces};
constexpr LanguageSpec kJava{
    kJavaDefinitions, kNone, kRustComments, kJavaAnnotations, kNone, ".", true, BodyStyle::Braces};

bool contains(std::span<const SV> list, SV value) {
  for (SV item : list) {
    if (item == value) return true;
  }
  return false;
}

TSFieldId fieldId(const TSLanguage* language, const char* name) {
  return ts_language_field_id_for_name(language, name, static_cast<std::uint32_t>(strlen(name)));
}

}  // namespace

const LanguageSpec* languageSpec(Language language) {
  switch (language) {
    case Language::Python:
      return &kPython;
    case Language::JavaScript:
      return &kJavaScript;
    case Language::TypeScript:
    case Language::Tsx:
      return &kTypeScript;
    case Language::C:
      return &kC;
    case Language::Cpp:
      return &kCpp;
    case Language::Go:
      return &kGo;
    case Language::Rust:
      return &kRust;
    case Language::Java:
      return &kJava;
    case Language::Text:
      return nullptr;
  }
  return nullptr;
}

CompiledRules::CompiledRules(const LanguageSpec& spec, const TSLanguage* language)
    : spec_(&spec), language_(language) {
  fields_ = FieldIds{
      fieldId(language, "name"),  fieldId(language, "body"),     fieldId(language, "declarator"),
      fieldId(language, "type"),  fieldId(language, "value"),    fieldId(language, "left"),
      fieldId(language, "right"), fieldId(language, "receiver"), fieldId(language, "property")};
  std::uint32_t count = ts_language_symbol_count(language);
  roles_.assign(count, NodeRole::Other);
  rules_.assign(count, nullptr);
  // Walk every symbol rather than asking by name: aliased nodes share a name across ids.
  for (std::uint32_t id = 0; id < count; ++id) {
    TSSymbol symbol = static_cast<TSSymbol>(id);
    if (ts_language_symbol_type(language, symbol) != TSSymbolTypeRegular) continue;
    SV type = ts_language_symbol_name(language, symbol);
    for (const DefinitionRule& rule : spec.definitions) {
      if (rule.nodeType == type) {
        rules_[id] = &rule;
        roles_[id] = NodeRole::Definition;
      }
    }
    if (contains(spec.wrappers, type)) roles_[id] = NodeRole::Wrapper;
    if (contains(spec.comments, type)) roles_[id] = NodeRole::Comment;
    if (contains(spec.attachments, type)) roles_[id] = NodeRole::Attachment;
    if (roles_[id] == NodeRole::Other && contains(spec.wrapperExtras, type)) {
      roles_[id] = NodeRole::Extra;
    }
  }
}

bool CompiledRules::is(TSSymbol symbol, std::string_view type) const {
  return symbol < roles_.size() && ts_language_symbol_name(language_, symbol) == type;
}

}  // namespace gloss::indexer::chunker
