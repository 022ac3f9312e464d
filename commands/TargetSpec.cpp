#include "commands/TargetSpec.h"

#include <array>
#include <charconv>

namespace gloss::commands {

namespace {

constexpr std::array<std::string_view, 22> kSourceExtensions = {
    ".py",  ".pyi", ".js",  ".jsx", ".mjs", ".cjs", ".ts", ".tsx",  ".c",  ".h",   ".cc",
    ".cpp", ".cxx", ".hpp", ".hh",  ".hxx", ".go",  ".rs", ".java", ".md", ".txt", ".json"};

// A 1-based line number; nullopt unless the whole text is digits and at least 1.
std::optional<std::uint32_t> lineNumber(std::string_view text) {
  std::uint32_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value == 0) return std::nullopt;
  return value - 1;
}

bool hasSourceExtension(std::string_view text) {
  for (std::string_view ext : kSourceExtensions)
    if (text.size() > ext.size() && text.ends_with(ext)) return true;
  return false;
}

// Splits `path:10`, `path:10-20` and `path#L10` (`#L10-L20`) into path and lines.
bool splitLineSuffix(std::string_view text, TargetSpec& out) {
  std::size_t at = text.rfind(':');
  std::string_view range;
  if (at != std::string_view::npos && at > 0 && text[at - 1] != ':') {
    range = text.substr(at + 1);
  } else if ((at = text.rfind("#L")) != std::string_view::npos && at > 0) {
    range = text.substr(at + 2);
  } else {
    return false;
  }
  std::size_t dash = range.find('-');
  auto first = lineNumber(range.substr(0, dash));
  if (!first) return false;
  std::optional<std::uint32_t> last;
  if (dash != std::string_view::npos) {
    std::string_view end = range.substr(dash + 1);
    if (end.starts_with("L")) end.remove_prefix(1);
    last = lineNumber(end);
    if (!last || *last < *first) return false;
  }
  out.path = std::string(text.substr(0, at));
  out.line = first;
  out.endLine = last;
  return true;
}

}  // namespace

TargetSpec parseTargetSpec(std::string_view text,
                           const std::function<bool(const std::string&)>& exists) {
  TargetSpec spec;
  if (splitLineSuffix(text, spec)) return spec;
  std::string word(text);
  if ((exists && exists(word)) || word.find('/') != std::string::npos || hasSourceExtension(word)) {
    spec.path = std::move(word);
  } else {
    spec.symbol = std::move(word);
  }
  return spec;
}

}  // namespace gloss::commands
