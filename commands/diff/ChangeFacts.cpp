#include "commands/diff/ChangeFacts.h"

#include <set>

#include "commands/Markdown.h"

namespace gloss::commands::diff {

namespace {

std::string plural(int n, const std::string& word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

std::string counts(int added, int removed) {
  return "+" + std::to_string(added) + " \u2212" + std::to_string(removed);
}

std::string lines(const LineSpan& span) {
  if (span.empty()) return "";
  return span.start == span.end ? std::to_string(span.start)
                                : std::to_string(span.start) + "-" + std::to_string(span.end);
}

// "`a`, `b` and 3 more".
std::string nameList(const std::vector<std::string>& names, std::size_t most) {
  std::string out;
  std::size_t shown = std::min(names.size(), most);
  for (std::size_t i = 0; i < shown; ++i) {
    if (i > 0) out += i + 1 == shown && names.size() == shown ? " and " : ", ";
    out += names[i];
  }
  if (names.size() > shown) out += " and " + std::to_string(names.size() - shown) + " more";
  return out;
}

std::string symbolPhrase(const SymbolChange& s) {
  std::string what = inlineCode(s.qualifiedName);
  if (s.change == ChangeKind::Renamed)
    return inlineCode(s.oldQualifiedName) + " \u2192 " + what + " (" + s.kind + ")";
  if (s.change == ChangeKind::Moved && !s.oldPath.empty())
    return what + " (" + s.kind + ", from " + inlineCode(s.oldPath) + ")";
  return what + " (" + s.kind + ")";
}

}  // namespace

DiffStats computeStats(const ChangeSet& changes) {
  DiffStats stats;
  for (const FileChange& file : changes.files) {
    ++stats.files;
    stats.added += file.diff.added;
    stats.removed += file.diff.removed;
    stats.binary += file.diff.binary ? 1 : 0;
  }
  for (const SymbolChange& s : changes.symbols) ++stats.symbols[s.change];
  return stats;
}

std::string areaOf(const std::string& path) {
  std::size_t first = path.find('/');
  if (first == std::string::npos) return "(root)";
  std::size_t second = path.find('/', first + 1);
  std::size_t last = path.rfind('/');
  return path.substr(0, (second == std::string::npos ? last : std::min(second, last)) + 1);
}

std::string fileSymbolLine(const ChangeSet& changes, const std::string& path, std::size_t most) {
  std::string out;
  std::size_t shown = 0, total = 0;
  for (const SymbolChange& s : changes.symbols) {
    if (s.path != path) continue;
    if (++total > most) continue;
    out += (shown++ ? "; " : "") + std::string(toString(s.change)) + " " + symbolPhrase(s);
  }
  if (total > shown) out += "; and " + std::to_string(total - shown) + " more";
  return out;
}

std::string fileHeadline(const FileChange& file) {
  const FileDiff& d = file.diff;
  std::string out = d.status == FileStatus::Renamed || d.status == FileStatus::Copied
                        ? inlineCode(d.oldPath) + " \u2192 " + inlineCode(d.newPath)
                        : inlineCode(d.path());
  out += ": ";
  out += toString(d.status);
  if (d.similarity >= 0 && d.status != FileStatus::Modified)
    out += " (" + std::to_string(d.similarity) + "% similar)";
  if (d.binary)
    out += ", binary";
  else
    out += ", " + counts(d.added, d.removed);
  if (!d.oldMode.empty() && !d.newMode.empty() && d.oldMode != d.newMode)
    out += ", mode " + d.oldMode + " \u2192 " + d.newMode;
  return out;
}

std::string promptFacts(const ChangeSet& changes, const FileChange& file) {
  std::string out = "File " + fileHeadline(file) + "\n";
  if (!file.symbolsMapped && !file.diff.binary)
    out += "(no grammar for this file: definitions not mapped)\n";
  for (const SymbolChange& s : changes.symbols) {
    if (s.path != file.diff.path()) continue;
    out += "- " + std::string(toString(s.change)) + " " + s.kind + " " + s.qualifiedName;
    if (!s.oldQualifiedName.empty()) out += " (was " + s.oldQualifiedName + ")";
    if (!s.oldPath.empty()) out += " (from " + s.oldPath + ")";
    if (!s.oldLines.empty()) out += ", old lines " + lines(s.oldLines);
    if (!s.newLines.empty()) out += ", new lines " + lines(s.newLines);
    if (s.added || s.removed) out += ", " + counts(s.added, s.removed);
    if (!s.signature.empty()) out += "\n  signature: " + s.signature;
    if (!s.oldSignature.empty()) out += "\n  old signature: " + s.oldSignature;
    out += "\n";
  }
  if (file.outsideLines > 0 && file.symbolsMapped)
    out += "- " + plural(file.outsideLines, "changed line") + " outside any definition\n";
  return out;
}

std::string structuralSummary(const ChangeSet& changes, const std::vector<RiskNote>& risks) {
  DiffStats stats = computeStats(changes);
  if (stats.files == 0) return "No changes.\n";
  std::vector<std::string> areas;
  std::set<std::string> seenAreas;
  for (const FileChange& f : changes.files)
    if (seenAreas.insert(areaOf(f.diff.path())).second)
      areas.push_back(inlineCode(areaOf(f.diff.path())));
  std::string out = plural(stats.files, "file") + " changed (" +
                    counts(stats.added, stats.removed) + " lines) in " +
                    (areas.size() == 1 ? areas.front()
                                       : plural(static_cast<int>(areas.size()), "area") + ": " +
                                             nameList(areas, 6)) +
                    ".\n";
  std::map<ChangeKind, std::vector<std::string>> byKind;
  for (const SymbolChange& s : changes.symbols) byKind[s.change].push_back(symbolPhrase(s));
  static const std::pair<ChangeKind, const char*> order[] = {{ChangeKind::Added, "Adds"},
                                                             {ChangeKind::Removed, "Removes"},
                                                             {ChangeKind::Modified, "Modifies"},
                                                             {ChangeKind::Renamed, "Renames"},
                                                             {ChangeKind::Moved, "Moves"}};
  for (const auto& [kind, verb] : order)
    if (byKind.count(kind))
      out += std::string("\n- ") + verb + " " + nameList(byKind[kind], 8) + ".";
  std::vector<std::string> added, deleted, binary, untouched;
  for (const FileChange& f : changes.files) {
    std::string name = inlineCode(f.diff.path());
    if (f.diff.binary)
      binary.push_back(name);
    else if (f.diff.status == FileStatus::Added)
      added.push_back(name);
    else if (f.diff.status == FileStatus::Deleted)
      deleted.push_back(name);
    else if (f.outsideLines > 0 && f.symbolsMapped)
      untouched.push_back(name);
  }
  if (!added.empty()) out += "\n- New files: " + nameList(added, 6) + ".";
  if (!deleted.empty()) out += "\n- Deleted files: " + nameList(deleted, 6) + ".";
  if (!binary.empty()) out += "\n- Binary files: " + nameList(binary, 6) + ".";
  if (!untouched.empty())
    out += "\n- Changes outside any definition (imports, top-level code) in " +
           nameList(untouched, 6) + ".";
  if (!risks.empty())
    out += "\n- " + plural(static_cast<int>(risks.size()), "risk note") + " below.";
  return out + "\n";
}

}  // namespace gloss::commands::diff
