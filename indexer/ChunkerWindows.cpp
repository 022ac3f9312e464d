#include "indexer/ChunkerWindows.h"

#include <algorithm>
#include <limits>

namespace gloss::indexer::chunker {
namespace {

// Statements nested deeper than this are not worth a cut of their own.
constexpr std::uint32_t kMaxCutDepth = 8;
constexpr std::uint32_t kNoCut = std::numeric_limits<std::uint32_t>::max();

class WindowSplitter {
 public:
  WindowSplitter(const LineIndex& lines, std::span<const Cut> cuts, const WindowLimits& limits)
      : lines_(lines), cuts_(cuts), limits_(limits) {}

  std::vector<ByteRange> split(std::uint32_t begin, std::uint32_t end) const {
    std::vector<ByteRange> windows;
    for (std::uint32_t pos = begin; pos < end;) {
      std::uint32_t limit = furthestEnd(pos, end);
      std::uint32_t cut = end;
      if (limit < end) {
        cut = kNoCut;
        // When the rest fits in one more window, share it out instead of leaving a stub.
        std::uint32_t third = (end - pos) / 3;
        if (furthestEnd(limit, end) >= end)
          cut = bestCut(pos, pos + third, std::min(limit, end - third));
        if (cut == kNoCut) cut = bestCut(pos, pos + (limit - pos) / 2, limit);
        if (cut == kNoCut) cut = limit;
      }
      windows.push_back({pos, cut});
      pos = cut;
    }
    return windows;
  }

 private:
  // End of the `count` whole lines starting at pos's line, clamped to `end`.
  std::uint32_t linesEnd(std::uint32_t pos, std::uint32_t count, std::uint32_t end) const {
    return std::min(end, lines_.lineStart(lines_.lineOf(pos) + count));
  }

  bool fits(std::uint32_t pos, std::uint32_t stop) const {
    return stop - pos <= limits_.maxBytes && lines_.nonBlank(pos, stop) <= limits_.maxChars;
  }

  // The furthest line boundary a window starting at `pos` may reach (binary search: both the
  // byte and the character counts grow with every line).
  std::uint32_t furthestEnd(std::uint32_t pos, std::uint32_t end) const {
    std::uint32_t low = 0;
    std::uint32_t high = static_cast<std::uint32_t>(std::max<std::size_t>(limits_.maxLines, 1));
    while (low < high) {
      std::uint32_t mid = low + (high - low + 1) / 2;
      if (fits(pos, linesEnd(pos, mid, end))) {
        low = mid;
      } else {
        high = mid - 1;
      }
    }
    if (low > 0) return linesEnd(pos, low, end);
    // The line alone is over budget: keep it whole unless it exceeds the hard byte limit.
    std::uint32_t lineEnd = linesEnd(pos, 1, end);
    if (lineEnd - pos <= limits_.maxBytes) return lineEnd;
    std::uint32_t hard =
        pos + static_cast<std::uint32_t>(std::max<std::size_t>(limits_.maxBytes, 4));
    std::uint32_t cut = utf8Boundary(lines_.text(), hard, pos + 1);
    return cut > pos ? cut : hard;
  }

  // Among the cuts in [from, limit] and after the window's start, the best ranked and then the
  // furthest; kNoCut when there is none.
  std::uint32_t bestCut(std::uint32_t window, std::uint32_t from, std::uint32_t limit) const {
    from = std::max(from, window + 1);
    auto first = std::lower_bound(cuts_.begin(), cuts_.end(), from,
                                  [](const Cut& cut, std::uint32_t at) { return cut.pos < at; });
    const Cut* best = nullptr;
    for (auto it = first; it != cuts_.end() && it->pos <= limit; ++it) {
      if (!best || it->rank <= best->rank) best = &*it;
    }
    return best ? best->pos : kNoCut;
  }

  const LineIndex& lines_;
  std::span<const Cut> cuts_;
  const WindowLimits& limits_;
};

}  // namespace

std::vector<ByteRange> splitWindows(const LineIndex& lines, std::uint32_t begin, std::uint32_t end,
                                    std::span<const Cut> cuts, const WindowLimits& limits) {
  return WindowSplitter(lines, cuts, limits).split(begin, end);
}

std::vector<Cut> textCuts(const LineIndex& lines, std::uint32_t begin, std::uint32_t end) {
  std::vector<Cut> cuts;
  if (end <= begin) return cuts;
  std::uint32_t first = lines.lineOf(begin) + 1;
  std::uint32_t last = lines.lastLineOf(begin, end);
  std::string_view text = lines.text();
  bool previousBlank = lines.isBlankRange(lines.lineStart(first - 1), lines.lineStart(first));
  for (std::uint32_t line = first; line <= last; ++line) {
    std::uint32_t start = lines.lineStart(line);
    bool blank = lines.isBlankRange(start, lines.lineStart(line + 1));
    std::uint32_t rank = previousBlank || blank ? 0 : (isBlank(text[start]) ? 2 : 1);
    cuts.push_back({start, rank});
    previousBlank = blank;
  }
  return cuts;
}

std::vector<Cut> syntaxCuts(const LineIndex& lines, TSNode node, std::uint32_t begin,
                            std::uint32_t end, TSTreeCursor& cursor) {
  std::vector<Cut> cuts;
  auto consider = [&](std::uint32_t at, std::uint32_t rank) {
    if (at > begin && at < end && lines.startsLine(at)) {
      cuts.push_back({lines.lineStart(lines.lineOf(at)), rank});
    }
  };
  consider(ts_node_start_byte(node), 1);  // between leading comments and the code
  ts_tree_cursor_reset(&cursor, node);
  std::uint32_t depth = 0;
  bool descend = ts_tree_cursor_goto_first_child(&cursor);
  depth += descend ? 1 : 0;
  while (descend && depth > 0) {
    TSNode current = ts_tree_cursor_current_node(&cursor);
    if (ts_node_is_named(current)) consider(ts_node_start_byte(current), depth);
    if (depth < kMaxCutDepth && ts_node_end_byte(current) > begin &&
        ts_tree_cursor_goto_first_child(&cursor)) {
      ++depth;
      continue;
    }
    while (depth > 0 && !ts_tree_cursor_goto_next_sibling(&cursor)) {
      ts_tree_cursor_goto_parent(&cursor);
      --depth;
    }
  }
  // Keep one cut per line, the best ranked.
  std::sort(cuts.begin(), cuts.end(), [](const Cut& a, const Cut& b) {
    return a.pos != b.pos ? a.pos < b.pos : a.rank < b.rank;
  });
  cuts.erase(std::unique(cuts.begin(), cuts.end(),
                         [](const Cut& a, const Cut& b) { return a.pos == b.pos; }),
             cuts.end());
  return cuts;
}

}  // namespace gloss::indexer::chunker
