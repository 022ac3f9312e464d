#include "indexer/ChunkerNames.h"

#include <cctype>

#include "indexer/ChunkerText.h"

namespace gloss::indexer::chunker {
namespace {

// Names are identifiers or short qualified paths; anything longer is malformed input.
constexpr std::size_t kMaxNameBytes = 160;
constexpr int kMaxDeclaratorDepth = 32;

TSNode field(TSNode node, TSFieldId id) {
  return id == 0 || ts_node_is_null(node) ? TSNode{} : ts_node_child_by_field_id(node, id);
}

bool isType(const CompiledRules& rules, TSNode node, std::string_view type) {
  return !ts_node_is_null(node) && rules.is(ts_node_symbol(node), type);
}

std::string cleanName(std::string_view text) {
  return collapseBlanks(text, kMaxNameBytes);
}

std::string unquote(std::string_view text) {
  if (text.size() >= 2 && (text.front() == '"' || text.front() == '\'') &&
      text.back() == text.front()) {
    text = text.substr(1, text.size() - 2);
  }
  return cleanName(text);
}

bool isFunctionValue(const CompiledRules& rules, TSNode value) {
  return isType(rules, value, "arrow_function") || isType(rules, value, "function_expression") ||
         isType(rules, value, "generator_function") || isType(rules, value, "function");
}

// A JS value a definition can be bound to: a function (Function) or a class expression (Class).
bool nameBoundValue(const CompiledRules& rules, TSNode value, DefinitionName& out) {
  if (isFunctionValue(rules, value)) {
    out.body = field(value, rules.fields().body);
    return true;
  }
  if (isType(rules, value, "class")) {
    out.body = field(value, rules.fields().body);
    out.kind = ChunkKind::Class;
    out.symbolKind = "class";
    out.flags = kContainer | kClassLike;
    return true;
  }
  return false;
}

// `int *(*foo)(void)`, `Foo::bar`, `operator==`: follows `declarator` fields to the name.
// `outer` receives the declarator holding it (tree-sitter's parent lookup walks from the root).
TSNode innermostDeclarator(const CompiledRules& rules, TSNode node, TSNode* outer = nullptr) {
  TSNode current = field(node, rules.fields().declarator);
  TSNode previous{};
  for (int depth = 0; depth < kMaxDeclaratorDepth && !ts_node_is_null(current); ++depth) {
    TSNode next = field(current, rules.fields().declarator);
    if (ts_node_is_null(next) && (isType(rules, current, "parenthesized_declarator") ||
                                  isType(rules, current, "attributed_declarator"))) {
      next = ts_node_named_child(current, 0);
    }
    if (ts_node_is_null(next)) break;
    previous = current;
    current = next;
  }
  if (outer) *outer = previous;
  return current;
}

bool looksLikeMacro(std::string_view name) {
  bool upper = false;
  for (char c : name) {
    if (std::islower(static_cast<unsigned char>(c))) return false;
    upper = upper || std::isupper(static_cast<unsigned char>(c));
  }
  return upper;
}

bool nameCFunction(const CompiledRules& rules, std::string_view text, TSNode node,
                   DefinitionName& out) {
  TSNode function{};
  TSNode declarator = innermostDeclarator(rules, node, &function);
  if (ts_node_is_null(declarator)) return false;
  TSNode name = declarator;
  for (int depth = 0; depth < kMaxDeclaratorDepth && isType(rules, name, "qualified_identifier");
       ++depth) {
    name = field(name, rules.fields().name);
  }
  if (ts_node_is_null(name)) return false;
  out.nameNode = name;
  out.name = cleanName(nodeText(text, name));
  std::uint32_t scopeEnd = ts_node_start_byte(name);
  std::string scope =
      cleanName(text.substr(ts_node_start_byte(declarator),
                            scopeEnd - std::min(scopeEnd, ts_node_start_byte(declarator))));
  while (!scope.empty() && (scope.back() == ':' || scope.back() == ' ')) scope.pop_back();
  out.scope = scope;
  // `TEST(Suite, Case) {` and `SYSCALL_DEFINE2(name, ...) {`: macros standing in for a
  // signature are named by their whole call, or every test would be called TEST.
  if (ts_node_is_null(field(node, rules.fields().type)) && looksLikeMacro(out.name) &&
      isType(rules, function, "function_declarator")) {
    out.name = cleanName(nodeText(text, function));
  }
  return !out.name.empty();
}

bool nameCTypedef(const CompiledRules& rules, std::string_view text, TSNode node,
                  DefinitionName& out) {
  TSNode type = field(node, rules.fields().type);
  out.body = field(type, rules.fields().body);
  if (ts_node_is_null(out.body)) return false;
  if (isType(rules, type, "enum_specifier")) out.symbolKind = "enum";
  if (isType(rules, type, "class_specifier")) out.symbolKind = "class";
  TSNode name = innermostDeclarator(rules, node);
  if (ts_node_is_null(name)) return false;
  out.nameNode = name;
  out.name = cleanName(nodeText(text, name));
  return !out.name.empty();
}

// The receiver's type name: `(s *Stack[T])` gives `Stack`.
std::string goReceiverType(const CompiledRules& rules, std::string_view text, TSNode receiver) {
  TSNode type = field(ts_node_named_child(receiver, 0), rules.fields().type);
  for (int depth = 0; depth < 8 && !ts_node_is_null(type); ++depth) {
    if (isType(rules, type, "pointer_type") || isType(rules, type, "parenthesized_type")) {
      type = ts_node_named_child(type, 0);
    } else if (isType(rules, type, "generic_type")) {
      type = field(type, rules.fields().type);
    } else {
      break;
    }
  }
  return ts_node_is_null(type) ? std::string() : cleanName(nodeText(text, type));
}

// The implemented type's name node: `impl<T> Trait for a::Foo<T>` gives `Foo`.
TSNode rustImplType(const CompiledRules& rules, TSNode type) {
  if (isType(rules, type, "generic_type")) type = field(type, rules.fields().type);
  if (isType(rules, type, "scoped_type_identifier")) type = field(type, rules.fields().name);
  return type;
}

bool nameJsAssignment(const CompiledRules& rules, std::string_view text, TSNode node,
                      DefinitionName& out) {
  if (!nameBoundValue(rules, field(node, rules.fields().right), out)) return false;
  TSNode left = field(node, rules.fields().left);
  if (isType(rules, left, "identifier")) {
    out.nameNode = left;
    out.name = cleanName(nodeText(text, left));
    return !out.name.empty();
  }
  if (!isType(rules, left, "member_expression")) return false;
  out.nameNode = field(left, rules.fields().property);
  if (ts_node_is_null(out.nameNode)) return false;
  out.name = cleanName(nodeText(text, out.nameNode));
  std::string scope = cleanName(text.substr(
      ts_node_start_byte(left), ts_node_start_byte(out.nameNode) - ts_node_start_byte(left)));
  while (!scope.empty() && (scope.back() == '.' || scope.back() == ' ')) scope.pop_back();
  constexpr std::string_view kPrototype = ".prototype";
  if (scope.ends_with(kPrototype)) scope.resize(scope.size() - kPrototype.size());
  out.scope = scope;
  return !out.name.empty();
}

}  // namespace

std::string_view nodeText(std::string_view text, TSNode node) {
  std::uint32_t begin = ts_node_start_byte(node);
  std::uint32_t end = ts_node_end_byte(node);
  if (begin >= text.size() || end <= begin) return {};
  return text.substr(begin, end - begin);
}

bool nameDefinition(const CompiledRules& rules, std::string_view text, const DefinitionRule& rule,
                    TSNode node, DefinitionName& out) {
  const FieldIds& f = rules.fields();
  out.body = field(node, f.body);
  if ((rule.flags & kNeedsBody) && ts_node_is_null(out.body)) return false;
  switch (rule.namer) {
    case Namer::CDeclarator:
      return nameCFunction(rules, text, node, out);
    case Namer::CTypedef:
      return nameCTypedef(rules, text, node, out);
    case Namer::JsAssignment:
      return nameJsAssignment(rules, text, node, out);
    case Namer::JsVariable:
      if (!nameBoundValue(rules, field(node, f.value), out)) return false;
      out.nameNode = field(node, f.name);
      if (!isType(rules, out.nameNode, "identifier")) return false;
      break;
    case Namer::JsField:
      if (!nameBoundValue(rules, field(node, f.value), out)) return false;
      out.nameNode = field(node, f.name);
      if (ts_node_is_null(out.nameNode)) out.nameNode = field(node, f.property);
      break;
    case Namer::CppNamespace:
      out.nameNode = field(node, f.name);
      if (ts_node_is_null(out.nameNode)) {
        out.name = "(anonymous namespace)";
        out.anonymous = true;
        return true;
      }
      break;
    case Namer::GoMethod:
      out.nameNode = field(node, f.name);
      out.scope = goReceiverType(rules, text, field(node, f.receiver));
      break;
    case Namer::GoTypeSpec: {
      TSNode type = field(node, f.type);
      if (isType(rules, type, "struct_type")) out.symbolKind = "struct";
      if (isType(rules, type, "interface_type")) out.symbolKind = "interface";
      out.nameNode = field(node, f.name);
      break;
    }
    case Namer::RustImpl:
      out.nameNode = rustImplType(rules, field(node, f.type));
      break;
    case Namer::TsModule:
      out.nameNode = field(node, f.name);
      if (ts_node_is_null(out.nameNode)) return false;
      out.name = unquote(nodeText(text, out.nameNode));
      return !out.name.empty();
    case Namer::NameField:
      out.nameNode = field(node, f.name);
      break;
  }
  if (ts_node_is_null(out.nameNode)) return false;
  out.name = cleanName(nodeText(text, out.nameNode));
  if (rule.nodeType == "method_definition" && out.name == "constructor") {
    out.symbolKind = "constructor";
  }
  return !out.name.empty();
}

}  // namespace gloss::indexer::chunker
