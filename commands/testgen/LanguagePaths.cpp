// Module, crate and package names of source files (LanguagePaths.h).
#include "commands/testgen/LanguagePaths.h"

#include <algorithm>
#include <cctype>
#include <system_error>

#include "commands/testgen/RepoScan.h"

namespace gloss::commands::testgen {
namespace {

bool hasInit(const fs::path& folder) {
  std::error_code error;
  return fs::is_regular_file(folder / "__init__.py", error);
}

std::string joined(const std::vector<std::string>& parts, std::string_view separator) {
  std::string text;
  for (const std::string& part : parts) {
    if (!text.empty()) text += separator;
    text += part;
  }
  return text;
}

std::string quotedValue(std::string_view line) {
  std::size_t open = line.find('"');
  std::size_t close = open == std::string_view::npos ? open : line.find('"', open + 1);
  if (close == std::string_view::npos) return {};
  return std::string(line.substr(open + 1, close - open - 1));
}

}  // namespace

std::string pythonModule(const fs::path& root, const fs::path& source) {
  std::vector<std::string> parts;
  std::string stem = source.stem().string();
  if (stem != "__init__") parts.push_back(stem);
  fs::path folder = source.parent_path();
  if (hasInit(folder)) {
    while (hasInit(folder) && isInside(root, folder)) {
      parts.push_back(folder.filename().string());
      folder = folder.parent_path();
    }
    std::reverse(parts.begin(), parts.end());
    return joined(parts, ".");
  }
  std::string relative = relativePath(root, folder);
  std::vector<std::string> folders;
  for (const auto& part : fs::path(relative)) folders.push_back(part.string());
  if (!folders.empty() && folders.front() == "src") folders.erase(folders.begin());
  folders.insert(folders.end(), parts.begin(), parts.end());
  return joined(folders, ".");
}

std::string rustCrateName(const fs::path& cargoToml) {
  std::string text = readHead(cargoToml);
  std::string section, packageName, libName;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string_view line = std::string_view(text).substr(start, end - start);
    line.remove_prefix(std::min(line.find_first_not_of(" \t"), line.size()));
    if (line.starts_with("[")) {
      section = std::string(line.substr(0, line.find(']') + 1));
    } else if (line.starts_with("name") && line.size() > 4 && (line[4] == ' ' || line[4] == '=')) {
      if (section == "[lib]") libName = quotedValue(line);
      if (section == "[package]") packageName = quotedValue(line);
    }
    start = end + 1;
  }
  std::string name = libName.empty() ? packageName : libName;
  std::replace(name.begin(), name.end(), '-', '_');
  return name;
}

std::optional<std::vector<std::string>> rustModulePath(const fs::path& crateRoot,
                                                       const fs::path& source) {
  fs::path src = crateRoot / "src";
  if (!isInside(src, source)) return std::nullopt;
  std::vector<std::string> parts;
  for (const auto& part : source.lexically_relative(src)) parts.push_back(part.string());
  if (parts.empty() || parts.front() == "bin" || parts == std::vector<std::string>{"main.rs"}) {
    return std::nullopt;
  }
  std::string last = parts.back();
  parts.pop_back();
  if (!(parts.empty() && last == "lib.rs") && last != "mod.rs") {
    parts.push_back(fs::path(last).stem().string());
  }
  return parts;
}

std::string javaPackage(std::string_view text) {
  std::size_t at = 0;
  while ((at = text.find("package", at)) != std::string_view::npos) {
    bool lineStart = at == 0 || text[at - 1] == '\n';
    std::size_t semicolon = text.find(';', at);
    if (lineStart && semicolon != std::string_view::npos && at + 7 < text.size() &&
        std::isspace(static_cast<unsigned char>(text[at + 7]))) {
      std::string name;
      for (char c : text.substr(at + 7, semicolon - at - 7)) {
        if (!std::isspace(static_cast<unsigned char>(c))) name += c;
      }
      return name;
    }
    at += 7;
  }
  return {};
}

bool isIdentifier(std::string_view text) {
  if (text.empty() || std::isdigit(static_cast<unsigned char>(text[0]))) return false;
  return std::all_of(text.begin(), text.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

}  // namespace gloss::commands::testgen
