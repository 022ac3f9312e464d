#include "indexer/ChunkerOutline.h"

#include <limits>

namespace gloss::indexer::chunker {
namespace {

constexpr std::size_t kMaxOutlineBytes = 8192;  // a prompt-sized summary, not a copy
constexpr std::size_t kMaxLineBytes = 160;
constexpr std::uint32_t kMaxIndentBytes = 32;
constexpr std::uint32_t kNoLine = std::numeric_limits<std::uint32_t>::max();

class OutlineWriter {
 public:
  OutlineWriter(const std::vector<Definition>& defs, const LineIndex& lines,
                const CompiledRules& rules)
      : defs_(defs), lines_(lines), rules_(rules), text_(lines.text()) {}

  std::string write(int index, TSTreeCursor& cursor);

 private:
  bool indented() const { return rules_.spec().bodyStyle == BodyStyle::Indent; }
  std::string_view indentOf(std::uint32_t byte) const;
  void append(std::uint32_t at, std::string_view body);
  void appendMember(const Definition& member);
  void appendFirstLine(TSNode node);
  void appendClosing(const Definition& d);
  int emitMembersBefore(int member, std::uint32_t end);

  const std::vector<Definition>& defs_;
  const LineIndex& lines_;
  const CompiledRules& rules_;
  std::string_view text_;
  std::string out_;
  std::uint32_t lastLine_ = kNoLine;
  bool truncated_ = false;
};

std::string OutlineWriter::write(int index, TSTreeCursor& cursor) {
  const Definition& d = defs_[index];
  append(d.nameByte, d.signature + (indented() ? ":" : " {"));
  int member = d.firstMember;
  if (!ts_node_is_null(d.body)) {
    ts_tree_cursor_reset(&cursor, d.body);
    for (bool more = ts_tree_cursor_goto_first_child(&cursor); more && !truncated_;
         more = ts_tree_cursor_goto_next_sibling(&cursor)) {
      TSNode child = ts_tree_cursor_current_node(&cursor);
      if (!ts_node_is_named(child)) continue;
      NodeRole role = rules_.role(ts_node_symbol(child));
      if (role == NodeRole::Comment || role == NodeRole::Attachment) continue;
      int next = emitMembersBefore(member, ts_node_end_byte(child));
      if (next == member) appendFirstLine(child);
      member = next;
    }
  }
  emitMembersBefore(member, std::numeric_limits<std::uint32_t>::max());
  appendClosing(d);
  return std::move(out_);
}

// Emits the members starting before `end`; returns the first one left.
int OutlineWriter::emitMembersBefore(int member, std::uint32_t end) {
  for (; member >= 0 && ts_node_start_byte(defs_[member].node) < end;
       member = defs_[member].nextSibling) {
    appendMember(defs_[member]);
  }
  return member;
}

std::string_view OutlineWriter::indentOf(std::uint32_t byte) const {
  std::uint32_t start = lines_.lineStart(lines_.lineOf(byte));
  std::uint32_t end = start;
  while (end < byte && end - start < kMaxIndentBytes && isBlank(text_[end])) ++end;
  return text_.substr(start, end - start);
}

void OutlineWriter::append(std::uint32_t at, std::string_view body) {
  if (truncated_) return;
  std::string_view indent = indentOf(at);
  if (out_.size() + indent.size() + body.size() > kMaxOutlineBytes) {
    out_.append(indent).append("...\n");
    truncated_ = true;
    return;
  }
  out_.append(indent).append(body).push_back('\n');
  lastLine_ = lines_.lineOf(at);
}

void OutlineWriter::appendMember(const Definition& member) {
  std::string line = member.signature;
  if (!ts_node_is_null(member.body)) line += indented() ? ": ..." : " { ... }";
  append(member.nameByte, line);
}

// A member that is not a definition (a field, `public:`, a docstring): its first line.
void OutlineWriter::appendFirstLine(TSNode node) {
  std::uint32_t start = ts_node_start_byte(node);
  if (start >= text_.size() || lines_.lineOf(start) == lastLine_) return;
  std::uint32_t end = std::min(lines_.nextLineStart(start), ts_node_end_byte(node));
  std::string line = collapseBlanks(text_.substr(start, end - start), kMaxLineBytes);
  if (!line.empty()) append(start, line);
}

void OutlineWriter::appendClosing(const Definition& d) {
  if (indented()) return;
  std::uint32_t last = lines_.lastLineOf(d.start, d.end);
  if (last == lastLine_) return;
  std::uint32_t start = lines_.lineStart(last);
  std::string line = collapseBlanks(text_.substr(start, d.end - start), kMaxLineBytes);
  if (!line.empty()) append(d.nameByte, line);
}

}  // namespace

std::string buildOutline(const std::vector<Definition>& defs, int index, const LineIndex& lines,
                         const CompiledRules& rules, TSTreeCursor& cursor) {
  return OutlineWriter(defs, lines, rules).write(index, cursor);
}

}  // namespace gloss::indexer::chunker
