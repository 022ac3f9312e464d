#include "indexer/grep/GrepMatcher.h"

#include <re2/re2.h>

namespace gloss::indexer {
namespace {

bool isWordByte(unsigned char c) {
  // Bytes of multi-byte UTF-8 characters count as word characters: letters such as "é" are.
  return c == '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         c >= 0x80;
}

bool isAsciiUpper(char c) {
  return c >= 'A' && c <= 'Z';
}

// Length of the escape sequence starting at pattern[i] == '\\' (backslash included).
std::size_t escapeLength(std::string_view pattern, std::size_t i) {
  if (i + 1 >= pattern.size()) return 1;
  char next = pattern[i + 1];
  if ((next == 'p' || next == 'P') && i + 2 < pattern.size() && pattern[i + 2] == '{') {
    auto close = pattern.find('}', i + 3);
    return close == std::string_view::npos ? pattern.size() - i : close - i + 1;
  }
  return 2;
}

}  // namespace

bool hasUppercaseLiteral(std::string_view pattern, bool fixedStrings) {
  for (std::size_t i = 0; i < pattern.size();) {
    if (!fixedStrings && pattern[i] == '\\') {
      i += escapeLength(pattern, i);
      continue;
    }
    if (isAsciiUpper(pattern[i])) return true;
    ++i;
  }
  return false;
}

Expected<GrepMatcher, std::string> GrepMatcher::compile(const PatternOptions& options) {
  if (options.pattern.find('\n') != std::string::npos) {
    return unexpected(std::string(
        "the pattern contains a line break, but matches never span lines (multiline is off)"));
  }
  GrepMatcher matcher;
  matcher.caseInsensitive_ = options.caseMode == CaseMode::Insensitive ||
                             (options.caseMode == CaseMode::Smart &&
                              !hasUppercaseLiteral(options.pattern, options.fixedStrings));
  matcher.wordRegexp_ = options.wordRegexp;
  std::string pattern = options.fixedStrings ? RE2::QuoteMeta(options.pattern) : options.pattern;
  RE2::Options checkOptions;
  checkOptions.set_log_errors(false);
  // Checked alone first: wrapped in a group, "a)|(b" would compile into a different regex.
  if (RE2 alone(pattern, checkOptions); !alone.ok()) return unexpected(alone.error());
  // (?m): `^`/`$` at line boundaries. The pattern is grouped so a top-level `|` stays inside.
  matcher.source_ = "(?m)(?:" + pattern + ")";

  RE2::Options re2Options;
  re2Options.set_log_errors(false);
  re2Options.set_never_nl(true);
  re2Options.set_case_sensitive(!matcher.caseInsensitive_);
  re2Options.set_max_mem(256 << 20);  // large alternations of identifiers need room
  matcher.regex_ = std::make_unique<RE2>(matcher.source_, re2Options);
  if (!matcher.regex_->ok()) return unexpected(matcher.regex_->error());
  return matcher;
}

GrepMatcher::GrepMatcher(GrepMatcher&&) noexcept = default;
GrepMatcher& GrepMatcher::operator=(GrepMatcher&&) noexcept = default;
GrepMatcher::~GrepMatcher() = default;

bool GrepMatcher::wordBoundedAt(std::string_view text, const Span& match) const {
  if (match.begin > 0 && isWordByte(static_cast<unsigned char>(text[match.begin - 1]))) {
    return false;
  }
  return match.end >= text.size() || !isWordByte(static_cast<unsigned char>(text[match.end]));
}

bool GrepMatcher::find(std::string_view text, std::size_t from, std::size_t to, Span& match) const {
  re2::StringPiece whole(text.data(), text.size());
  while (from <= to) {
    re2::StringPiece found;
    if (!regex_->Match(whole, from, to, RE2::UNANCHORED, &found, 1)) return false;
    match.begin = static_cast<std::size_t>(found.data() - text.data());
    match.end = match.begin + found.size();
    if (!wordRegexp_ || wordBoundedAt(text, match)) return true;
    // A match glued to a word character: look again one character further on.
    from = match.begin + 1;
    while (from < to && (static_cast<unsigned char>(text[from]) & 0xC0) == 0x80) ++from;
  }
  return false;
}

}  // namespace gloss::indexer
