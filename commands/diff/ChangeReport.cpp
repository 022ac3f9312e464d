#include "commands/diff/ChangeReport.h"

#include <map>

#include "commands/Markdown.h"

namespace gloss::commands::diff {

namespace json = boost::json;

namespace {

std::string shortId(const std::string& id) {
  return id.substr(0, 10);
}

std::string tableCell(std::string text) {
  std::string out;
  for (char c : text) {
    if (c == '|')
      out += "\\|";
    else if (c == '\n')
      out += ' ';
    else
      out += c;
  }
  return out;
}

std::string where(const SymbolChange& s) {
  const LineSpan& span = s.newLines.empty() ? s.oldLines : s.newLines;
  std::string out = s.path + ":" + std::to_string(span.start);
  if (span.end != span.start) out += "-" + std::to_string(span.end);
  return inlineCode(out);
}

std::string overview(const ChangeReport& r) {
  DiffStats stats = computeStats(r.changes);
  std::string out = "## Summary of changes " + inlineCode(r.label);
  if (!r.base.empty()) {
    out += " (" + inlineCode(shortId(r.base)) + " \u2192 " +
           (r.head.empty() ? std::string("uncommitted") : inlineCode(shortId(r.head))) + ")";
  }
  out += "\n\n**" + std::to_string(stats.files) + " file" + (stats.files == 1 ? "" : "s") +
         " changed**, +" + std::to_string(stats.added) + " \u2212" + std::to_string(stats.removed);
  std::string symbols;
  for (ChangeKind kind : {ChangeKind::Added, ChangeKind::Removed, ChangeKind::Modified,
                          ChangeKind::Renamed, ChangeKind::Moved}) {
    auto found = stats.symbols.find(kind);
    if (found == stats.symbols.end()) continue;
    symbols += (symbols.empty() ? "" : ", ") + std::to_string(found->second) + " " + toString(kind);
  }
  if (!symbols.empty()) out += " \u00b7 definitions: " + symbols;
  return out + "\n";
}

std::string byArea(const ChangeReport& r) {
  std::map<std::string, std::vector<const FileChange*>> areas;
  for (const FileChange& f : r.changes.files) areas[areaOf(f.diff.path())].push_back(&f);
  std::string out = "\n### Changes by area\n";
  std::size_t listed = 0;
  for (const auto& [area, files] : areas) {
    out += "\n**" + inlineCode(area) + "**\n\n";
    for (const FileChange* f : files) {
      if (++listed > 100) break;
      out += "- " + fileHeadline(*f);
      std::string symbols = fileSymbolLine(r.changes, f->diff.path(), 12);
      if (!symbols.empty()) out += "; " + symbols;
      out += "\n";
      auto summary = r.summary.fileSummaries.find(f->diff.path());
      if (summary != r.summary.fileSummaries.end()) out += "  " + tableCell(summary->second) + "\n";
    }
  }
  if (listed > 100) out += "\n" + std::to_string(listed - 100) + " more files not listed.\n";
  return out;
}

std::string riskSection(const ChangeReport& r) {
  std::string out = "\n### Risk notes\n\n";
  if (r.risks.empty()) return out + "None found (public APIs, deleted tests, new dependencies).\n";
  static const std::pair<RiskNote::Kind, const char*> groups[] = {
      {RiskNote::Kind::PublicApi, "Public API"},
      {RiskNote::Kind::DeletedTest, "Deleted tests"},
      {RiskNote::Kind::NewDependency, "New dependencies"}};
  for (const auto& [kind, title] : groups) {
    std::string items;
    for (const RiskNote& note : r.risks) {
      if (note.kind != kind) continue;
      items += "  - " + inlineCode(note.subject);
      if (note.subject != note.path) items += " in " + inlineCode(note.path);
      items += ": " +
               (kind == RiskNote::Kind::NewDependency ? inlineCode(note.detail) : note.detail) +
               "\n";
    }
    if (!items.empty()) out += std::string("- **") + title + "**\n" + items;
  }
  return out;
}

std::string symbolTable(const ChangeReport& r) {
  if (r.changes.symbols.empty()) return "";
  std::string out =
      "\n### Changed definitions\n\n| Change | Definition | Kind | Where | Lines |\n"
      "|---|---|---|---|---|\n";
  std::size_t rows = 0;
  for (const SymbolChange& s : r.changes.symbols) {
    if (++rows > kMaxTableRows) break;
    std::string change = toString(s.change);
    std::string name = inlineCode(s.qualifiedName);
    if (!s.oldQualifiedName.empty()) name = inlineCode(s.oldQualifiedName) + " \u2192 " + name;
    if (!s.oldPath.empty()) change += " (from " + inlineCode(s.oldPath) + ")";
    out += "| " + tableCell(change) + " | " + tableCell(name) + " | " + s.kind + " | " +
           tableCell(where(s)) + " | +" + std::to_string(s.added) + " \u2212" +
           std::to_string(s.removed) + " |\n";
  }
  if (rows > kMaxTableRows)
    out += "\n" + std::to_string(r.changes.symbols.size() - kMaxTableRows) +
           " more in the JSON output (`--format json`).\n";
  return out;
}

json::object spanJson(const LineSpan& span) {
  return json::object{{"start", span.start}, {"end", span.end}};
}

}  // namespace

std::string renderMarkdown(const ChangeReport& r) {
  std::string out = std::string(kCommentMarker) + "\n" + overview(r);
  out += "\n### Summary\n\n" + r.summary.text;
  if (!out.ends_with('\n')) out += '\n';
  if (!r.fallbackNote.empty()) out += "\n> " + r.fallbackNote + "\n";
  out += byArea(r) + riskSection(r) + symbolTable(r);
  if (!r.omitted.empty()) {
    out += "\n### Left out\n\n";
    for (const std::string& note : r.omitted) out += "- " + note + "\n";
  }
  out += "\n<sub>gloss summarize --diff \u00b7 " +
         (r.summary.fromModel ? "summary by " + inlineCode(r.summary.model)
                              : std::string("structural summary, no model")) +
         "</sub>\n";
  return out;
}

json::object renderJson(const ChangeReport& r) {
  json::array files, symbols, risks, omitted;
  for (const FileChange& f : r.changes.files) {
    json::object file{{"path", f.diff.path()},
                      {"status", toString(f.diff.status)},
                      {"binary", f.diff.binary},
                      {"added", f.diff.added},
                      {"removed", f.diff.removed},
                      {"language", f.language},
                      {"symbolsMapped", f.symbolsMapped},
                      {"linesOutsideDefinitions", f.outsideLines}};
    if (!f.diff.oldPath.empty() && f.diff.oldPath != f.diff.newPath)
      file["oldPath"] = f.diff.oldPath;
    if (f.diff.similarity >= 0) file["similarity"] = f.diff.similarity;
    if (!f.diff.oldMode.empty()) file["oldMode"] = f.diff.oldMode;
    if (!f.diff.newMode.empty()) file["newMode"] = f.diff.newMode;
    files.push_back(std::move(file));
  }
  for (const SymbolChange& s : r.changes.symbols) {
    json::object symbol{{"change", toString(s.change)},
                        {"kind", s.kind},
                        {"name", s.name},
                        {"qualifiedName", s.qualifiedName},
                        {"path", s.path},
                        {"added", s.added},
                        {"removed", s.removed},
                        {"signature", s.signature},
                        {"public", s.isPublic}};
    if (!s.oldQualifiedName.empty()) symbol["oldQualifiedName"] = s.oldQualifiedName;
    if (!s.oldPath.empty()) symbol["oldPath"] = s.oldPath;
    if (!s.oldSignature.empty()) symbol["oldSignature"] = s.oldSignature;
    if (!s.oldLines.empty()) symbol["oldLines"] = spanJson(s.oldLines);
    if (!s.newLines.empty()) symbol["newLines"] = spanJson(s.newLines);
    symbols.push_back(std::move(symbol));
  }
  for (const RiskNote& note : r.risks)
    risks.push_back(json::object{{"kind", toString(note.kind)},
                                 {"path", note.path},
                                 {"subject", note.subject},
                                 {"detail", note.detail}});
  for (const std::string& note : r.omitted) omitted.push_back(json::string(note));
  DiffStats stats = computeStats(r.changes);
  json::object bySymbol;
  for (const auto& [kind, n] : stats.symbols) bySymbol[toString(kind)] = n;
  json::object summary{{"text", r.summary.text},
                       {"source", r.summary.fromModel ? "model" : "structural"},
                       {"requests", r.summary.requests}};
  if (!r.summary.model.empty()) summary["model"] = r.summary.model;
  if (!r.fallbackNote.empty()) summary["fallback"] = r.fallbackNote;
  json::object fileSummaries;
  for (const auto& [path, text] : r.summary.fileSummaries) fileSummaries[path] = text;
  summary["files"] = std::move(fileSummaries);
  return json::object{{"range", r.label},
                      {"base", r.base},
                      {"head", r.head},
                      {"stats", json::object{{"files", stats.files},
                                             {"added", stats.added},
                                             {"removed", stats.removed},
                                             {"binary", stats.binary},
                                             {"symbols", std::move(bySymbol)}}},
                      {"files", std::move(files)},
                      {"symbols", std::move(symbols)},
                      {"risks", std::move(risks)},
                      {"omitted", std::move(omitted)},
                      {"summary", std::move(summary)}};
}

}  // namespace gloss::commands::diff
