#include "commands/diff/DiffSymbols.h"

#include <algorithm>
#include <atomic>
#include <map>
#include <set>
#include <thread>

#include "commands/diff/RiskNotes.h"
#include "indexer/OverlayChunks.h"

namespace gloss::commands::diff {

namespace {

// A definition on one side of a file's change.
struct Definition {
  indexer::Symbol symbol;
  std::uint32_t first = 0, last = 0;  // 0-based inclusive lines
  std::string body;                   // the text, each line trimmed, the name replaced
  int changed = 0;                    // changed lines in its range
  bool touched = false;               // owns a non-blank changed line directly
  bool paired = false;
};

struct Side {
  std::string path;
  std::string language = "text";
  bool parsed = false;
  std::vector<Definition> defs;
};

bool isIdentifierChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$';
}

// The definition's text with indentation dropped and its own name replaced, so that a renamed
// or re-indented definition compares equal to the original.
std::string normalizedBody(std::string_view text, const std::string& name) {
  std::string out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = std::min(text.find('\n', start), text.size());
    std::string_view line = text.substr(start, end - start);
    while (!line.empty() && std::isspace(static_cast<unsigned char>(line.front())))
      line.remove_prefix(1);
    while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back())))
      line.remove_suffix(1);
    for (std::size_t i = 0; i < line.size();) {
      bool boundary = (i == 0 || !isIdentifierChar(line[i - 1])) &&
                      line.substr(i).starts_with(name) &&
                      (i + name.size() == line.size() || !isIdentifierChar(line[i + name.size()]));
      if (!name.empty() && boundary) {
        out += '\x01';
        i += name.size();
      } else {
        out += line[i++];
      }
    }
    if (!line.empty()) out += '\n';
    start = end + 1;
  }
  return out;
}

std::vector<std::string_view> splitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = std::min(text.find('\n', start), text.size());
    lines.push_back(text.substr(start, end - start));
    if (end == text.size()) break;
    start = end + 1;
  }
  return lines;
}

bool blank(std::string_view line) {
  return std::all_of(line.begin(), line.end(),
                     [](char c) { return std::isspace(static_cast<unsigned char>(c)); });
}

// Chunks one version and charges its changed lines (1-based) to the definitions holding them;
// returns the non-blank changed lines no definition holds.
int buildSide(Side& side, const std::optional<std::string>& text,
              const std::vector<std::uint32_t>& changed) {
  if (!text) return 0;
  indexer::ChunkResult chunks = indexer::chunkText(side.path, *text);
  side.parsed = chunks.parsed;
  side.language =
      std::string(indexer::languageInfo(
                      indexer::languageOfFile(side.path, std::string_view(*text).substr(0, 4096)))
                      .name);
  for (indexer::Symbol& symbol : chunks.symbols) {
    // Namespaces and modules only group definitions: a change is told by what is inside them.
    if (symbol.kind == "namespace" || symbol.kind == "module") continue;
    Definition def;
    def.first = symbol.startLine;
    def.last = symbol.endColumn == 0 && symbol.endLine > symbol.startLine ? symbol.endLine - 1
                                                                          : symbol.endLine;
    std::string_view slice = std::string_view(*text).substr(
        symbol.startByte, std::min<std::size_t>(symbol.endByte, text->size()) - symbol.startByte);
    def.body = normalizedBody(slice, symbol.name);
    def.symbol = std::move(symbol);
    side.defs.push_back(std::move(def));
  }
  std::vector<std::string_view> lines = splitLines(*text);
  int outside = 0;
  for (std::uint32_t oneBased : changed) {
    std::uint32_t line = oneBased - 1;
    Definition* owner = nullptr;
    for (Definition& def : side.defs) {
      if (line < def.first || line > def.last) continue;
      ++def.changed;
      if (!owner || def.first > owner->first ||
          (def.first == owner->first && def.last < owner->last))
        owner = &def;
    }
    if (line < lines.size() && blank(lines[line])) continue;
    if (owner)
      owner->touched = true;
    else
      ++outside;
  }
  return outside;
}

std::string pairKey(const indexer::Symbol& s) {
  return s.kind + '\x1f' + s.qualifiedName;
}

LineSpan span(const Definition& def) {
  return {def.first + 1, def.last + 1};
}

// The whole of a file's old or new side, for the pools of unpaired definitions.
struct Ref {
  Side* side;
  Definition* def;
};

class Classifier {
 public:
  explicit Classifier(ChangeSet& out) : out_(out) {}

  void pairWithinFile(Side& before, Side& after) {
    std::map<std::string, std::vector<Definition*>> byKey;
    for (Definition& def : before.defs) byKey[pairKey(def.symbol)].push_back(&def);
    std::map<std::string, std::size_t> used;
    for (Definition& def : after.defs) {
      auto found = byKey.find(pairKey(def.symbol));
      std::size_t& n = used[pairKey(def.symbol)];
      if (found == byKey.end() || n >= found->second.size()) continue;
      Definition& old = *found->second[n++];
      old.paired = def.paired = true;
      bool edited = old.touched || def.touched;
      if (!edited && before.path == after.path) continue;
      add(edited ? ChangeKind::Modified : ChangeKind::Moved, &before, &old, &after, &def);
    }
    for (Definition& def : before.defs)
      if (!def.paired) removed_.push_back({&before, &def});
    for (Definition& def : after.defs)
      if (!def.paired) added_.push_back({&after, &def});
  }

  void pairAcrossFiles() {
    // Same name and body in another file: moved.
    match(
        [](const Ref& a, const Ref& b) {
          return a.side->path != b.side->path && pairKey(a.def->symbol) == pairKey(b.def->symbol) &&
                 a.def->body == b.def->body;
        },
        ChangeKind::Moved);
    // Same body under another name, preferably in the same file: renamed.
    auto renamed = [](bool sameFile) {
      return [sameFile](const Ref& a, const Ref& b) {
        return (a.side->path == b.side->path) == sameFile &&
               a.def->symbol.kind == b.def->symbol.kind && substantial(a.def->body) &&
               a.def->body == b.def->body;
      };
    };
    match(renamed(true), ChangeKind::Renamed);
    match(renamed(false), ChangeKind::Renamed);
    for (const Ref& r : removed_)
      if (!r.def->paired) add(ChangeKind::Removed, r.side, r.def, nullptr, nullptr);
    for (const Ref& a : added_)
      if (!a.def->paired) add(ChangeKind::Added, nullptr, nullptr, a.side, a.def);
  }

 private:
  static bool substantial(const std::string& body) {
    return std::count_if(body.begin(), body.end(),
                         [](char c) { return !std::isspace(static_cast<unsigned char>(c)); }) >= 40;
  }

  template <typename Same>
  void match(Same same, ChangeKind kind) {
    for (Ref& r : removed_) {
      if (r.def->paired) continue;
      for (Ref& a : added_) {
        if (a.def->paired || !same(r, a)) continue;
        r.def->paired = a.def->paired = true;
        add(kind, r.side, r.def, a.side, a.def);
        break;
      }
    }
  }

  void add(ChangeKind kind, Side* before, Definition* old, Side* after, Definition* now) {
    const Definition& main = now ? *now : *old;
    const Side& where = now ? *after : *before;
    SymbolChange change;
    change.change = kind;
    change.kind = main.symbol.kind;
    change.name = main.symbol.name;
    change.qualifiedName = main.symbol.qualifiedName;
    change.path = where.path;
    change.signature = main.symbol.signature;
    change.isPublic =
        isPublicDefinition(where.language, where.path, change.qualifiedName, change.signature);
    if (old) {
      change.oldLines = span(*old);
      change.removed = old->changed;
      if (now && before->path != after->path) change.oldPath = before->path;
      if (now && old->symbol.qualifiedName != now->symbol.qualifiedName)
        change.oldQualifiedName = old->symbol.qualifiedName;
      if (now && old->symbol.signature != now->symbol.signature)
        change.oldSignature = old->symbol.signature;
      change.isPublic =
          change.isPublic || isPublicDefinition(before->language, before->path,
                                                old->symbol.qualifiedName, old->symbol.signature);
    }
    if (now) {
      change.newLines = span(*now);
      change.added = now->changed;
    }
    parents_.push_back({old ? old->symbol.parent : "", now ? now->symbol.parent : ""});
    out_.symbols.push_back(std::move(change));
  }

  ChangeSet& out_;
  std::vector<Ref> removed_, added_;
  std::vector<std::pair<std::string, std::string>> parents_;

 public:
  // Per change, its container's qualified name on the old and the new side.
  const std::vector<std::pair<std::string, std::string>>& parents() const { return parents_; }
};

bool wholesale(ChangeKind kind) {
  return kind != ChangeKind::Modified;
}

// Members of a container that was added, removed, moved or renamed as a whole go with it.
void dropImpliedMembers(ChangeSet& out,
                        const std::vector<std::pair<std::string, std::string>>& parents) {
  std::set<std::pair<std::string, std::string>> containers;  // (path, qualified name)
  for (const SymbolChange& s : out.symbols) {
    if (!wholesale(s.change)) continue;
    containers.insert({s.path, s.qualifiedName});
    if (!s.oldQualifiedName.empty()) containers.insert({s.path, s.oldQualifiedName});
  }
  std::vector<SymbolChange> kept;
  for (std::size_t i = 0; i < out.symbols.size(); ++i) {
    const SymbolChange& s = out.symbols[i];
    const auto& [oldParent, newParent] = parents[i];
    bool implied =
        wholesale(s.change) && ((!newParent.empty() && containers.count({s.path, newParent})) ||
                                (!oldParent.empty() && containers.count({s.path, oldParent})));
    if (!implied) kept.push_back(s);
  }
  out.symbols = std::move(kept);
}

// One file's two sides, chunked and charged with its changed lines.
FileChange analyzeFile(const FileDiff& diff, const std::optional<std::string>& oldText,
                       const std::optional<std::string>& newText, Side& before, Side& after) {
  FileChange change;
  std::vector<std::uint32_t> removed, added;
  for (const DiffHunk& hunk : diff.hunks) {
    removed.insert(removed.end(), hunk.removedLines.begin(), hunk.removedLines.end());
    added.insert(added.end(), hunk.addedLines.begin(), hunk.addedLines.end());
  }
  before.path = diff.oldPath;
  after.path = diff.newPath;
  change.outsideLines = buildSide(before, oldText, removed) + buildSide(after, newText, added);
  bool needOld = !diff.oldPath.empty() && !diff.binary;
  bool needNew = !diff.newPath.empty() && !diff.binary;
  change.symbolsMapped =
      (needOld || needNew) && (!needOld || before.parsed) && (!needNew || after.parsed);
  change.language = newText ? after.language : before.language;
  if (!change.symbolsMapped) {
    before.defs.clear();
    after.defs.clear();
  }
  return change;
}

}  // namespace

const char* toString(ChangeKind kind) {
  switch (kind) {
    case ChangeKind::Added:
      return "added";
    case ChangeKind::Removed:
      return "removed";
    case ChangeKind::Modified:
      return "modified";
    case ChangeKind::Renamed:
      return "renamed";
    case ChangeKind::Moved:
      return "moved";
  }
  return "modified";
}

ChangeSet mapChangedSymbols(std::vector<FileDiff> files,
                            const std::vector<std::optional<std::string>>& oldTexts,
                            const std::vector<std::optional<std::string>>& newTexts) {
  ChangeSet out;
  out.files.resize(files.size());
  std::vector<Side> befores(files.size()), afters(files.size());
  // Parsing dominates the time of a large change, and files are independent.
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < files.size(); i = next++) {
      static const std::optional<std::string> none;
      out.files[i] = analyzeFile(files[i], i < oldTexts.size() ? oldTexts[i] : none,
                                 i < newTexts.size() ? newTexts[i] : none, befores[i], afters[i]);
    }
  };
  std::size_t threads = std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 8);
  std::vector<std::thread> pool;
  for (std::size_t t = 1; t < std::min(threads, files.size()); ++t) pool.emplace_back(work);
  work();
  for (std::thread& thread : pool) thread.join();
  for (std::size_t i = 0; i < files.size(); ++i) out.files[i].diff = std::move(files[i]);
  Classifier classifier(out);
  for (std::size_t i = 0; i < files.size(); ++i) classifier.pairWithinFile(befores[i], afters[i]);
  classifier.pairAcrossFiles();
  dropImpliedMembers(out, classifier.parents());
  std::stable_sort(
      out.symbols.begin(), out.symbols.end(), [](const SymbolChange& a, const SymbolChange& b) {
        std::uint32_t la = a.newLines.empty() ? a.oldLines.start : a.newLines.start;
        std::uint32_t lb = b.newLines.empty() ? b.oldLines.start : b.newLines.start;
        return std::tie(a.path, la, a.qualifiedName) < std::tie(b.path, lb, b.qualifiedName);
      });
  return out;
}

}  // namespace gloss::commands::diff
