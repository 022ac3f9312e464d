#include "indexer/grep/GrepMatcher.h"

#include <re2/re2.h>

#include <cstring>

namespace gloss::indexer {
namespace {

// Unicode's word characters (UTS #18), as ripgrep's \w has them; RE2's own \w is ASCII only.
constexpr const char* kWordChars = "\\p{L}\\p{M}\\p{Nd}\\p{Nl}\\p{Pc}";
constexpr const char* kSpaceChars = "\\t\\n\\x0B\\f\\r\\x{85}\\p{Z}";

// Characters with a meaning in RE2's syntax; a pattern without any of them is a literal.
constexpr const char* kRegexSyntax = "\\.+*?()|[]{}^$";

bool isAsciiWord(unsigned char c) {
  return c == '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
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

// Replaces the Perl classes \w \W \d \D \s \S with their Unicode forms, inside and outside
// bracket classes (a negated one inside brackets has no Unicode form and is left as it is).
std::string unicodePerlClasses(std::string_view pattern) {
  std::string out;
  bool inClass = false;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (c == '\\' && i + 1 < pattern.size()) {
      char e = pattern[++i];
      if (e == 'Q') {  // \Q...\E is literal text
        auto end = pattern.find("\\E", i + 1);
        std::size_t stop = end == std::string_view::npos ? pattern.size() : end + 2;
        out.append(pattern.substr(i - 1, stop - (i - 1)));
        i = stop - 1;
        continue;
      }
      std::string w = kWordChars, sp = kSpaceChars;
      if (e == 'w')
        out += inClass ? w : "[" + w + "]";
      else if (e == 'd')
        out += "\\p{Nd}";
      else if (e == 'D')
        out += "\\P{Nd}";
      else if (e == 's')
        out += inClass ? sp : "[" + sp + "]";
      else if (e == 'W' && !inClass)
        out += "[^" + w + "]";
      else if (e == 'S' && !inClass)
        out += "[^" + sp + "]";
      else
        out += {c, e};
      continue;
    }
    out += c;
    if (!inClass && c == '[') {
      inClass = true;
      // A ']' first in the class (after an optional '^') is a literal.
      if (i + 1 < pattern.size() && pattern[i + 1] == '^') out += pattern[++i];
      if (i + 1 < pattern.size() && pattern[i + 1] == ']') out += pattern[++i];
    } else if (inClass && c == '[' && i + 1 < pattern.size() && pattern[i + 1] == ':') {
      auto end = pattern.find(":]", i + 2);  // [:alpha:] inside a class
      if (end != std::string_view::npos) {
        out.append(pattern.substr(i + 1, end + 2 - (i + 1)));
        i = end + 1;
      }
    } else if (inClass && c == ']') {
      inClass = false;
    }
  }
  return out;
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
  std::string pattern =
      options.fixedStrings ? RE2::QuoteMeta(options.pattern) : unicodePerlClasses(options.pattern);
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
  if (!matcher.caseInsensitive_ && !options.pattern.empty() &&
      (options.fixedStrings || options.pattern.find_first_of(kRegexSyntax) == std::string::npos)) {
    matcher.literal_ = options.pattern;
  }
  if (matcher.wordRegexp_) {
    matcher.wordChar_ = std::make_unique<RE2>(std::string("[") + kWordChars + "]");
  }
  return matcher;
}

GrepMatcher::GrepMatcher(GrepMatcher&&) noexcept = default;
GrepMatcher& GrepMatcher::operator=(GrepMatcher&&) noexcept = default;
GrepMatcher::~GrepMatcher() = default;

bool GrepMatcher::isWordCharAt(std::string_view text, std::size_t begin, std::size_t end) const {
  if (end - begin == 1) return isAsciiWord(static_cast<unsigned char>(text[begin]));
  return RE2::FullMatch(re2::StringPiece(text.data() + begin, end - begin), *wordChar_);
}

bool GrepMatcher::wordBoundedAt(std::string_view text, const Span& match) const {
  auto continuation = [&](std::size_t i) {
    return (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80;
  };
  if (match.begin > 0) {
    std::size_t start = match.begin - 1;
    while (start > 0 && match.begin - start < 4 && continuation(start)) --start;
    if (isWordCharAt(text, start, match.begin)) return false;
  }
  if (match.end < text.size()) {
    std::size_t stop = match.end + 1;
    while (stop < text.size() && stop - match.end < 4 && continuation(stop)) ++stop;
    if (isWordCharAt(text, match.end, stop)) return false;
  }
  return true;
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
