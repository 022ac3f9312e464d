// Fuzzes the gitignore matcher (indexer/IgnoreRules, over indexer/Glob) with both the ignore
// file and the paths asked about. Besides not crashing or hanging on backtracking, the compiled
// file must give the verdict of its last matching rule: each line is compiled on its own as a
// reference, so the buckets the matcher sorts rules into (by name, by extension, the rest) can
// never lose or reorder a rule. Reading the file as text and from a list of lines must agree.
//
// Input: the ignore file, a NUL byte, then paths one per line; a path ending in '/' is asked
// about as a directory (without the slash).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "indexer/IgnoreRules.h"

namespace {

using gloss::indexer::IgnoreMatch;
using gloss::indexer::IgnoreRules;

// A reference check per rule is quadratic; this keeps every input fast.
constexpr std::size_t kMaxLines = 64;
constexpr std::size_t kMaxPaths = 32;

std::vector<std::string> splitLines(std::string_view text) {
  std::vector<std::string> lines;
  while (!text.empty()) {
    std::size_t newline = text.find('\n');
    std::string_view line = text.substr(0, newline);
    if (line.ends_with('\r')) line.remove_suffix(1);
    lines.emplace_back(line);
    text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
  }
  return lines;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::size_t nul = input.find('\0');
  if (nul == std::string_view::npos) return 0;
  std::string_view fileText = input.substr(0, nul);
  if (fileText.starts_with("\xEF\xBB\xBF")) return 0;  // the BOM is parse()'s alone
  std::vector<std::string> lines = splitLines(fileText);
  std::vector<std::string> paths = splitLines(input.substr(nul + 1));
  if (lines.size() > kMaxLines || paths.size() > kMaxPaths) return 0;

  IgnoreRules rules = IgnoreRules::parse(fileText, ".gitignore");
  IgnoreRules fromList = IgnoreRules::fromPatterns(lines, ".gitignore");
  if (rules.size() != fromList.size()) __builtin_trap();
  std::vector<IgnoreRules> single;
  for (const std::string& line : lines) single.push_back(IgnoreRules::fromPatterns({line}, "one"));

  for (std::string_view path : paths) {
    bool isDirectory = path.ends_with('/');
    if (isDirectory) path.remove_suffix(1);
    IgnoreMatch verdict = rules.match(path, isDirectory);
    if (verdict != fromList.match(path, isDirectory)) __builtin_trap();
    IgnoreMatch reference = IgnoreMatch::NoMatch;
    for (const IgnoreRules& rule : single) {
      if (IgnoreMatch one = rule.match(path, isDirectory); one != IgnoreMatch::NoMatch)
        reference = one;
    }
    if (verdict != reference) __builtin_trap();
  }
  return 0;
}
