// Recognizes file and symbol mentions in chat text. The rules lean towards missing a mention
// rather than inventing one: a false file reference makes the chat report a file that does not
// exist, while a missed one only costs the user a more explicit spelling (`src/utils/`).
#include "commands/chat/ReferenceSyntax.h"

#include <array>
#include <charconv>
#include <utility>

namespace gloss::commands::chat {
namespace {

struct ExtensionLanguage {
  std::string_view extension;
  std::string_view language;
};

constexpr std::array<ExtensionLanguage, 24> kKnownExtensions{{
    {"py", "python"}, {"js", "javascript"},  {"jsx", "jsx"},        {"ts", "typescript"},
    {"tsx", "tsx"},   {"mjs", "javascript"}, {"cjs", "javascript"}, {"c", "c"},
    {"h", "c"},       {"cc", "cpp"},         {"cpp", "cpp"},        {"cxx", "cpp"},
    {"hpp", "cpp"},   {"hh", "cpp"},         {"go", "go"},          {"rs", "rust"},
    {"java", "java"}, {"md", "markdown"},    {"json", "json"},      {"toml", "toml"},
    {"yaml", "yaml"}, {"yml", "yaml"},       {"txt", "text"},       {"cmake", "cmake"},
}};

// A slash-separated word whose first part is a web host is a URL without its scheme.
constexpr std::array<std::string_view, 12> kWebDomains{
    ".com", ".org", ".net", ".io", ".dev", ".edu", ".gov", ".ai", ".app", ".co", ".uk", ".de"};

bool isAsciiLetter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool isDigit(char c) {
  return c >= '0' && c <= '9';
}
bool isSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool isPathByte(char c) {
  if (isAsciiLetter(c) || isDigit(c)) return true;
  if (static_cast<unsigned char>(c) >= 0x80) return true;  // non-ASCII file names
  switch (c) {
    case '_':
    case '-':
    case '.':
    case '/':
    case '~':
    case '@':
    case '+':
    case '\\':
      return true;
    default:
      return false;
  }
}

std::string_view baseName(std::string_view path) {
  std::size_t slash = path.find_last_of("/\\");
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

const ExtensionLanguage* knownExtension(std::string_view path) {
  std::string_view base = baseName(path);
  std::size_t dot = base.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 == base.size()) return nullptr;
  std::string extension = asciiLower(base.substr(dot + 1));
  for (const ExtensionLanguage& known : kKnownExtensions)
    if (known.extension == extension) return &known;
  return nullptr;
}

std::optional<std::uint32_t> parseLineNumber(std::string_view digits) {
  std::uint32_t value = 0;
  auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (error != std::errc() || end != digits.data() + digits.size() || value == 0)
    return std::nullopt;
  return value;
}

std::size_t digitRun(std::string_view text, std::size_t from) {
  std::size_t end = from;
  while (end < text.size() && isDigit(text[end])) ++end;
  return end - from;
}

void setRange(FileMention& mention, std::optional<std::uint32_t> line,
              std::optional<std::uint32_t> endLine) {
  mention.line = line;
  if (!line || !endLine) return;
  mention.endLine = endLine;
  if (*mention.endLine < *mention.line) std::swap(*mention.line, *mention.endLine);
}

// `L10`, `L10-L20` or `L10-20` after '#'; false when the anchor is something else.
bool parseAnchorRange(std::string_view anchor, FileMention& mention) {
  if (anchor.size() < 2 || anchor[0] != 'L') return false;
  std::size_t first = digitRun(anchor, 1);
  if (first == 0) return false;
  std::optional<std::uint32_t> line = parseLineNumber(anchor.substr(1, first));
  std::size_t pos = 1 + first;
  if (pos == anchor.size()) {
    setRange(mention, line, std::nullopt);
    return true;
  }
  if (anchor[pos] != '-') return false;
  ++pos;
  if (pos < anchor.size() && anchor[pos] == 'L') ++pos;
  std::size_t second = digitRun(anchor, pos);
  if (second == 0 || pos + second != anchor.size()) return false;
  setRange(mention, line, parseLineNumber(anchor.substr(pos, second)));
  return true;
}

// `42`, `10-20` or `42:7` after ':' (a column is accepted and ignored).
bool parseColonRange(std::string_view suffix, FileMention& mention) {
  std::size_t first = digitRun(suffix, 0);
  if (first == 0) return false;
  std::optional<std::uint32_t> line = parseLineNumber(suffix.substr(0, first));
  std::size_t pos = first;
  std::optional<std::uint32_t> endLine;
  if (pos < suffix.size() && suffix[pos] == '-') {
    std::size_t second = digitRun(suffix, pos + 1);
    if (second == 0) return false;
    endLine = parseLineNumber(suffix.substr(pos + 1, second));
    pos += 1 + second;
  } else if (pos < suffix.size() && suffix[pos] == ':') {
    std::size_t column = digitRun(suffix, pos + 1);
    if (column == 0) return false;
    pos += 1 + column;
  }
  if (pos != suffix.size()) return false;
  setRange(mention, line, endLine);
  return true;
}

// Splits `word` into path and line suffix; the path is everything when there is no suffix.
FileMention splitLineSuffix(std::string_view word) {
  FileMention mention{word, std::nullopt, std::nullopt};
  if (std::size_t hash = word.find('#'); hash != std::string_view::npos) {
    mention.path = word.substr(0, hash);  // other anchors (README.md#install) still name the file
    parseAnchorRange(word.substr(hash + 1), mention);
    return mention;
  }
  for (std::size_t colon = word.find(':'); colon != std::string_view::npos;
       colon = word.find(':', colon + 1)) {
    if (parseColonRange(word.substr(colon + 1), mention)) {
      mention.path = word.substr(0, colon);
      return mention;
    }
  }
  return mention;
}

bool hasOnlyPathBytes(std::string_view path) {
  bool letter = false;
  for (std::size_t i = 0; i < path.size(); ++i) {
    char c = path[i];
    letter = letter || isAsciiLetter(c) || static_cast<unsigned char>(c) >= 0x80;
    bool driveColon = c == ':' && i == 1 && isAsciiLetter(path[0]);
    if (!isPathByte(c) && !driveColon) return false;
  }
  return letter;
}

bool isAllLetters(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text)
    if (!isAsciiLetter(c)) return false;
  return true;
}

bool startsWithWebHost(std::string_view path) {
  std::size_t slash = path.find('/');
  if (slash == std::string_view::npos) return false;
  std::string first = asciiLower(path.substr(0, slash));
  for (std::string_view domain : kWebDomains)
    if (first.size() > domain.size() && first.ends_with(domain)) return true;
  return false;
}

// A word with a slash but no known extension: a path only when its shape says so.
bool slashWordIsPath(std::string_view path, bool hasLine) {
  if (hasLine || path.ends_with('/')) return true;
  if (path.starts_with("./") || path.starts_with("../") || path.starts_with("~/")) return true;
  std::string_view rest = path.front() == '/' ? path.substr(1) : path;
  std::size_t slash = rest.find('/');
  if (slash == std::string_view::npos) return false;  // "/etc", "/explain": one bare name
  bool twoWords = rest.find('/', slash + 1) == std::string_view::npos;
  bool prose = path.front() != '/' && twoWords && isAllLetters(rest.substr(0, slash)) &&
               isAllLetters(rest.substr(slash + 1));
  return !prose;  // "and/or", "client/server"
}

bool isIdentifierStart(char c) {
  return isAsciiLetter(c) || c == '_' || c == '$';
}
bool isIdentifierByte(char c) {
  return isIdentifierStart(c) || isDigit(c);
}

}  // namespace

std::string asciiLower(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool isBlank(std::string_view text) {
  for (char c : text)
    if (!isSpace(c)) return false;
  return true;
}

std::string_view trimWhitespace(std::string_view text) {
  while (!text.empty() && isSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && isSpace(text.back())) text.remove_suffix(1);
  return text;
}

std::string_view stripSurroundingPunctuation(std::string_view word) {
  if (std::size_t link = word.find("]("); link != std::string_view::npos)
    word = word.substr(link + 2);
  constexpr std::string_view kLeading = "\"'([{<*`";
  constexpr std::string_view kTrailing = "\"')]}>.,:;!?*`";
  while (!word.empty() && kLeading.find(word.front()) != std::string_view::npos)
    word.remove_prefix(1);
  while (!word.empty() && kTrailing.find(word.back()) != std::string_view::npos)
    word.remove_suffix(1);
  return word;
}

std::optional<FileMention> parseFileMention(std::string_view word) {
  if (word.empty() || word.find("://") != std::string_view::npos || word.starts_with("www."))
    return std::nullopt;
  FileMention mention = splitLineSuffix(word);
  std::string_view path = mention.path;
  if (path.empty() || !hasOnlyPathBytes(path) || startsWithWebHost(path)) return std::nullopt;
  bool hasLine = mention.line.has_value();
  if (knownExtension(path) != nullptr) return mention;
  if (path.find('/') != std::string_view::npos && slashWordIsPath(path, hasLine)) return mention;
  return std::nullopt;
}

std::string_view languageForPath(std::string_view path) {
  if (baseName(path) == "CMakeLists.txt") return "cmake";
  const ExtensionLanguage* known = knownExtension(path);
  return known == nullptr ? std::string_view() : known->language;
}

std::optional<std::string_view> parseSymbolMention(std::string_view span) {
  span = trimWhitespace(span);
  std::string_view name = span.ends_with("()") ? span.substr(0, span.size() - 2) : span;
  std::size_t pos = 0;
  while (true) {
    if (pos >= name.size() || !isIdentifierStart(name[pos])) return std::nullopt;
    while (pos < name.size() && isIdentifierByte(name[pos])) ++pos;
    if (pos == name.size()) return name;
    std::string_view rest = name.substr(pos);
    if (rest.starts_with("::") || rest.starts_with("->")) {
      pos += 2;
    } else if (rest.front() == '.' || rest.front() == '#') {
      pos += 1;
    } else {
      return std::nullopt;
    }
  }
}

}  // namespace gloss::commands::chat
