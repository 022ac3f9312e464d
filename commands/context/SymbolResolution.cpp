// Name → definition for the context builder (SymbolResolution.h).
#include "commands/context/SymbolResolution.h"

#include <algorithm>
#include <map>
#include <string_view>

namespace gloss::commands {
namespace {

using indexer::SymbolRow;

// Enough for any real name; beyond it the candidates are listed, not ranked by chunk.
constexpr int kMaxRows = 200;
constexpr std::size_t kMaxRowsWithChunks = 50;

bool sameText(std::string_view a, std::string_view b, bool exact) {
  if (exact) return a == b;
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
    return lower(x) == lower(y);
  });
}

bool endsWithParts(const std::vector<std::string>& wanted, const std::string& qualifiedName,
                   bool exact) {
  std::vector<std::string> parts = splitQualifiedName(qualifiedName);
  if (parts.size() < wanted.size()) return false;
  std::size_t offset = parts.size() - wanted.size();
  for (std::size_t i = 0; i < wanted.size(); ++i) {
    if (!sameText(parts[offset + i], wanted[i], exact)) return false;
  }
  return true;
}

int kindRank(const std::string& kind) {
  if (kind == "function" || kind == "method" || kind == "constructor") return 0;
  if (kind == "namespace" || kind == "module" || kind == "macro") return 2;
  return 1;
}

struct Scored {
  SymbolRow row;
  std::optional<ChunkSource::Definition> definition;
  bool own() const { return definition && definition->ownChunk; }
};

bool better(const Scored& a, const Scored& b) {
  if (a.own() != b.own()) return a.own();
  int ra = kindRank(a.row.symbol.kind);
  int rb = kindRank(b.row.symbol.kind);
  if (ra != rb) return ra < rb;
  if (a.row.path != b.row.path) return a.row.path < b.row.path;
  return a.row.symbol.startLine < b.row.symbol.startLine;
}

// The qualified name led by where the file is: its folders (a Go package, `json.Marshal`) or
// its folders and stem (a Python or JS module, `textutil.tokenize`).
bool endsWithPathParts(const std::vector<std::string>& wanted, const SymbolRow& row, bool exact) {
  std::vector<std::string> folders;
  std::string_view path = row.path;
  std::size_t slash = path.rfind('/');
  std::string_view file = slash == std::string_view::npos ? path : path.substr(slash + 1);
  for (std::size_t start = 0; slash != std::string_view::npos && start < slash;) {
    std::size_t next = path.find('/', start);
    if (next > start) folders.emplace_back(path.substr(start, next - start));
    start = next + 1;
  }
  std::string stem(file.substr(0, file.find('.')));
  std::string qualified = row.symbol.qualifiedName;
  auto joined = [&](bool withStem) {
    std::string out;
    for (const std::string& folder : folders) out += folder + "/";
    if (withStem) out += stem + "/";
    return out + qualified;
  };
  auto splitAll = [](const std::string& text) {
    std::vector<std::string> out;
    for (const std::string& piece : splitQualifiedName(text)) {
      std::size_t start = 0;
      for (std::size_t at = piece.find('/');; at = piece.find('/', start)) {
        if (at != start) out.push_back(piece.substr(start, at - start));
        if (at == std::string::npos) break;
        start = at + 1;
      }
    }
    return out;
  };
  for (bool withStem : {false, true}) {
    std::vector<std::string> parts = splitAll(joined(withStem));
    if (parts.size() < wanted.size()) continue;
    std::size_t offset = parts.size() - wanted.size();
    bool all = true;
    for (std::size_t i = 0; i < wanted.size() && all; ++i)
      all = sameText(parts[offset + i], wanted[i], exact);
    if (all) return true;
  }
  return false;
}

std::vector<SymbolRow> matchingRows(ChunkSource& source, const std::vector<std::string>& parts) {
  for (bool exact : {true, false}) {
    auto rows = valueOrThrow(source.index().findSymbolsByName(parts.back(), exact, kMaxRows));
    if (parts.size() > 1) {
      std::vector<SymbolRow> byName = rows;
      std::erase_if(byName, [&](const SymbolRow& row) {
        return !endsWithParts(parts, row.symbol.qualifiedName, exact);
      });
      if (byName.empty()) {
        std::erase_if(rows,
                      [&](const SymbolRow& row) { return !endsWithPathParts(parts, row, exact); });
      } else {
        rows = std::move(byName);
      }
    }
    if (!rows.empty()) return rows;
  }
  return {};
}

}  // namespace

std::vector<std::string> splitQualifiedName(const std::string& name) {
  std::vector<std::string> parts;
  std::string current;
  for (std::size_t i = 0; i < name.size(); ++i) {
    std::string_view rest = std::string_view(name).substr(i);
    std::size_t separator = rest.starts_with("::") || rest.starts_with("->") ? 2
                            : rest[0] == '.' || rest[0] == '#'               ? 1
                                                                             : 0;
    if (separator == 0) {
      current += name[i];
      continue;
    }
    if (!current.empty()) parts.push_back(std::move(current));
    current.clear();
    i += separator - 1;
  }
  if (!current.empty()) parts.push_back(std::move(current));
  return parts;
}

SymbolResolution resolveSymbol(ChunkSource& source, const std::string& name,
                               const std::string& preferredPath) {
  SymbolResolution resolution;
  std::vector<std::string> parts = splitQualifiedName(name);
  if (parts.empty()) return resolution;
  std::vector<SymbolRow> rows = matchingRows(source, parts);
  if (!preferredPath.empty() && std::any_of(rows.begin(), rows.end(), [&](const SymbolRow& row) {
        return row.path == preferredPath;
      })) {
    std::erase_if(rows, [&](const SymbolRow& row) { return row.path != preferredPath; });
  }
  // A constructor shares its class's name; the class is what the name means.
  std::vector<SymbolRow> containers = rows;
  std::erase_if(rows, [&](const SymbolRow& row) {
    return std::any_of(containers.begin(), containers.end(), [&](const SymbolRow& other) {
      return other.path == row.path && other.symbol.qualifiedName == row.symbol.parent;
    });
  });

  // A definition whose whole qualified name is what was typed (a free `load` beside the method
  // `Settings.load`) is what the name means.
  if (std::any_of(rows.begin(), rows.end(),
                  [&](const SymbolRow& row) { return row.symbol.qualifiedName == name; })) {
    std::erase_if(rows, [&](const SymbolRow& row) { return row.symbol.qualifiedName != name; });
  }
  std::map<std::string, std::vector<Scored>> groups;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    Scored scored{rows[i], std::nullopt};
    if (i < kMaxRowsWithChunks) scored.definition = source.definitionChunk(rows[i]);
    groups[rows[i].symbol.qualifiedName].push_back(std::move(scored));
  }
  std::vector<Scored> kept;
  for (auto& [qualified, group] : groups) {
    bool anyOwn = std::any_of(group.begin(), group.end(), [](const Scored& s) { return s.own(); });
    for (Scored& scored : group) {
      if (!anyOwn || scored.own()) kept.push_back(std::move(scored));
    }
  }
  std::sort(kept.begin(), kept.end(), better);
  if (kept.empty()) return resolution;
  resolution.symbol = kept.front().row;
  if (kept.front().definition) resolution.chunk = kept.front().definition->chunk;
  if (kept.size() == 1) return resolution;
  for (const Scored& scored : kept) {
    if (resolution.candidates.size() == kMaxCandidates) break;
    const indexer::Symbol& symbol = scored.row.symbol;
    resolution.candidates.push_back(SymbolCandidate{
        scored.row.path, symbol.qualifiedName, symbol.kind, symbol.signature, symbol.nameLine});
  }
  return resolution;
}

}  // namespace gloss::commands
