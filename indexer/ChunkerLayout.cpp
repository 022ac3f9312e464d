#include "indexer/ChunkerLayout.h"

#include <limits>

namespace gloss::indexer::chunker {
namespace {

constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();
constexpr std::uint32_t kTinyLines = 2;        // definitions this short may share a chunk
constexpr std::uint32_t kStuckGlueLines = 2;   // glue this short may join a definition it hugs
constexpr std::uint32_t kMaxTrailBytes = 256;  // rest of a definition's last line it may keep

class Layout {
 public:
  Layout(const std::vector<Definition>& defs, const LineIndex& lines, const LayoutLimits& limits,
         TSTreeCursor& cursor)
      : defs_(defs), lines_(lines), limits_(limits), cursor_(cursor) {}

  std::vector<Piece> run() {
    place(0, lines_.size(), firstRoot(), -1);
    return splitOversizedGlue(mergeNeighbours(settleGaps()));
  }

 private:
  std::uint32_t startOf(const Definition& d) const;
  int firstRoot() const;
  int nextMember(int index) const;
  void place(std::uint32_t begin, std::uint32_t end, int first, int parent);
  void placeDefinition(int index);
  std::uint32_t headerEnd(const Definition& d, std::uint32_t firstMemberStart) const;
  void pushWindows(int index, std::uint32_t begin, std::uint32_t end, PieceKind lastKind);
  std::vector<Piece> settleGaps() const;
  std::uint32_t giveToAbove(Piece& above, std::uint32_t end) const;
  std::uint32_t skipBlankOrClosing(std::uint32_t pos, std::uint32_t end, bool& sawBlankLine) const;
  std::uint32_t shortParagraphEnd(std::uint32_t pos, std::uint32_t end) const;
  bool sticksAbove(std::uint32_t begin, std::uint32_t end, const Piece& below) const;
  std::vector<Piece> mergeNeighbours(std::vector<Piece> pieces) const;
  bool mergeable(const Piece& a, const Piece& b) const;
  std::vector<Piece> splitOversizedGlue(std::vector<Piece> pieces) const;

  const std::vector<Definition>& defs_;
  const LineIndex& lines_;
  const LayoutLimits& limits_;
  TSTreeCursor& cursor_;
  std::vector<Piece> pieces_;
};

// A definition's chunk takes the indentation before it, so chunks start at line starts.
std::uint32_t Layout::startOf(const Definition& d) const {
  return lines_.startsLine(d.start) ? lines_.lineStart(lines_.lineOf(d.start)) : d.start;
}

int Layout::firstRoot() const {
  for (std::size_t i = 0; i < defs_.size(); ++i) {
    if (defs_[i].parent < 0) return static_cast<int>(i);
  }
  return -1;
}

// Members are linked through nextSibling; top-level definitions are the parentless ones.
int Layout::nextMember(int index) const {
  if (defs_[index].parent >= 0) return defs_[index].nextSibling;
  for (std::size_t i = index + 1; i < defs_.size(); ++i) {
    if (defs_[i].parent < 0) return static_cast<int>(i);
  }
  return -1;
}

void Layout::place(std::uint32_t begin, std::uint32_t end, int first, int parent) {
  std::uint32_t pos = begin;
  for (int index = first; index >= 0; index = nextMember(index)) {
    const Definition& d = defs_[index];
    std::uint32_t start = startOf(d);
    // Broken trees may overlap; such a definition stays a symbol inside its neighbour's chunk.
    if (start < pos || d.end > end) continue;
    if (pos < start) pieces_.push_back({pos, start, PieceKind::Gap, -1, parent});
    placeDefinition(index);
    pos = d.end;
  }
  if (pos < end) pieces_.push_back({pos, end, PieceKind::Gap, -1, parent});
}

void Layout::placeDefinition(int index) {
  const Definition& d = defs_[index];
  std::uint32_t start = startOf(d);
  if (limits_.budget.fits(lines_, start, d.end)) {
    bool tiny = lines_.lastLineOf(start, d.end) - lines_.lineOf(start) < kTinyLines;
    pieces_.push_back({start, d.end, PieceKind::Definition, index, d.parent, tiny});
    return;
  }
  int first = d.container ? d.firstMember : -1;
  while (first >= 0 && (startOf(defs_[first]) < start || defs_[first].end > d.end)) {
    first = defs_[first].nextSibling;
  }
  if (first < 0) {
    pushWindows(index, start, d.end, PieceKind::Part);
    return;
  }
  std::uint32_t header = headerEnd(d, startOf(defs_[first]));
  pushWindows(index, start, header, PieceKind::Outline);
  place(header, d.end, first, index);
}

// The outline keeps the lines up to the body's opening; what follows before the first member
// (fields, docstrings) is laid out as glue and may merge back into the outline.
std::uint32_t Layout::headerEnd(const Definition& d, std::uint32_t firstMemberStart) const {
  std::uint32_t end = firstMemberStart;
  if (!ts_node_is_null(d.body)) {
    std::uint32_t body = ts_node_start_byte(d.body);
    bool brace = body < lines_.size() && lines_.text()[body] == '{';
    std::uint32_t candidate =
        brace ? lines_.nextLineStart(body) : lines_.lineStart(lines_.lineOf(body));
    if (candidate > d.start) end = std::min(end, candidate);
  }
  return end;
}

// Windows of [begin, end) for definition `index`, cut at statement starts; the last one takes
// `lastKind` (an outline's header text may need windows when comments above it are long).
void Layout::pushWindows(int index, std::uint32_t begin, std::uint32_t end, PieceKind lastKind) {
  const Definition& d = defs_[index];
  std::vector<Cut> cuts = syntaxCuts(lines_, d.node, begin, end, cursor_);
  WindowLimits limits{limits_.budget.maxChars, limits_.budget.maxLines, limits_.maxBytes};
  std::vector<ByteRange> windows = splitWindows(lines_, begin, end, cuts, limits);
  for (std::size_t i = 0; i < windows.size(); ++i) {
    PieceKind kind = i + 1 == windows.size() ? lastKind : PieceKind::Part;
    pieces_.push_back({windows[i].begin, windows[i].end, kind, index, d.parent});
  }
}

// Gives each gap's whitespace, closing brackets and the rest of a definition's last line to
// the piece before it, short glue hugging a definition to that definition, and makes the rest
// glue.
std::vector<Piece> Layout::settleGaps() const {
  std::vector<Piece> out;
  std::uint32_t pendingStart = kNone;  // where the next piece starts instead of its own start
  auto push = [&](Piece piece) {
    if (pendingStart != kNone) piece.start = pendingStart;
    pendingStart = kNone;
    out.push_back(piece);
  };
  for (std::size_t i = 0; i < pieces_.size(); ++i) {
    const Piece& piece = pieces_[i];
    if (piece.kind != PieceKind::Gap) {
      push(piece);
      continue;
    }
    std::uint32_t pos = out.empty() ? piece.start : giveToAbove(out.back(), piece.end);
    if (pos == piece.end) continue;
    const Piece* below = i + 1 < pieces_.size() ? &pieces_[i + 1] : nullptr;
    if ((out.empty() && lines_.isBlankRange(pos, piece.end)) ||
        (below && sticksAbove(pos, piece.end, *below))) {
      pendingStart = pos;
    } else {
      push({pos, piece.end, PieceKind::Glue, -1, piece.parent});
    }
  }
  if (pendingStart != kNone) out.push_back({pendingStart, lines_.size(), PieceKind::Glue});
  return out;
}

// Extends `above` over the start of the gap that follows it (up to `end`); returns where the
// rest of the gap begins.
std::uint32_t Layout::giveToAbove(Piece& above, std::uint32_t end) const {
  std::uint32_t pos = above.end;
  if (pos > 0 && lines_.text()[pos - 1] != '\n') {
    std::uint32_t lineEnd = std::min(end, lines_.nextLineStart(pos));
    if (lineEnd - pos <= kMaxTrailBytes) pos = lineEnd;
  }
  bool sawBlankLine = false;
  pos = skipBlankOrClosing(pos, end, sawBlankLine);
  bool definition = above.kind == PieceKind::Definition || above.kind == PieceKind::Part;
  if (definition && !sawBlankLine && pos < end && lines_.startsLine(pos)) {
    std::uint32_t paragraph = shortParagraphEnd(pos, end);
    if (paragraph != kNone && limits_.budget.fits(lines_, above.start, paragraph)) {
      pos = skipBlankOrClosing(paragraph, end, sawBlankLine);
    }
  }
  above.end = pos;
  return pos;
}

// Skips lines that are blank or start with a closing bracket or `;`.
std::uint32_t Layout::skipBlankOrClosing(std::uint32_t pos, std::uint32_t end,
                                         bool& sawBlankLine) const {
  std::string_view text = lines_.text();
  while (pos < end) {
    std::uint32_t lineEnd = std::min(end, lines_.nextLineStart(pos));
    std::uint32_t first = pos;
    while (first < lineEnd && isBlank(text[first])) ++first;
    if (first < lineEnd && std::string_view("})];").find(text[first]) == std::string_view::npos) {
      break;
    }
    sawBlankLine = sawBlankLine || first == lineEnd;
    pos = lineEnd;
  }
  return pos;
}

// Where the paragraph starting at `pos` ends (its first blank line, or `end`) if it has at most
// kStuckGlueLines lines; kNone otherwise.
std::uint32_t Layout::shortParagraphEnd(std::uint32_t pos, std::uint32_t end) const {
  for (std::uint32_t count = 0; pos < end; ++count) {
    std::uint32_t lineEnd = std::min(end, lines_.nextLineStart(pos));
    if (lines_.isBlankRange(pos, lineEnd)) return pos;
    if (count == kStuckGlueLines) return kNone;
    pos = lineEnd;
  }
  return end;
}

// `#ifdef CONFIG_X` right above a function: short glue with no blank line below joins it.
bool Layout::sticksAbove(std::uint32_t begin, std::uint32_t end, const Piece& below) const {
  if (below.kind != PieceKind::Definition && below.kind != PieceKind::Part) return false;
  if (!lines_.startsLine(begin) || shortParagraphEnd(begin, end) != end) return false;
  return limits_.budget.fits(lines_, begin, below.end);
}

std::vector<Piece> Layout::mergeNeighbours(std::vector<Piece> pieces) const {
  std::vector<Piece> out;
  out.reserve(pieces.size());
  for (const Piece& piece : pieces) {
    if (!out.empty() && mergeable(out.back(), piece) &&
        limits_.budget.fits(lines_, out.back().start, piece.end)) {
      out.back().end = piece.end;
      continue;
    }
    out.push_back(piece);
  }
  return out;
}

bool Layout::mergeable(const Piece& a, const Piece& b) const {
  if (b.kind == PieceKind::Glue) {
    if (a.kind == PieceKind::Glue) return a.parent == b.parent;
    return a.kind == PieceKind::Outline && b.parent == a.def;
  }
  return a.kind == PieceKind::Definition && b.kind == PieceKind::Definition && a.tiny && b.tiny &&
         a.parent == b.parent;
}

std::vector<Piece> Layout::splitOversizedGlue(std::vector<Piece> pieces) const {
  std::vector<Piece> out;
  out.reserve(pieces.size());
  WindowLimits limits{limits_.budget.maxChars, limits_.budget.maxLines, limits_.maxBytes};
  for (const Piece& piece : pieces) {
    if (piece.kind != PieceKind::Glue || limits_.budget.fits(lines_, piece.start, piece.end)) {
      out.push_back(piece);
      continue;
    }
    std::vector<Cut> cuts = textCuts(lines_, piece.start, piece.end);
    for (const ByteRange& window : splitWindows(lines_, piece.start, piece.end, cuts, limits)) {
      out.push_back({window.begin, window.end, PieceKind::Glue, -1, piece.parent});
    }
  }
  return out;
}

}  // namespace

std::vector<Piece> layOutPieces(const std::vector<Definition>& defs, const LineIndex& lines,
                                const LayoutLimits& limits, TSTreeCursor& cursor) {
  return Layout(defs, lines, limits, cursor).run();
}

}  // namespace gloss::indexer::chunker
