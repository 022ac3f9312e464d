// The language registry: which grammar (if any) handles a file, by extension or shebang.
#pragma once

#include <string_view>
#include <vector>

struct TSLanguage;

namespace gloss::indexer {

enum class Language { Text, Python, JavaScript, TypeScript, Tsx, C, Cpp, Go, Rust, Java };

struct LanguageInfo {
  Language language;
  std::string_view name;           // stable identifier, also used by `--type` filters
  const TSLanguage* (*grammar)();  // null for plain text
};

const LanguageInfo& languageInfo(Language language);
const std::vector<LanguageInfo>& allLanguages();
Language languageFromName(std::string_view name, bool* found = nullptr);

// Picks the language of a file from its path, falling back to the first line's shebang.
Language detectLanguage(std::string_view path, std::string_view firstLine = {});

// Headers named .h are C unless their text shows C++ (classes, namespaces, templates).
Language refineLanguage(Language detected, std::string_view path, std::string_view text);

// detectLanguage + refineLanguage for a whole file's text.
Language languageOfFile(std::string_view path, std::string_view text);

}  // namespace gloss::indexer
