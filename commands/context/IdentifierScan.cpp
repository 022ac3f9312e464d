// Word-level scans behind the context builder's definitions and callers (IdentifierScan.h).
#include "commands/context/IdentifierScan.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_set>

namespace gloss::commands {
namespace {

// Keywords of the indexed languages plus builtins and names so common that their definition
// would tell a reader nothing: looking them up costs a query and returns noise.
constexpr std::string_view kIgnoredNames[] = {
    // Python
    "and as assert async await break class continue def del elif else except finally for "
    "from global if import in is lambda nonlocal not or pass raise return try while with "
    "yield None True False self cls print len str int float bool list dict set tuple range "
    "enumerate isinstance open super object sorted sum min max zip map filter type repr "
    "iter next kwargs args ",
    // Go
    "case chan const default defer fallthrough func go goto interface package select "
    "struct switch var nil err error string byte rune any make new append cap copy panic "
    "recover uint int64 int32 uint64 uint32 float64 fmt ok ",
    // C and C++
    "auto char double enum extern long register short signed sizeof static typedef union "
    "unsigned void volatile inline namespace using template typename public private "
    "protected virtual override final explicit friend operator this nullptr true false "
    "constexpr noexcept static_cast dynamic_cast reinterpret_cast const_cast decltype "
    "mutable std size_t uint8_t int64_t uint32_t uint64_t int32_t size begin end push_back "
    "emplace_back move vector unique_ptr shared_ptr optional string_view include define "
    "ifdef ifndef endif pragma once ",
    // JavaScript and TypeScript
    "function let typeof instanceof undefined null export extends implements throw catch "
    "of delete readonly number boolean unknown never keyof declare require module exports "
    "console log length push Array Object Promise JSON Map Set then ",
    // Rust and Java
    "fn impl trait pub mod crate use mut ref match loop where Self Some Ok Err Vec String "
    "Option Result Box unwrap clone collect java Override System out println ",
    // Everywhere
    "get value values key keys data result name path line text item items index count "
    "other main test tmp ctx ",
};

// The words of space-separated lists, as a set.
template <std::size_t N>
std::unordered_set<std::string_view> wordSet(const std::string_view (&lists)[N]) {
  std::unordered_set<std::string_view> words;
  for (std::string_view list : lists) {
    for (std::size_t start = 0; start < list.size();) {
      std::size_t end = list.find(' ', start);
      if (end == std::string_view::npos) end = list.size();
      if (end > start) words.insert(list.substr(start, end - start));
      start = end + 1;
    }
  }
  return words;
}

const std::unordered_set<std::string_view>& ignoredNames() {
  static const std::unordered_set<std::string_view> names = wordSet(kIgnoredNames);
  return names;
}

// Words after which a name followed by `(` is a call, not a declaration.
const std::unordered_set<std::string_view>& callContextWords() {
  static const std::unordered_set<std::string_view> words = {
      "return", "else", "await",  "yield",  "new",  "throw",     "case",     "in",
      "of",     "not",  "and",    "or",     "do",   "co_return", "co_await", "typeof",
      "delete", "go",   "defer",  "if",     "elif", "while",     "assert",   "print",
      "lambda", "from", "import", "export", "void", "sizeof"};
  return words;
}

// Words after which the next name is a local variable being introduced.
const std::unordered_set<std::string_view>& localIntroducers() {
  static const std::unordered_set<std::string_view> words = {"let", "var", "auto", "for", "as"};
  return words;
}

bool startsWithComment(std::string_view text, std::size_t lineStart) {
  std::size_t first = lineStart;
  while (first < text.size() && (text[first] == ' ' || text[first] == '\t')) ++first;
  std::string_view rest = text.substr(first);
  if (rest.starts_with("#include") || rest.starts_with("#define")) return false;
  return rest.starts_with("//") || rest.starts_with("#") || rest.starts_with("/*") ||
         rest.starts_with("*") || rest.starts_with("--");
}

std::size_t skipBlanksForward(std::string_view text, std::size_t pos) {
  while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t')) ++pos;
  return pos;
}

// The index one past the last non-blank character before `pos` on the same line.
std::size_t skipBlanksBackward(std::string_view text, std::size_t pos) {
  while (pos > 0 && (text[pos - 1] == ' ' || text[pos - 1] == '\t')) --pos;
  return pos;
}

// The identifier ending at `end` (exclusive), or empty.
std::string_view wordBefore(std::string_view text, std::size_t end) {
  std::size_t start = end;
  while (start > 0 && isIdentifierChar(text[start - 1])) --start;
  return text.substr(start, end - start);
}

bool followsMemberAccess(std::string_view text, std::size_t start) {
  std::size_t before = skipBlanksBackward(text, start);
  if (before >= 1 && text[before - 1] == '.') return true;
  return before >= 2 && text[before - 2] == '-' && text[before - 1] == '>';
}

// `name = ...` (not `==`), `name := ...`, `let name`, `for name in`, `const name: T = ...`.
bool declaresLocal(std::string_view text, std::size_t start, std::size_t end) {
  if (followsMemberAccess(text, start)) return false;
  std::size_t after = skipBlanksForward(text, end);
  char next = after < text.size() ? text[after] : '\0';
  char second = after + 1 < text.size() ? text[after + 1] : '\0';
  if (next == '=' && second != '=' && second != '>') return true;
  if (next == ':' && second == '=') return true;
  std::string_view previous = wordBefore(text, skipBlanksBackward(text, start));
  if (localIntroducers().contains(previous)) return true;
  return previous == "const" && (next == ':' || next == '=');
}

// The last identifier in `piece` (C, C++, Java, untyped JS/Python: the name follows the type),
// or the first one (Go: the name comes first), or the one before a `:` annotation (Python,
// TypeScript, Rust).
std::string_view parameterName(std::string_view piece, bool nameFirst) {
  std::size_t equals = piece.find('=');
  if (equals != std::string_view::npos) piece = piece.substr(0, equals);
  for (std::size_t colon = piece.find(':'); colon != std::string_view::npos;
       colon = piece.find(':', colon + 2)) {
    if (colon + 1 < piece.size() && piece[colon + 1] == ':') continue;
    if (colon > 0 && piece[colon - 1] == ':') continue;
    piece = piece.substr(0, colon);
    nameFirst = false;
    break;
  }
  std::vector<std::string_view> words;
  for (std::size_t pos = 0; pos < piece.size();) {
    if (!isIdentifierChar(piece[pos])) {
      ++pos;
      continue;
    }
    std::size_t start = pos;
    while (pos < piece.size() && isIdentifierChar(piece[pos])) ++pos;
    words.push_back(piece.substr(start, pos - start));
  }
  if (words.empty()) return {};
  return nameFirst ? words.front() : words.back();
}

// The parameter names of the definition of `ownName` in `text`: its first `(...)` after the
// name, split at top-level commas. Parameters are locals: looking them up would find unrelated
// definitions that happen to share the name.
std::vector<std::string_view> parameterNames(std::string_view text, std::string_view ownName) {
  std::vector<std::string_view> names;
  if (ownName.empty()) return names;
  std::size_t at = text.find(ownName);
  while (at != std::string_view::npos) {
    std::size_t open = skipBlanksForward(text, at + ownName.size());
    if (open < text.size() && text[open] == '(') break;
    at = text.find(ownName, at + 1);
  }
  if (at == std::string_view::npos) return names;
  std::size_t lineStart = text.rfind('\n', at);
  lineStart = lineStart == std::string_view::npos ? 0 : lineStart + 1;
  bool goFunc = text.substr(lineStart, at - lineStart).find("func ") != std::string_view::npos;
  std::size_t open = skipBlanksForward(text, at + ownName.size());
  int depth = 0;
  std::size_t pieceStart = open + 1;
  for (std::size_t i = open; i < text.size(); ++i) {
    char c = text[i];
    if (c == '(' || c == '[' || c == '<' || c == '{') ++depth;
    if (c == ')' || c == ']' || c == '>' || c == '}') --depth;
    bool end = depth == 0;
    if ((c == ',' && depth == 1) || end) {
      std::string_view name = parameterName(text.substr(pieceStart, i - pieceStart), goFunc);
      if (!name.empty()) names.push_back(name);
      pieceStart = i + 1;
    }
    if (end) break;
  }
  return names;
}

}  // namespace

bool isIdentifierChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '$';
}

std::vector<IdentifierUse> usedIdentifiers(std::string_view text, std::string_view ownName) {
  std::map<std::string, IdentifierUse, std::less<>> uses;
  std::set<std::string, std::less<>> locals;
  for (std::string_view name : parameterNames(text, ownName)) locals.emplace(name);
  std::size_t pos = 0;
  while (pos < text.size()) {
    if (!isIdentifierChar(text[pos])) {
      ++pos;
      continue;
    }
    std::size_t start = pos;
    while (pos < text.size() && isIdentifierChar(text[pos])) ++pos;
    std::string_view word = text.substr(start, pos - start);
    // A run starting with a digit is a number literal (0x1F, 3u), not a name.
    if (word.size() < 2 || (word[0] >= '0' && word[0] <= '9')) continue;
    if (word == ownName || ignoredNames().contains(word)) continue;
    if (declaresLocal(text, start, pos)) {
      locals.emplace(word);
      continue;
    }
    auto [it, inserted] = uses.try_emplace(std::string(word));
    IdentifierUse& use = it->second;
    bool member = followsMemberAccess(text, start);
    if (inserted) {
      use.name = std::string(word);
      use.asMember = member;
    } else {
      use.asMember = use.asMember && member;
    }
    ++use.count;
  }
  std::vector<IdentifierUse> result;
  for (auto& [name, use] : uses) {
    if (!locals.contains(name)) result.push_back(std::move(use));
  }
  std::stable_sort(
      result.begin(), result.end(),
      [](const IdentifierUse& a, const IdentifierUse& b) { return a.count > b.count; });
  return result;
}

std::vector<Mention> findMentions(std::string_view text, std::string_view name,
                                  std::uint32_t firstLine) {
  std::vector<Mention> mentions;
  if (name.empty()) return mentions;
  std::uint32_t line = firstLine;
  std::size_t lineCountedTo = 0;
  for (std::size_t at = text.find(name); at != std::string_view::npos;
       at = text.find(name, at + 1)) {
    std::size_t end = at + name.size();
    if ((at > 0 && isIdentifierChar(text[at - 1])) ||
        (end < text.size() && isIdentifierChar(text[end]))) {
      continue;
    }
    line += static_cast<std::uint32_t>(
        std::count(text.begin() + static_cast<std::ptrdiff_t>(lineCountedTo),
                   text.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
    lineCountedTo = at;
    Mention mention;
    mention.line = line;
    std::size_t lineStart = text.rfind('\n', at);
    mention.comment =
        startsWithComment(text, lineStart == std::string_view::npos ? 0 : lineStart + 1);
    std::size_t after = skipBlanksForward(text, end);
    mention.call = after < text.size() && text[after] == '(';
    std::size_t before = skipBlanksBackward(text, at);
    bool blankBefore = before < at;
    char previous = before > 0 ? text[before - 1] : '\n';
    if (isIdentifierChar(previous)) {
      std::string_view word = wordBefore(text, before);
      mention.declaration = blankBefore && !callContextWords().contains(word);
    } else if (blankBefore && (previous == '>' || previous == '*' || previous == '&')) {
      mention.declaration = before < 2 || text[before - 2] != '-';  // `Vec<T> name(`, not `->`
    } else if (blankBefore && previous == ')') {
      mention.declaration = mention.call;  // Go: func (s *T) Name(
    }
    mentions.push_back(mention);
  }
  return mentions;
}

}  // namespace gloss::commands
