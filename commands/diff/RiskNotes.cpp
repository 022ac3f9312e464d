#include "commands/diff/RiskNotes.h"

#include <algorithm>
#include <set>

#include "commands/DocComments.h"

namespace gloss::commands::diff {

namespace {

using commands::trim;

std::string_view baseName(std::string_view path) {
  std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

bool startsWithWord(std::string_view text, std::string_view word) {
  return text.starts_with(word) && (text.size() == word.size() ||
                                    std::isspace(static_cast<unsigned char>(text[word.size()])));
}

// The first quoted string on the line ("name": ... → name).
std::string quoted(std::string_view line) {
  std::size_t open = line.find_first_of("\"'");
  if (open == std::string_view::npos) return "";
  std::size_t close = line.find(line[open], open + 1);
  if (close == std::string_view::npos) return "";
  return std::string(line.substr(open + 1, close - open - 1));
}

std::string leadingName(std::string_view line, std::string_view stops) {
  return std::string(line.substr(0, line.find_first_of(stops)));
}

// The dependency a manifest line names, or "" when the line names none; `section` is what
// sectionAt found above it.
std::string dependencyName(std::string_view manifest, std::string_view raw,
                           std::string_view section) {
  std::string_view line = trim(raw);
  if (line.empty() || line.starts_with('#') || line.starts_with("//")) return "";
  if (manifest.starts_with("requirements") || manifest == "constraints.txt") {
    if (line.starts_with('-')) return "";
    return leadingName(line, "=<>!~[; @");
  }
  if (manifest == "go.mod") {
    if (line.starts_with("require ")) line = trim(line.substr(8));
    if (section != "require" && !raw.starts_with("require ")) return "";
    if (line.starts_with('(') || line.starts_with(')')) return "";
    return leadingName(line, " \t");
  }
  if (manifest == "package.json") {
    if (section.find("ependencies") == std::string_view::npos || line.ends_with('{')) return "";
    std::size_t colon = line.find(':');
    return colon == std::string_view::npos ? "" : quoted(line.substr(0, colon));
  }
  if (manifest == "Cargo.toml" || manifest == "pyproject.toml" || manifest == "Pipfile") {
    bool depSection = section.find("dependencies") != std::string_view::npos ||
                      section.find("packages") != std::string_view::npos ||
                      section.find("requires") != std::string_view::npos;
    if (!depSection || line.starts_with('[')) return "";
    if (line.starts_with('"') || line.starts_with('\''))
      return leadingName(quoted(line), "=<>!~[; @");
    if (line.find('=') == std::string_view::npos) return "";
    return std::string(trim(line.substr(0, line.find('='))));
  }
  if (manifest == "CMakeLists.txt" || manifest.ends_with(".cmake")) {
    for (std::string_view call : {"find_package(", "FetchContent_Declare(", "pkg_check_modules("})
      if (line.starts_with(call)) return leadingName(trim(line.substr(call.size())), " )");
    return "";
  }
  if (manifest == "pom.xml") {
    if (!line.starts_with("<artifactId>") || section != "dependency") return "";
    return leadingName(line.substr(12), "<");
  }
  if (manifest.starts_with("build.gradle")) {
    for (std::string_view word : {"implementation", "api", "compileOnly", "runtimeOnly"})
      if (line.starts_with(word) && line.find_first_of("\"'") != std::string_view::npos)
        return quoted(line);
    return "";
  }
  if (manifest == "Gemfile") return startsWithWord(line, "gem") ? quoted(line) : "";
  return "";
}

bool isManifest(std::string_view name) {
  static const std::set<std::string_view> names{"package.json",   "go.mod",  "Cargo.toml",
                                                "pyproject.toml", "Pipfile", "CMakeLists.txt",
                                                "pom.xml",        "Gemfile", "constraints.txt"};
  return names.count(name) || (name.starts_with("requirements") && name.ends_with(".txt")) ||
         name.starts_with("build.gradle");
}

// The section header a manifest line is under: the nearest `[table]`, `"key": {`, `require (`
// or `<tag>` above it in the new text (reconstructed from the hunk, which holds context lines).
std::string sectionAt(const std::vector<std::string_view>& hunkLines, std::size_t index) {
  for (std::size_t i = index + 1; i-- > 0;) {
    std::string_view line = trim(hunkLines[i].empty() ? hunkLines[i] : hunkLines[i].substr(1));
    if (hunkLines[i].starts_with('-')) continue;
    if (line.starts_with('[') && line.ends_with(']')) return std::string(line);
    if (line.ends_with('{') && line.find(':') != std::string_view::npos)
      return quoted(line.substr(0, line.find(':')));
    if (line.starts_with("require (") || line == "require (") return "require";
    if (line.starts_with("<dependency>")) return "dependency";
    if (line == "</dependency>" && i != index) return "";
    if (line.ends_with("= [")) return std::string(trim(line.substr(0, line.find('='))));
  }
  return "";
}

std::vector<std::string_view> hunkLines(const std::string& text) {
  std::vector<std::string_view> lines;
  std::string_view rest = text;
  while (!rest.empty()) {
    std::size_t end = rest.find('\n');
    lines.push_back(rest.substr(0, end));
    rest.remove_prefix(end == std::string_view::npos ? rest.size() : end + 1);
  }
  return lines;
}

void dependencyNotes(const FileChange& file, std::vector<RiskNote>& notes) {
  std::string_view manifest = baseName(file.diff.newPath);
  if (file.diff.newPath.empty() || !isManifest(manifest)) return;
  std::set<std::string> removedNames, seen;
  std::vector<std::pair<std::string, std::string>> added;  // name, line
  for (const DiffHunk& hunk : file.diff.hunks) {
    std::vector<std::string_view> lines = hunkLines(hunk.text);
    for (std::size_t i = 1; i < lines.size(); ++i) {
      if (lines[i].empty() || (lines[i][0] != '+' && lines[i][0] != '-')) continue;
      std::string section = sectionAt(lines, i);
      std::string name = dependencyName(manifest, lines[i].substr(1), section);
      if (name.empty()) continue;
      if (lines[i][0] == '-')
        removedNames.insert(name);
      else
        added.emplace_back(name, std::string(trim(lines[i].substr(1))));
    }
  }
  for (const auto& [name, line] : added) {
    // A changed version is not a new dependency.
    if (removedNames.count(name) || !seen.insert(name).second) continue;
    notes.push_back({RiskNote::Kind::NewDependency, file.diff.newPath, name, line});
  }
}

}  // namespace

const char* toString(RiskNote::Kind kind) {
  switch (kind) {
    case RiskNote::Kind::PublicApi:
      return "publicApi";
    case RiskNote::Kind::DeletedTest:
      return "deletedTest";
    case RiskNote::Kind::NewDependency:
      return "newDependency";
  }
  return "publicApi";
}

bool isPublicDefinition(std::string_view language, std::string_view path,
                        std::string_view qualifiedName, std::string_view signature) {
  std::string_view name = qualifiedName.substr(qualifiedName.find_last_of(".:") + 1);
  if (name.empty()) return false;
  if (language == "python") {
    std::size_t start = 0;
    while (start < qualifiedName.size()) {  // every part: _Private.method is private too
      std::string_view part = qualifiedName.substr(start, qualifiedName.find('.', start) - start);
      bool dunder = part.starts_with("__") && part.ends_with("__") && part.size() > 4;
      if (part.starts_with('_') && !dunder) return false;
      std::size_t dot = qualifiedName.find('.', start);
      if (dot == std::string_view::npos) break;
      start = dot + 1;
    }
    return true;
  }
  if (language == "go") return std::isupper(static_cast<unsigned char>(name.front()));
  if (language == "java") return signature.find("public ") != std::string_view::npos;
  if (language == "rust") return signature.starts_with("pub ") || signature.starts_with("pub(");
  if (language == "javascript" || language == "typescript" || language == "tsx")
    return signature.starts_with("export ");
  if (language == "c" || language == "cpp") {
    for (std::string_view ext : {".h", ".hh", ".hpp", ".hxx", ".h++", ".inl"})
      if (path.ends_with(ext)) return true;
  }
  return false;
}

bool isTestPath(std::string_view path) {
  std::string_view name = baseName(path);
  std::string_view stem = name.substr(0, name.rfind('.'));
  if (name.starts_with("test_") || stem.ends_with("_test") || stem.ends_with("_tests") ||
      stem.ends_with("Test") || stem.ends_with("Tests") || name.find(".test.") != name.npos ||
      name.find(".spec.") != name.npos)
    return true;
  std::string slashed = "/" + std::string(path);
  for (std::string_view dir : {"/tests/", "/test/", "/__tests__/", "/testing/"})
    if (slashed.find(dir) != std::string::npos) return true;
  return false;
}

std::vector<RiskNote> findRiskNotes(const ChangeSet& changes) {
  std::vector<RiskNote> notes;
  for (const SymbolChange& s : changes.symbols) {
    if (!s.isPublic || isTestPath(s.path)) continue;
    std::string detail;
    if (s.change == ChangeKind::Removed) detail = "removed";
    if (s.change == ChangeKind::Renamed) detail = "renamed from " + s.oldQualifiedName;
    if (s.change == ChangeKind::Moved) detail = "moved from " + s.oldPath;
    if (s.change == ChangeKind::Modified && !s.oldSignature.empty())
      detail = "signature changed (was: " + s.oldSignature + ")";
    if (!detail.empty())
      notes.push_back({RiskNote::Kind::PublicApi, s.path, s.qualifiedName, detail});
  }
  for (const FileChange& file : changes.files) {
    if (file.diff.status == FileStatus::Deleted && isTestPath(file.diff.oldPath))
      notes.push_back(
          {RiskNote::Kind::DeletedTest, file.diff.oldPath, file.diff.oldPath, "test file deleted"});
  }
  for (const SymbolChange& s : changes.symbols) {
    bool fileGone = std::any_of(changes.files.begin(), changes.files.end(), [&](const auto& f) {
      return f.diff.status == FileStatus::Deleted && f.diff.oldPath == s.path;
    });
    if (s.change == ChangeKind::Removed && isTestPath(s.path) && !fileGone)
      notes.push_back({RiskNote::Kind::DeletedTest, s.path, s.qualifiedName, "test removed"});
  }
  for (const FileChange& file : changes.files) dependencyNotes(file, notes);
  return notes;
}

}  // namespace gloss::commands::diff
