// JavaScript/TypeScript skeletons for Jest, Vitest and Mocha: one `describe` per module and per
// class, a pending test per public export (`test.todo`, or Mocha's `it` without a body), and an
// import of the module under test in its own syntax (ESM `import` or CommonJS `require`).
//
// What is public is what the module exports (ESM `export`, `export { a as b }`, `export
// default`; CommonJS `module.exports = {...}`, `exports.a = ...`); a file exporting nothing
// falls back to the leading-underscore rule.
#include <filesystem>
#include <map>

#include "commands/testgen/LanguagePaths.h"
#include "commands/testgen/SkeletonParts.h"

namespace gloss::commands::testgen {
namespace {

namespace fs = std::filesystem;

struct JsExports {
  bool esm = false;
  bool commonJs = false;
  std::map<std::string, std::string> named;  // local name -> exported name
  std::string defaultLocal;                  // ESM default export, or `module.exports = x`
};

std::string trimmed(std::string_view text) {
  std::size_t start = text.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return {};
  std::size_t end = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(start, end - start + 1));
}

// Entries of `{ a, b as c }` (ESM, `as`) or `{ a, b: c }` (CommonJS, `:`), as local -> exported.
void readList(std::string_view list, bool commonJs, JsExports& exports) {
  std::size_t start = 0;
  while (start <= list.size()) {
    std::size_t comma = list.find(',', start);
    if (comma == std::string_view::npos) comma = list.size();
    std::string entry = trimmed(list.substr(start, comma - start));
    std::string local = entry, exported = entry;
    if (std::size_t colon = entry.find(':'); commonJs && colon != std::string::npos) {
      exported = trimmed(std::string_view(entry).substr(0, colon));
      local = trimmed(std::string_view(entry).substr(colon + 1));
    } else if (std::size_t as = entry.find(" as "); !commonJs && as != std::string::npos) {
      local = trimmed(std::string_view(entry).substr(0, as));
      exported = trimmed(std::string_view(entry).substr(as + 4));
    }
    if (isIdentifier(local) && exported == "default") {
      exports.defaultLocal = local;
    } else if (isIdentifier(local) && isIdentifier(exported)) {
      exports.named[local] = exported;
    }
    start = comma + 1;
  }
}

std::string identifierAt(std::string_view text, std::size_t at) {
  std::size_t end = at;
  while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) ||
                               text[end] == '_' || text[end] == '$')) {
    ++end;
  }
  return std::string(text.substr(at, end - at));
}

std::size_t skipSpaces(std::string_view text, std::size_t at) {
  while (at < text.size() && std::isspace(static_cast<unsigned char>(text[at]))) ++at;
  return at;
}

JsExports readExports(const SkeletonSource& source) {
  JsExports exports;
  std::string_view text = source.input.sourceText;
  for (const indexer::Symbol& symbol : source.fileSymbols) {
    if (!symbol.parent.empty()) continue;
    if (symbol.signature.starts_with("export default ")) {
      exports.esm = true;
      exports.defaultLocal = symbol.name;
    } else if (symbol.signature.starts_with("export ")) {
      exports.esm = true;
      exports.named[symbol.name] = symbol.name;
    }
  }
  for (std::size_t at = text.find("export"); at != std::string_view::npos;
       at = text.find("export", at + 6)) {
    std::string word = identifierAt(text, at);
    bool member = at >= 1 && text[at - 1] == '.';
    if (at >= 1 && !member &&
        (std::isalnum(static_cast<unsigned char>(text[at - 1])) || text[at - 1] == '_' ||
         text[at - 1] == '$')) {
      continue;
    }
    std::size_t next = skipSpaces(text, at + word.size());
    if (word == "export" && !member) {
      if (next < text.size() && text[next] == '{') {
        std::size_t close = text.find('}', next);
        if (close == std::string_view::npos) break;
        exports.esm = true;
        readList(text.substr(next + 1, close - next - 1), false, exports);
      } else if (text.substr(next).starts_with("default ")) {
        std::string name = identifierAt(text, skipSpaces(text, next + 8));
        std::size_t after = skipSpaces(text, skipSpaces(text, next + 8) + name.size());
        if (isIdentifier(name) && (after >= text.size() || text[after] == ';')) {
          exports.esm = true;
          exports.defaultLocal = name;
        }
      }
    } else if (word == "exports") {
      bool moduleExports = at >= 7 && text.substr(at - 7, 7) == "module.";
      bool assigned = next + 1 < text.size() && text[next] == '=' && text[next + 1] != '=';
      if (moduleExports && assigned) {
        exports.commonJs = true;
        std::size_t value = skipSpaces(text, next + 1);
        if (value < text.size() && text[value] == '{') {
          std::size_t close = text.find('}', value);
          if (close == std::string_view::npos) break;
          readList(text.substr(value + 1, close - value - 1), true, exports);
        } else {
          exports.defaultLocal = identifierAt(text, value);
        }
      } else if ((moduleExports || !member) && next < text.size() && text[next] == '.') {
        std::string exported = identifierAt(text, next + 1);
        std::size_t equals = skipSpaces(text, next + 1 + exported.size());
        if (equals + 1 < text.size() && text[equals] == '=' && text[equals + 1] != '=') {
          exports.commonJs = true;
          std::string local = identifierAt(text, skipSpaces(text, equals + 1));
          exports.named[isIdentifier(local) && local != "function" ? local : exported] = exported;
        }
      }
    }
  }
  return exports;
}

bool hasExports(const JsExports& exports) {
  return exports.esm || exports.commonJs;
}

bool isExported(const JsExports& exports, const std::string& local) {
  return !hasExports(exports) || exports.named.contains(local) || exports.defaultLocal == local;
}

bool privateMember(const indexer::Symbol& symbol) {
  return symbol.name.starts_with("_") || symbol.name.starts_with("#") ||
         symbol.signature.starts_with("private ") || symbol.signature.starts_with("protected ");
}

std::string exportedName(const JsExports& exports, const std::string& local) {
  auto it = exports.named.find(local);
  return it == exports.named.end() ? local : it->second;
}

bool usesEsm(const fs::path& source, const JsExports& exports) {
  std::string extension = source.extension().string();
  if (extension == ".mjs" || extension == ".ts" || extension == ".tsx" || extension == ".mts") {
    return true;
  }
  return extension != ".cjs" && exports.esm;
}

std::string importSpecifier(const SkeletonInput& input, bool esm) {
  fs::path source(input.sourcePath);
  std::string extension = source.extension().string();
  // TypeScript and CommonJS resolve without the extension; Node's ESM loader needs it.
  bool dropExtension = extension == ".ts" || extension == ".tsx" ||
                       (!esm && (extension == ".js" || extension == ".jsx"));
  if (dropExtension) source.replace_extension();
  std::string specifier =
      relativeTo(fs::path(input.framework.proposedPath).parent_path().string(), source.string());
  return specifier.starts_with("../") ? specifier : "./" + specifier;
}

std::string importLine(const SkeletonInput& input, const JsExports& exports,
                       const std::vector<TestCase>& cases) {
  if (!hasExports(exports)) return {};
  bool esm = usesEsm(input.sourcePath, exports);
  std::string defaultName;
  std::vector<std::string> names;
  for (const TestCase& testCase : cases) {
    if (testCase.topLevel == exports.defaultLocal) {
      defaultName = testCase.topLevel;
      continue;
    }
    std::string name = exportedName(exports, testCase.topLevel);
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
  }
  std::string specifier = "\"" + escaped(importSpecifier(input, esm)) + "\"";
  std::string list;
  for (std::size_t i = 0; i < names.size(); ++i) list += (i ? ", " : "") + names[i];
  if (defaultName.empty() && names.empty()) return {};
  if (!esm) {
    if (!defaultName.empty()) return "const " + defaultName + " = require(" + specifier + ");\n";
    return "const { " + list + " } = require(" + specifier + ");\n";
  }
  std::string bindings = defaultName;
  if (!list.empty()) bindings += (bindings.empty() ? "{ " : ", { ") + list + " }";
  return "import " + bindings + " from " + specifier + ";\n";
}

}  // namespace

TestFile writeJsSkeleton(const SkeletonSource& source) {
  const SkeletonInput& input = source.input;
  JsExports exports = readExports(source);
  std::vector<TestCase> cases = selectTestCases(
      source, {[&](const indexer::Symbol& symbol, const indexer::Symbol* owner) {
                 if (privateMember(symbol)) return false;
                 if (!owner) return symbol.parent.empty() && isExported(exports, symbol.name);
                 return !owner->name.starts_with("_") && isExported(exports, owner->name);
               },
               nullptr});
  TestFramework framework = input.framework.framework;
  std::string module = fs::path(input.sourcePath).stem().string();

  TestFile file{input.framework.proposedPath, {}, {}};
  std::string& text = file.content;
  text =
      "// Test skeleton for " + escaped(module) + ": each test is pending until it is written.\n";
  if (framework == TestFramework::Vitest) text += "import { describe, test } from \"vitest\";\n";
  text += importLine(input, exports, cases);

  // One describe block per class and one for the module's functions, in file order.
  std::vector<std::pair<std::string, std::vector<const TestCase*>>> blocks;
  std::map<std::string, std::size_t> blockOf;
  for (const TestCase& testCase : cases) {
    std::string title = testCase.owner.empty() ? module : testCase.owner;
    std::string key = testCase.owner.empty() ? std::string() : testCase.ownerPath;
    auto [it, fresh] = blockOf.try_emplace(key, blocks.size());
    if (fresh) blocks.push_back({title, {}});
    blocks[it->second].second.push_back(&testCase);
  }
  UniqueNames names;
  for (const auto& [title, members] : blocks) {
    text += "\ndescribe(\"" + escaped(title) + "\", () => {\n";
    for (const TestCase* testCase : members) {
      std::string shown =
          testCase->owner.empty() ? exportedName(exports, testCase->name) : testCase->name;
      std::string name = names.take(testCase->owner.empty() ? shown : title + "." + shown);
      std::string leaf = testCase->owner.empty() ? name : name.substr(title.size() + 1);
      text += framework == TestFramework::Mocha ? "  it(\"" + escaped(leaf) + "\");\n"
                                                : "  test.todo(\"" + escaped(leaf) + "\");\n";
      file.testNames.push_back(name);
    }
    text += "});\n";
  }
  return file;
}

}  // namespace gloss::commands::testgen
