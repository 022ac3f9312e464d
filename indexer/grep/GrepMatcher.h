// The matcher of gloss's grep (ripgrep's layering: matcher → searcher → sink): a pattern, its
// flags, and "where is the next match" over a buffer. It knows nothing of files.
//
// Matching is line-oriented, as in ripgrep without --multiline: the regex runs over the whole
// buffer in (?m) mode with RE2's never_nl, so `^`/`$` work at line boundaries and no match can
// cross a line break. That makes a whole-buffer search return exactly the first match a
// line-by-line search would, at the cost of one regex pass instead of one per line.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "protocol/Expected.h"

namespace re2 {
class RE2;
}

namespace gloss::indexer {

enum class CaseMode { Sensitive, Insensitive, Smart };

struct PatternOptions {
  std::string pattern;
  bool fixedStrings = false;  // the pattern is a literal, not a regex
  CaseMode caseMode = CaseMode::Smart;
  bool wordRegexp = false;  // a match must not touch word characters on either side
};

// A match inside a buffer, as byte offsets into it.
struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;
};

class GrepMatcher {
 public:
  // Compiles the pattern; the error is RE2's message (or why the pattern cannot be used).
  static Expected<GrepMatcher, std::string> compile(const PatternOptions& options);

  GrepMatcher(GrepMatcher&&) noexcept;
  GrepMatcher& operator=(GrepMatcher&&) noexcept;
  ~GrepMatcher();

  // The first match in text[from, to), with text as context for `^`, `$` and word boundaries.
  bool find(std::string_view text, std::size_t from, std::size_t to, Span& match) const;

  bool caseInsensitive() const { return caseInsensitive_; }
  // The regex exactly as RE2 compiled it (fixed strings quoted, `(?m)` added), for the trigram
  // planner, which must reason about the same regex with the same case sensitivity.
  const std::string& regexSource() const { return source_; }

 private:
  GrepMatcher() = default;
  bool findOnce(std::string_view text, std::size_t from, std::size_t to, Span& match) const;
  bool wordBoundedAt(std::string_view text, const Span& match) const;
  bool isWordCharAt(std::string_view text, std::size_t begin, std::size_t end) const;

  std::unique_ptr<re2::RE2> regex_;
  std::unique_ptr<re2::RE2> wordChar_;  // one Unicode word character, for --word-regexp
  std::string source_;
  std::string literal_;  // set when the pattern is a case-sensitive literal: searched by memmem
  bool caseInsensitive_ = false;
  bool wordRegexp_ = false;
};

// Smart case: insensitive unless the pattern holds an upper-case letter outside an escape
// (`\W`, `\S`, `\p{Lu}` do not count), as ripgrep decides.
bool hasUppercaseLiteral(std::string_view pattern, bool fixedStrings);

}  // namespace gloss::indexer
