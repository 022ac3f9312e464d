#include "server/SymbolMethods.h"

#include <algorithm>
#include <filesystem>
#include <map>

#include "indexer/FuzzyMatch.h"
#include "protocol/Uri.h"

namespace gloss::server {
namespace {

// Byte columns to the negotiated encoding, using the text the editor shows.
protocol::Range toRange(const protocol::LineTable& lines, std::uint32_t startLine,
                        std::uint32_t startColumn, std::uint32_t endLine, std::uint32_t endColumn,
                        protocol::PositionEncoding encoding) {
  auto position = [&](std::uint32_t line, std::uint32_t column) {
    if (line >= lines.lineCount()) return lines.positionOf(std::string_view::npos, encoding);
    return lines.positionOf(lines.lineStart(line) + column, encoding);
  };
  return protocol::Range{position(startLine, startColumn), position(endLine, endColumn)};
}

json::value documentSymbol(const indexer::Symbol& s, const protocol::LineTable& lines,
                           protocol::PositionEncoding encoding) {
  protocol::Range full =
      toRange(lines, s.startLine, s.startColumn, s.endLine, s.endColumn, encoding);
  protocol::Range name =
      toRange(lines, s.nameLine, s.nameColumn, s.nameLine,
              s.nameColumn + static_cast<std::uint32_t>(s.name.size()), encoding);
  // selectionRange must lie inside range.
  if (name.start.line < full.start.line || name.end.line > full.end.line) name = full;
  json::object out{{"name", s.name.empty() ? std::string("(anonymous)") : s.name},
                   {"kind", lspSymbolKind(s.kind)},
                   {"range", protocol::toJSON(full)},
                   {"selectionRange", protocol::toJSON(name)},
                   {"children", json::array()}};
  if (!s.signature.empty()) out["detail"] = s.signature;
  return out;
}

// Nests symbols by byte containment; they arrive in document order.
json::array buildHierarchy(const std::vector<indexer::Symbol>& symbols,
                           const protocol::LineTable& lines, protocol::PositionEncoding encoding) {
  json::array roots;
  std::vector<std::pair<const indexer::Symbol*, json::object*>> open;
  for (const indexer::Symbol& s : symbols) {
    while (!open.empty() && open.back().first->endByte <= s.startByte) open.pop_back();
    json::array& siblings = open.empty() ? roots : open.back().second->at("children").as_array();
    siblings.push_back(documentSymbol(s, lines, encoding));
    open.emplace_back(&s, &siblings.back().as_object());
  }
  return roots;
}

}  // namespace

int lspSymbolKind(std::string_view kind) {
  static const std::map<std::string_view, int> kKinds = {
      {"module", 2},    {"namespace", 3},   {"class", 5},   {"impl", 5},       {"type", 5},
      {"method", 6},    {"constructor", 9}, {"enum", 10},   {"interface", 11}, {"trait", 11},
      {"function", 12}, {"macro", 14},      {"struct", 23},
  };
  auto it = kKinds.find(kind);
  return it == kKinds.end() ? 13 : it->second;  // 13: Variable
}

void SymbolMethods::registerOn(MethodTable& table) {
  table.method("textDocument/documentSymbol", this, &SymbolMethods::onDocumentSymbol);
  table.method("workspace/symbol", this, &SymbolMethods::onWorkspaceSymbol);
}

HandlerResult SymbolMethods::onDocumentSymbol(const protocol::DocumentSymbolParams& params,
                                              RequestContext&) {
  auto inside = workspace_.resolve(params.textDocument.uri);
  if (!inside) return gloss::unexpected(inside.error());
  if (auto doc = workspace_.overlay().find(*inside)) {
    auto chunked = workspace_.chunksOf(doc);
    protocol::LineTable lines(chunked->document->text);
    return json::value(buildHierarchy(chunked->chunks.symbols, lines, workspace_.encoding()));
  }
  // A file the index would not chunk gets no outline either, and is not read.
  std::error_code sizeError;
  std::uintmax_t size = std::filesystem::file_size(*inside, sizeError);
  if (!sizeError && size > workspace_.limits().maxChunkedBytes) return json::value(json::array());
  std::optional<std::string> text = indexer::readFile(*inside);
  if (!text) {
    return gloss::unexpected(
        protocol::makeError(protocol::ErrorCode::InvalidParams, "cannot read " + *inside));
  }
  indexer::ChunkResult chunked = indexer::chunkText(*inside, *text);
  protocol::LineTable lines(*text);
  return json::value(buildHierarchy(chunked.symbols, lines, workspace_.encoding()));
}

HandlerResult SymbolMethods::onWorkspaceSymbol(const protocol::WorkspaceSymbolParams& params,
                                               RequestContext& ctx) {
  if (params.query.empty()) return json::value(json::array());
  const std::size_t limit = workspace_.limits().symbolResults;
  struct Hit {
    std::string path;
    indexer::Symbol symbol;
    int score;
  };
  std::vector<Hit> hits;
  auto open = workspace_.overlay().all();
  auto isOpen = [&](const std::string& path) {
    return std::any_of(open.begin(), open.end(), [&](const auto& d) { return d->path == path; });
  };
  if (IndexService* index = workspace_.index()) {
    index->withReader([&](indexer::IndexReader& reader) {
      auto rows = reader.fuzzySymbols(params.query, static_cast<int>(limit));
      if (!rows) return;
      for (auto& row : *rows) {
        if (!isOpen(row.path)) hits.push_back({row.path, std::move(row.symbol), row.score});
      }
    });
  }
  indexer::FuzzyMatcher matcher(params.query);
  for (const auto& doc : open) {
    if (!workspace_.contains(doc->path)) continue;
    auto chunked = workspace_.chunksOf(doc);
    for (const auto& s : chunked->chunks.symbols) {
      if (auto score = matcher.score(s.name)) hits.push_back({doc->path, s, *score});
    }
  }
  if (ctx.cancelled()) return cancelledResult();
  std::stable_sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
    if (a.score != b.score) return a.score > b.score;
    return std::tie(a.path, a.symbol.startLine) < std::tie(b.path, b.symbol.startLine);
  });
  if (hits.size() > limit) hits.resize(limit);
  // Columns need the line text; read each file once.
  // Heap-held so that `lines`, which views `text`, never sees it move.
  struct FileLines {
    explicit FileLines(std::string t) : text(std::move(t)), lines(text) {}
    std::string text;
    protocol::LineTable lines;
  };
  std::map<std::string, std::unique_ptr<FileLines>> files;
  json::array out;
  for (const Hit& hit : hits) {
    auto [it, added] = files.try_emplace(hit.path);
    if (added) {
      if (auto text = workspace_.text(hit.path)) {
        it->second = std::make_unique<FileLines>(std::move(*text));
      }
    }
    if (!it->second) continue;
    const protocol::LineTable& lines = it->second->lines;
    const indexer::Symbol& s = hit.symbol;
    json::object info{
        {"name", s.name},
        {"kind", lspSymbolKind(s.kind)},
        {"location", json::object{{"uri", protocol::pathToUri(hit.path)},
                                  {"range", protocol::toJSON(toRange(
                                                lines, s.startLine, s.startColumn, s.endLine,
                                                s.endColumn, workspace_.encoding()))}}}};
    std::string container = s.parent;
    if (container.empty() && s.qualifiedName.size() > s.name.size()) {
      container = s.qualifiedName.substr(0, s.qualifiedName.size() - s.name.size());
      while (!container.empty() && (container.back() == '.' || container.back() == ':')) {
        container.pop_back();
      }
    }
    if (!container.empty()) info["containerName"] = container;
    out.push_back(std::move(info));
  }
  return json::value(std::move(out));
}

}  // namespace gloss::server
