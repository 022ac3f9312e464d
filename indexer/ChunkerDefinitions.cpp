#include "indexer/ChunkerDefinitions.h"

#include <algorithm>
#include <limits>
#include <optional>

#include "indexer/ChunkerNames.h"

namespace gloss::indexer::chunker {
namespace {

// Nesting beyond these is pathological input (100k `{`); deeper nodes are simply not searched.
constexpr std::size_t kMaxTreeDepth = 256;
constexpr int kMaxDefinitionDepth = 24;
constexpr std::size_t kMaxSignatureBytes = 200;
constexpr std::uint32_t kMaxSignatureSpan = 2048;
constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

// Comments and attributes seen just above the next sibling, which a definition may adopt.
struct Run {
  std::uint32_t start = kNone;
  std::uint32_t lastLine = 0;
};

struct Frame {
  int owner = -1;  // enclosing definition
  Run run;
  bool wrapped = false;  // a wrapper's sole child: a definition here takes the wrapper's range
  std::uint32_t wrapStart = 0;
  std::uint32_t wrapEnd = 0;
  TSNode wrapNode{};  // the outermost wrapper, where the signature begins
};

class DefinitionFinder {
 public:
  DefinitionFinder(const CompiledRules& rules, const LineIndex& lines)
      : rules_(rules), lines_(lines), text_(lines.text()) {}

  std::vector<Definition> run(TSNode root, TSTreeCursor& cursor);

 private:
  std::optional<Frame> visit(TSNode node, Frame& frame);
  std::optional<Frame> enterWrapper(TSNode node, Frame& frame);
  int addDefinition(TSNode node, const DefinitionRule& rule, const Frame& frame);
  void nameAndKind(Definition& d, const DefinitionRule& rule, const DefinitionName& named) const;
  void extendRun(Run& run, TSNode node) const;
  std::uint32_t adoptedStart(const Run& run, TSNode node) const;
  bool hasSoleChild(TSNode wrapper) const;
  bool isNamespace(const std::string& qualifiedName) const {
    return std::find(namespaces_.begin(), namespaces_.end(), qualifiedName) != namespaces_.end();
  }
  bool isDecoration(TSNode node) const;
  std::uint32_t signatureStart(TSNode top) const;
  std::string signature(TSNode top, const Definition& d) const;

  const CompiledRules& rules_;
  const LineIndex& lines_;
  std::string_view text_;
  std::vector<Definition> defs_;
  std::vector<std::string> namespaces_;  // qualified names of the namespaces seen so far
};

std::vector<Definition> DefinitionFinder::run(TSNode root, TSTreeCursor& cursor) {
  ts_tree_cursor_reset(&cursor, root);
  std::vector<Frame> frames(1);
  if (!ts_tree_cursor_goto_first_child(&cursor)) return {};
  for (;;) {
    std::optional<Frame> child = visit(ts_tree_cursor_current_node(&cursor), frames.back());
    if (child && frames.size() < kMaxTreeDepth && ts_tree_cursor_goto_first_child(&cursor)) {
      frames.push_back(*child);
      continue;
    }
    while (!ts_tree_cursor_goto_next_sibling(&cursor)) {
      if (frames.size() == 1 || !ts_tree_cursor_goto_parent(&cursor)) return std::move(defs_);
      frames.pop_back();
    }
  }
}

std::optional<Frame> DefinitionFinder::visit(TSNode node, Frame& frame) {
  if (!ts_node_is_named(node)) return std::nullopt;  // keywords and punctuation change nothing
  TSSymbol symbol = ts_node_symbol(node);
  switch (rules_.role(symbol)) {
    case NodeRole::Comment:
    case NodeRole::Attachment:
      extendRun(frame.run, node);
      return std::nullopt;
    case NodeRole::Extra:
      return std::nullopt;
    case NodeRole::Wrapper:
      return enterWrapper(node, frame);
    case NodeRole::Definition: {
      int index = addDefinition(node, *rules_.definition(symbol), frame);
      if (index < 0) break;  // not a definition after all: search inside like any node
      frame.run = {};
      const Definition& d = defs_[index];
      if (!d.container || d.depth >= kMaxDefinitionDepth) return std::nullopt;
      Frame members;
      members.owner = index;
      return members;
    }
    case NodeRole::Other:
      break;
  }
  if (ts_node_child_count(node) == 0) {
    frame.run = {};
    return std::nullopt;
  }
  // The comments stay pending: Python puts a class's first comment before its body block.
  Frame inside;
  inside.owner = frame.owner;
  inside.run = frame.run;
  frame.run = {};
  return inside;
}

std::optional<Frame> DefinitionFinder::enterWrapper(TSNode node, Frame& frame) {
  Frame inside;
  inside.owner = frame.owner;
  inside.wrapped = hasSoleChild(node);
  if (frame.wrapped) {  // `export const f = ...`: nested wrappers share the outermost range
    inside.wrapStart = frame.wrapStart;
    inside.wrapEnd = frame.wrapEnd;
    inside.wrapNode = frame.wrapNode;
  } else {
    inside.wrapStart = adoptedStart(frame.run, node);
    inside.wrapEnd = ts_node_end_byte(node);
    inside.wrapNode = node;
  }
  frame.run = {};
  return inside;
}

int DefinitionFinder::addDefinition(TSNode node, const DefinitionRule& rule, const Frame& frame) {
  DefinitionName named;
  if (!nameDefinition(rules_, text_, rule, node, named)) return -1;
  Definition d;
  d.node = node;
  d.body = named.body;
  d.start = frame.wrapped ? frame.wrapStart : adoptedStart(frame.run, node);
  d.end = frame.wrapped ? frame.wrapEnd : ts_node_end_byte(node);
  if (d.end <= d.start || d.end > lines_.size()) return -1;
  d.nameByte = ts_node_is_null(named.nameNode) ? ts_node_start_byte(node)
                                               : ts_node_start_byte(named.nameNode);
  d.parent = frame.owner;
  d.depth = frame.owner >= 0 ? defs_[frame.owner].depth + 1 : 0;
  std::uint8_t flags = named.flags.value_or(rule.flags);
  d.container = flags & kContainer;
  d.classLike = flags & kClassLike;
  nameAndKind(d, rule, named);
  d.signature = signature(frame.wrapped ? frame.wrapNode : node, d);
  // A typedef's name comes after its body: `typedef struct { ... } point_list`.
  if (rule.namer == Namer::CTypedef) d.signature += " { ... } " + d.name;
  if (d.kind == ChunkKind::Module) namespaces_.push_back(d.qualifiedName);

  int index = static_cast<int>(defs_.size());
  if (d.parent >= 0) {
    Definition& owner = defs_[d.parent];
    if (owner.lastMember >= 0) defs_[owner.lastMember].nextSibling = index;
    if (owner.firstMember < 0) owner.firstMember = index;
    owner.lastMember = index;
  }
  defs_.push_back(std::move(d));
  return index;
}

void DefinitionFinder::nameAndKind(Definition& d, const DefinitionRule& rule,
                                   const DefinitionName& named) const {
  const LanguageSpec& spec = rules_.spec();
  const Definition* owner = d.parent >= 0 ? &defs_[d.parent] : nullptr;
  d.kind = named.kind.value_or(rule.kind);
  d.symbolKind = named.symbolKind.empty() ? rule.symbolKind : named.symbolKind;
  std::string prefix = owner && spec.qualifyNested ? owner->memberPrefix : std::string();
  std::string separator(spec.separator);
  // A function inside a class, or defined out of line as `Foo::bar` where Foo is not a
  // namespace of this file, is a method.
  bool member = (owner && owner->classLike) ||
                (rule.namer == Namer::CDeclarator && !named.scope.empty() &&
                 !isNamespace(prefix.empty() ? named.scope : prefix + separator + named.scope));
  if (d.kind == ChunkKind::Function && member) {
    d.kind = ChunkKind::Method;
    std::string_view className =
        owner && owner->classLike ? std::string_view(owner->name) : std::string_view(named.scope);
    if (std::size_t colon = className.rfind("::"); colon != std::string_view::npos) {
      className = className.substr(colon + 2);
    }
    d.symbolKind = d.symbolKind == "function" ? "method" : d.symbolKind;
    if (rule.namer == Namer::CDeclarator && named.name == className) d.symbolKind = "constructor";
  }
  d.name = named.name;
  d.qualifiedName = prefix;
  for (const std::string* part : {&named.scope, &named.name}) {
    if (part->empty()) continue;
    if (!d.qualifiedName.empty()) d.qualifiedName += separator;
    d.qualifiedName += *part;
  }
  d.memberPrefix = named.anonymous ? prefix : d.qualifiedName;
  d.parentName = owner ? owner->qualifiedName : std::string();
}

void DefinitionFinder::extendRun(Run& run, TSNode node) const {
  std::uint32_t start = ts_node_start_byte(node);
  std::uint32_t end = ts_node_end_byte(node);
  std::uint32_t firstLine = lines_.lineOf(start);
  std::uint32_t lastLine = lines_.lastLineOf(start, end);
  if (run.start != kNone && firstLine <= run.lastLine + 1) {
    run.lastLine = lastLine;
  } else if (lines_.startsLine(start)) {
    run = Run{start, lastLine};
  } else {
    run = Run{};  // a trailing comment belongs to the code before it
  }
}

std::uint32_t DefinitionFinder::adoptedStart(const Run& run, TSNode node) const {
  std::uint32_t start = ts_node_start_byte(node);
  if (run.start == kNone || run.start > start) return start;
  return lines_.lineOf(start) <= run.lastLine + 1 ? run.start : start;
}

bool DefinitionFinder::hasSoleChild(TSNode wrapper) const {
  int significant = 0;
  std::uint32_t count = ts_node_named_child_count(wrapper);
  for (std::uint32_t i = 0; i < count && significant < 2; ++i) {
    if (!isDecoration(ts_node_named_child(wrapper, i))) ++significant;
  }
  return significant == 1;
}

bool DefinitionFinder::isDecoration(TSNode node) const {
  NodeRole role = rules_.role(ts_node_symbol(node));
  return role == NodeRole::Comment || role == NodeRole::Attachment || role == NodeRole::Extra;
}

// Skips decorators, annotations and comments: `@Override public void f()` signs as
// `public void f()`. Java keeps annotations inside `modifiers`, hence the second level.
std::uint32_t DefinitionFinder::signatureStart(TSNode top) const {
  std::uint32_t count = ts_node_child_count(top);
  for (std::uint32_t i = 0; i < count && i < 16; ++i) {
    TSNode child = ts_node_child(top, i);
    if (!ts_node_is_named(child)) return ts_node_start_byte(child);
    if (isDecoration(child)) continue;
    std::uint32_t inner = ts_node_child_count(child);
    if (inner == 0 ||
        rules_.role(ts_node_symbol(ts_node_child(child, 0))) != NodeRole::Attachment) {
      return ts_node_start_byte(child);
    }
    for (std::uint32_t j = 0; j < inner && j < 16; ++j) {
      TSNode modifier = ts_node_child(child, j);
      if (!ts_node_is_named(modifier) || !isDecoration(modifier)) {
        return ts_node_start_byte(modifier);
      }
    }
  }
  return ts_node_start_byte(top);
}

// The header from the signature start to the body (or the end of its first line when there is
// no body), cut before any comment between them, on one line.
std::string DefinitionFinder::signature(TSNode top, const Definition& d) const {
  std::uint32_t begin = signatureStart(top);
  std::uint32_t end = ts_node_is_null(d.body) ? 0 : ts_node_start_byte(d.body);
  bool hasBody = end > begin;
  if (!hasBody) end = lines_.nextLineStart(begin);
  end = std::min<std::uint32_t>({end, d.end, begin + kMaxSignatureSpan});
  std::uint32_t count = ts_node_child_count(d.node);
  for (std::uint32_t i = 0; i < count && i < 16; ++i) {
    TSNode child = ts_node_child(d.node, i);
    std::uint32_t at = ts_node_start_byte(child);
    if (at > begin && at < end && rules_.role(ts_node_symbol(child)) == NodeRole::Comment) {
      end = at;
    }
  }
  std::string_view header = text_.substr(begin, end > begin ? end - begin : 0);
  if (!hasBody) header = header.substr(0, header.find('{'));
  std::string result = collapseBlanks(header, kMaxSignatureBytes);
  while (!result.empty() &&
         std::string_view(":{;= ").find(result.back()) != std::string_view::npos) {
    result.pop_back();
  }
  return result;
}

}  // namespace

std::vector<Definition> findDefinitions(const CompiledRules& rules, const LineIndex& lines,
                                        TSNode root, TSTreeCursor& cursor) {
  return DefinitionFinder(rules, lines).run(root, cursor);
}

}  // namespace gloss::indexer::chunker
