// Name helpers shared by the skeleton writers (SkeletonParts.h).
#include <cctype>
#include <filesystem>

#include "commands/testgen/SkeletonParts.h"

namespace gloss::commands::testgen {
namespace {

bool isUpper(char c) {
  return std::isupper(static_cast<unsigned char>(c)) != 0;
}
bool isLower(char c) {
  return std::islower(static_cast<unsigned char>(c)) != 0;
}
bool isWordChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
}

}  // namespace

std::string UniqueNames::take(const std::string& wanted) {
  std::string name = wanted;
  for (int n = 2; taken_.contains(name); ++n) name = wanted + std::to_string(n);
  taken_.insert(name);
  return name;
}

std::string camelCase(std::string_view name) {
  std::string camel;
  bool startWord = true;
  for (char c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) {
      startWord = true;
      continue;
    }
    camel += startWord ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    startWord = false;
  }
  return camel;
}

std::string snakeCase(std::string_view name) {
  std::string snake;
  for (std::size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    if (!isWordChar(c)) c = '_';
    // A capital starts a word after a lower-case letter or digit, or before one (HTTPServer).
    bool wordStart = isUpper(c) && i > 0 &&
                     (!isUpper(name[i - 1]) || (i + 1 < name.size() && isLower(name[i + 1])));
    if (wordStart && !snake.empty() && snake.back() != '_') snake += '_';
    snake += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return snake;
}

std::string upperFirst(std::string_view name) {
  std::string text(name);
  if (!text.empty()) text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
  return text;
}

std::string lowerFirst(std::string_view name) {
  std::string text(name);
  if (!text.empty()) text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
  return text;
}

std::string identifierFrom(std::string_view text) {
  std::string identifier;
  for (char c : text) identifier += isWordChar(c) ? c : '_';
  if (identifier.empty() || std::isdigit(static_cast<unsigned char>(identifier[0]))) {
    identifier.insert(identifier.begin(), '_');
  }
  return identifier;
}

std::string escaped(std::string_view text) {
  std::string literal;
  for (char c : text) {
    if (c == '\\' || c == '"') literal += '\\';
    literal += c;
  }
  return literal;
}

std::string relativeTo(const std::string& fromFolder, const std::string& to) {
  return std::filesystem::path(to)
      .lexically_normal()
      .lexically_relative(std::filesystem::path(fromFolder).lexically_normal())
      .generic_string();
}

}  // namespace gloss::commands::testgen
