#include "indexer/grep/FileTypes.h"

namespace gloss::indexer {

const std::vector<FileType>& fileTypes() {
  static const std::vector<FileType> types = {
      {"c", {"*.[chH]", "*.[chH].in", "*.cats"}},
      {"cmake", {"*.cmake", "CMakeLists.txt"}},
      {"cpp",
       {"*.[ChH]", "*.cc", "*.[ch]pp", "*.[ch]xx", "*.hh", "*.inl", "*.[ChH].in", "*.cc.in",
        "*.[ch]pp.in", "*.[ch]xx.in", "*.hh.in"}},
      {"cs", {"*.cs"}},
      {"css", {"*.css", "*.scss"}},
      {"go", {"*.go"}},
      {"html", {"*.htm", "*.html", "*.ejs"}},
      {"java", {"*.java", "*.jsp", "*.jspx", "*.properties"}},
      {"js", {"*.js", "*.jsx", "*.vue", "*.cjs", "*.mjs"}},
      {"json", {"*.json", "composer.lock"}},
      {"kotlin", {"*.kt", "*.kts"}},
      {"lua", {"*.lua"}},
      {"make",
       {"[Gg][Nn][Uu]makefile", "[Mm]akefile", "[Gg][Nn][Uu]makefile.am", "[Mm]akefile.am",
        "[Gg][Nn][Uu]makefile.in", "[Mm]akefile.in", "*.mk", "*.mak"}},
      {"markdown", {"*.markdown", "*.md", "*.mdown", "*.mdwn", "*.mkd", "*.mkdn", "*.mdx"}},
      {"md", {"*.markdown", "*.md", "*.mdown", "*.mdwn", "*.mkd", "*.mkdn", "*.mdx"}},
      {"php", {"*.php", "*.php3", "*.php4", "*.php5", "*.phtml"}},
      {"py", {"*.py", "*.pyi"}},
      {"rst", {"*.rst"}},
      {"ruby", {"Gemfile", "*.gemspec", ".irbrc", "Rakefile", "*.rb"}},
      {"rust", {"*.rs"}},
      {"sh",
       {"*.bash", ".bashrc", ".bash_profile", ".bash_login", ".bash_logout", "*.sh", ".profile",
        "*.zsh", ".zshrc", ".zshenv", ".zprofile"}},
      {"sql", {"*.sql", "*.psql"}},
      {"swift", {"*.swift"}},
      {"toml", {"*.toml", "Cargo.lock"}},
      {"ts", {"*.ts", "*.tsx", "*.cts", "*.mts"}},
      {"txt", {"*.txt"}},
      {"xml",
       {"*.xml", "*.xml.dist", "*.dtd", "*.xsl", "*.xslt", "*.xsd", "*.xjb", "*.rng", "*.sch",
        "*.xhtml"}},
      {"yaml", {"*.yaml", "*.yml"}},
  };
  return types;
}

const FileType* findFileType(std::string_view name) {
  for (const auto& type : fileTypes()) {
    if (type.name == name) return &type;
  }
  return nullptr;
}

}  // namespace gloss::indexer
