#include "indexer/Language.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

extern "C" {
const TSLanguage* tree_sitter_c();
const TSLanguage* tree_sitter_cpp();
const TSLanguage* tree_sitter_go();
const TSLanguage* tree_sitter_java();
const TSLanguage* tree_sitter_javascript();
const TSLanguage* tree_sitter_python();
const TSLanguage* tree_sitter_rust();
const TSLanguage* tree_sitter_typescript();
const TSLanguage* tree_sitter_tsx();
}

namespace gloss::indexer {
namespace {

struct ExtensionRule {
  std::string_view extension;
  Language language;
};

constexpr std::array kExtensions = {
    ExtensionRule{".py", Language::Python},
    ExtensionRule{".pyi", Language::Python},
    ExtensionRule{".js", Language::JavaScript},
    ExtensionRule{".mjs", Language::JavaScript},
    ExtensionRule{".cjs", Language::JavaScript},
    ExtensionRule{".jsx", Language::JavaScript},
    ExtensionRule{".ts", Language::TypeScript},
    ExtensionRule{".mts", Language::TypeScript},
    ExtensionRule{".cts", Language::TypeScript},
    ExtensionRule{".tsx", Language::Tsx},
    ExtensionRule{".c", Language::C},
    ExtensionRule{".h", Language::C},
    ExtensionRule{".cc", Language::Cpp},
    ExtensionRule{".cpp", Language::Cpp},
    ExtensionRule{".cxx", Language::Cpp},
    ExtensionRule{".c++", Language::Cpp},
    ExtensionRule{".hh", Language::Cpp},
    ExtensionRule{".hpp", Language::Cpp},
    ExtensionRule{".hxx", Language::Cpp},
    ExtensionRule{".ipp", Language::Cpp},
    ExtensionRule{".go", Language::Go},
    ExtensionRule{".rs", Language::Rust},
    ExtensionRule{".java", Language::Java},
};

struct ShebangRule {
  std::string_view interpreter;
  Language language;
};
constexpr std::array kShebangs = {
    ShebangRule{"python", Language::Python},
    ShebangRule{"node", Language::JavaScript},
    ShebangRule{"deno", Language::TypeScript},
    ShebangRule{"ts-node", Language::TypeScript},
};

}  // namespace

const std::vector<LanguageInfo>& allLanguages() {
  static const std::vector<LanguageInfo> table = {
      {Language::Text, "text", nullptr},
      {Language::Python, "python", tree_sitter_python},
      {Language::JavaScript, "javascript", tree_sitter_javascript},
      {Language::TypeScript, "typescript", tree_sitter_typescript},
      {Language::Tsx, "tsx", tree_sitter_tsx},
      {Language::C, "c", tree_sitter_c},
      {Language::Cpp, "cpp", tree_sitter_cpp},
      {Language::Go, "go", tree_sitter_go},
      {Language::Rust, "rust", tree_sitter_rust},
      {Language::Java, "java", tree_sitter_java},
  };
  return table;
}

const LanguageInfo& languageInfo(Language language) {
  return allLanguages()[static_cast<std::size_t>(language)];
}

Language languageFromName(std::string_view name, bool* found) {
  for (const LanguageInfo& info : allLanguages()) {
    if (info.name == name) {
      if (found) *found = true;
      return info.language;
    }
  }
  if (found) *found = false;
  return Language::Text;
}

Language detectLanguage(std::string_view path, std::string_view firstLine) {
  std::size_t slash = path.find_last_of('/');
  std::string_view base = slash == std::string_view::npos ? path : path.substr(slash + 1);
  std::size_t dot = base.find_last_of('.');
  if (dot != std::string_view::npos && dot > 0) {
    std::string ext(base.substr(dot));
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    for (const ExtensionRule& rule : kExtensions) {
      if (rule.extension == ext) return rule.language;
    }
    return Language::Text;
  }
  if (firstLine.substr(0, 2) == "#!") {
    for (const ShebangRule& rule : kShebangs) {
      if (firstLine.find(rule.interpreter) != std::string_view::npos) return rule.language;
    }
  }
  return Language::Text;
}

Language refineLanguage(Language detected, std::string_view path, std::string_view text) {
  if (detected != Language::C || path.size() < 2 || path.substr(path.size() - 2) != ".h") {
    return detected;
  }
  std::string_view head = text.substr(0, 64 * 1024);
  for (std::string_view marker : {"namespace ", "class ", "template <", "template<",
                                  "public:", "#include <string>", "#include <vector>", "std::"}) {
    if (head.find(marker) != std::string_view::npos) return Language::Cpp;
  }
  return detected;
}

Language languageOfFile(std::string_view path, std::string_view text) {
  std::string_view first = text.substr(0, std::min(text.find('\n'), std::size_t{256}));
  return refineLanguage(detectLanguage(path, first), path, text);
}

}  // namespace gloss::indexer
