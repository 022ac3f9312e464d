// What a reviewer should look at twice: public definitions removed, renamed or given a new
// signature; tests deleted; dependencies added to manifests (package.json, requirements.txt,
// pyproject.toml, go.mod, Cargo.toml, CMakeLists.txt, pom.xml, build.gradle, Gemfile, ...).
// Each rule is a convention, not a proof, and the notes say so by naming what they saw.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "commands/diff/DiffSymbols.h"

namespace gloss::commands::diff {

struct RiskNote {
  enum class Kind { PublicApi, DeletedTest, NewDependency } kind = Kind::PublicApi;
  std::string path;
  std::string subject;  // a symbol, a file, or a dependency's name
  std::string detail;   // "removed", "signature changed", "file deleted", the manifest line
};

const char* toString(RiskNote::Kind kind);

// Whether a definition is part of a public interface by its language's convention: Python and
// Go by name, Java/Rust/JS/TS by modifier or export, C and C++ when declared in a header.
bool isPublicDefinition(std::string_view language, std::string_view path,
                        std::string_view qualifiedName, std::string_view signature);

// Test files by the usual naming conventions of each language.
bool isTestPath(std::string_view path);

std::vector<RiskNote> findRiskNotes(const ChangeSet& changes);

}  // namespace gloss::commands::diff
