// Reads member functions and their access out of a C++ class body (CppMembers.h): a single
// pass over the body's top level that skips comments, literals and nested braces.
#include "commands/testgen/CppMembers.h"

#include <cctype>

#include "commands/testgen/LanguagePaths.h"

namespace gloss::commands::testgen {
namespace {

bool isWordChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

std::string trimmed(std::string_view text) {
  std::size_t start = text.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return {};
  return std::string(text.substr(start, text.find_last_not_of(" \t\r\n") - start + 1));
}

// Past a comment or literal starting at `at`; `at` itself when there is none.
std::size_t skipTrivia(std::string_view text, std::size_t at) {
  if (text.substr(at, 2) == "//") {
    std::size_t end = text.find('\n', at);
    return end == std::string_view::npos ? text.size() : end;
  }
  if (text.substr(at, 2) == "/*") {
    std::size_t end = text.find("*/", at + 2);
    return end == std::string_view::npos ? text.size() : end + 2;
  }
  if (text[at] == '"' || text[at] == '\'') {
    char quote = text[at];
    for (std::size_t i = at + 1; i < text.size(); ++i) {
      if (text[i] == '\\')
        ++i;
      else if (text[i] == quote)
        return i + 1;
    }
    return text.size();
  }
  return at;
}

// The member function a top-level statement of the body declares, if any.
std::optional<std::string> memberFunctionName(const std::string& statement,
                                              std::string_view className) {
  for (std::string_view skipped :
       {"using ", "friend ", "typedef ", "static_assert", "enum ", "class ", "struct ", "union "}) {
    if (statement.starts_with(skipped)) return std::nullopt;
  }
  std::size_t paren = statement.find('(');
  if (paren == std::string::npos || statement.substr(0, paren).find('=') != std::string::npos) {
    return std::nullopt;
  }
  std::size_t end = paren;
  while (end > 0 && std::isspace(static_cast<unsigned char>(statement[end - 1]))) --end;
  std::size_t start = end;
  while (start > 0 && isWordChar(statement[start - 1])) --start;
  std::string name = statement.substr(start, end - start);
  std::size_t after = statement.find_first_not_of(" \t\r\n", paren + 1);
  bool pointerField =
      after != std::string::npos && (statement[after] == '*' || statement[after] == '&');
  bool destructor = start > 0 && statement[start - 1] == '~';
  bool operatorName = statement.substr(0, end).find("operator") != std::string::npos;
  if (!isIdentifier(name) || name == className || destructor || operatorName || pointerField) {
    return std::nullopt;
  }
  return name;
}

struct Body {
  std::size_t open;  // the '{'
  bool isStruct;
};

std::optional<Body> findBody(std::string_view text, std::string_view className, std::size_t from,
                             std::size_t to) {
  for (std::string_view keyword : {"class", "struct"}) {
    for (std::size_t at = text.find(keyword, from); at != std::string_view::npos && at < to;
         at = text.find(keyword, at + 1)) {
      std::size_t after = at + keyword.size();
      if ((at > 0 && isWordChar(text[at - 1])) || after >= text.size() ||
          !std::isspace(static_cast<unsigned char>(text[after]))) {
        continue;
      }
      std::size_t stop = text.find_first_of("{;(", after);
      if (stop == std::string_view::npos || text[stop] != '{') continue;
      // The head may hold attributes, export macros, `final` and base classes.
      std::string_view head = text.substr(after, stop - after);
      std::size_t colon = head.find(':');
      while (colon != std::string_view::npos && colon + 1 < head.size() && head[colon + 1] == ':') {
        colon = head.find(':', colon + 2);
      }
      std::string_view declared = head.substr(0, colon);
      std::size_t name = declared.rfind(className);
      bool whole = name != std::string_view::npos &&
                   (name == 0 || !isWordChar(declared[name - 1])) &&
                   (name + className.size() == declared.size() ||
                    !isWordChar(declared[name + className.size()]));
      if (whole) return Body{stop, keyword == "struct"};
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::vector<CppMember>> cppClassMembers(std::string_view text,
                                                      std::string_view className, std::size_t from,
                                                      std::size_t to) {
  auto body = findBody(text, className, from, to);
  if (!body) return std::nullopt;
  std::vector<CppMember> members;
  bool isPublic = body->isStruct;
  std::size_t statementStart = body->open + 1;
  int depth = 1;
  for (std::size_t i = body->open + 1; i < text.size() && depth > 0;) {
    if (std::size_t past = skipTrivia(text, i); past != i) {
      if (depth == 1 && trimmed(text.substr(statementStart, i - statementStart)).empty()) {
        statementStart = past;
      }
      i = past;
      continue;
    }
    char c = text[i];
    bool boundary = depth == 1 && (c == ':' || c == ';' || c == '{');
    std::string statement =
        boundary ? trimmed(text.substr(statementStart, i - statementStart)) : std::string();
    if (boundary && c == ':' &&
        (statement == "public" || statement == "private" || statement == "protected")) {
      isPublic = statement == "public";
      statementStart = i + 1;
    } else if (boundary && c != ':') {
      if (auto name = memberFunctionName(statement, className)) {
        std::size_t offset = text.find_first_not_of(" \t\r\n", statementStart);
        members.push_back({*name, isPublic, offset});
      }
      statementStart = i + 1;
    }
    if (c == '{') ++depth;
    if (c == '}' && --depth == 1) statementStart = i + 1;
    ++i;
  }
  return members;
}

}  // namespace gloss::commands::testgen
