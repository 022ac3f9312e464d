#include "indexer/grep/LineSearcher.h"

#include <cstring>

namespace gloss::indexer {
namespace {

// Walks a buffer's lines forward, counting line breaks only up to where it is asked to go.
class LineCursor {
 public:
  explicit LineCursor(std::string_view buffer) : buffer_(buffer) {}

  // The 0-based number of the line holding byte `offset` (offsets only increase).
  std::uint32_t lineAt(std::size_t offset) {
    while (true) {
      const void* nl = std::memchr(buffer_.data() + counted_, '\n', offset - counted_);
      if (!nl) break;
      counted_ = static_cast<const char*>(nl) - buffer_.data() + 1;
      ++line_;
    }
    counted_ = offset;
    return line_;
  }

  std::size_t lineStart(std::size_t offset) const {
    const void* nl = memrchr(buffer_.data(), '\n', offset);
    return nl ? static_cast<const char*>(nl) - buffer_.data() + 1 : 0;
  }
  std::size_t lineEnd(std::size_t offset) const {
    const void* nl = std::memchr(buffer_.data() + offset, '\n', buffer_.size() - offset);
    return nl ? static_cast<const char*>(nl) - buffer_.data() : buffer_.size();
  }
  // The start of the line after the one ending at `end`, or npos at the end of the buffer.
  std::size_t nextLine(std::size_t end) const {
    return end < buffer_.size() ? end + 1 : std::string_view::npos;
  }

 private:
  std::string_view buffer_;
  std::size_t counted_ = 0;
  std::uint32_t line_ = 0;
};

// Emits context lines, never twice and never over a matching line.
class ContextWriter {
 public:
  ContextWriter(std::string_view buffer, const LineCursor& cursor, std::vector<GrepLine>& out)
      : buffer_(buffer), cursor_(cursor), out_(out) {}

  // Up to `count` lines before the line starting at `start` (number `line`).
  void before(std::size_t start, std::uint32_t line, std::uint32_t count) {
    std::uint32_t first = line > count ? line - count : 0;
    if (nextFree_ > first) first = nextFree_;
    std::size_t pos = start;
    std::vector<GrepLine> lines;
    for (std::uint32_t n = line; n > first; --n) {
      std::size_t end = pos - 1;
      pos = cursor_.lineStart(end);
      lines.push_back(GrepLine{n - 1, std::string(buffer_.substr(pos, end - pos)), {}});
    }
    for (auto it = lines.rbegin(); it != lines.rend(); ++it) out_.push_back(std::move(*it));
  }

  // Up to `count` lines after the line ending at `end` (number `line`), stopping before
  // `stopLine` (the next matching line).
  void after(std::size_t end, std::uint32_t line, std::uint32_t count, std::uint32_t stopLine) {
    std::size_t pos = cursor_.nextLine(end);
    for (std::uint32_t n = line + 1; n <= line + count && n < stopLine; ++n) {
      if (pos == std::string_view::npos || pos >= buffer_.size()) break;
      std::size_t lineEnd = cursor_.lineEnd(pos);
      out_.push_back(GrepLine{n, std::string(buffer_.substr(pos, lineEnd - pos)), {}});
      nextFree_ = n + 1;
      pos = cursor_.nextLine(lineEnd);
    }
  }
  void matched(std::uint32_t line) { nextFree_ = line + 1; }

 private:
  std::string_view buffer_;
  const LineCursor& cursor_;
  std::vector<GrepLine>& out_;
  std::uint32_t nextFree_ = 0;  // the first line not yet written
};

// Every match on the line [start, end), the first of which is already known.
void collectSpans(const GrepMatcher& matcher, std::string_view buffer, std::size_t start,
                  std::size_t end, Span first, std::vector<Span>& spans) {
  Span match = first;
  while (true) {
    spans.push_back(Span{match.begin - start, match.end - start});
    std::size_t from = match.end > match.begin ? match.end : match.end + 1;
    if (from > end || !matcher.find(buffer, from, end, match)) return;
  }
}

}  // namespace

LineSearchResult searchLines(const GrepMatcher& matcher, std::string_view buffer,
                             const LineSearchOptions& options, std::vector<GrepLine>& out) {
  LineSearchResult result;
  LineCursor cursor(buffer);
  ContextWriter context(buffer, cursor, out);
  struct Pending {
    std::size_t end = 0;
    std::uint32_t line = 0;
    bool active = false;
  } pending;  // the last matching line, whose after-context waits for the next match

  // The regex runs over windows that end at line breaks (matches never span lines), so a huge
  // file notices cancellation between windows.
  constexpr std::size_t kWindow = 4u << 20;
  std::size_t pos = 0;
  Span match;
  while (pos < buffer.size()) {
    if (options.stopRequested && options.stopRequested()) break;
    std::size_t windowEnd = buffer.size();
    if (buffer.size() - pos > kWindow) windowEnd = cursor.lineEnd(pos + kWindow);
    if (!matcher.find(buffer, pos, windowEnd, match)) {
      pos = windowEnd + 1;
      continue;
    }
    // An empty match after the final line break is not on any line.
    if (match.begin == buffer.size() && buffer.back() == '\n') break;
    if (result.matchLines == options.maxMatchLines) {
      result.hitLimit = true;
      break;
    }
    std::size_t start = cursor.lineStart(match.begin);
    std::size_t end = cursor.lineEnd(match.begin);
    std::uint32_t line = cursor.lineAt(start);
    if (pending.active) context.after(pending.end, pending.line, options.contextAfter, line);
    context.before(start, line, options.contextBefore);

    GrepLine hit{line, std::string(buffer.substr(start, end - start)), {}};
    collectSpans(matcher, buffer, start, end, match, hit.spans);
    result.matches += hit.spans.size();
    ++result.matchLines;
    out.push_back(std::move(hit));
    context.matched(line);
    pending = Pending{end, line, true};
    pos = end + 1;
  }
  if (pending.active) context.after(pending.end, pending.line, options.contextAfter, UINT32_MAX);
  return result;
}

}  // namespace gloss::indexer
