// The searcher: runs a matcher over one buffer (a file's bytes or an unsaved document) and
// reports matching lines with their match spans, plus context lines around them. Lines that do
// not match cost nothing but the regex pass: no allocation, no line splitting.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "indexer/grep/GrepMatcher.h"

namespace gloss::indexer {

struct GrepLine {
  std::uint32_t line = 0;   // 0-based
  std::string text;         // without its "\n" (a "\r" before it is kept, as ripgrep does)
  std::vector<Span> spans;  // byte offsets into `text`; empty for a context line
  bool isContext() const { return spans.empty(); }
};

struct LineSearchOptions {
  std::uint32_t contextBefore = 0;
  std::uint32_t contextAfter = 0;
  std::size_t maxMatchLines = SIZE_MAX;  // stop after this many matching lines
  std::function<bool()> stopRequested;   // polled per matching line and per 4 MiB of text
};

struct LineSearchResult {
  std::size_t matchLines = 0;
  std::size_t matches = 0;
  bool hitLimit = false;  // stopped at maxMatchLines with the buffer not fully searched
};

// Appends matching lines (and context lines, in line order) to `out`.
LineSearchResult searchLines(const GrepMatcher& matcher, std::string_view buffer,
                             const LineSearchOptions& options, std::vector<GrepLine>& out);

// True when the buffer holds a NUL byte: a binary file, skipped unless asked for.
inline bool holdsNul(std::string_view buffer) {
  return buffer.find('\0') != std::string_view::npos;
}

}  // namespace gloss::indexer
