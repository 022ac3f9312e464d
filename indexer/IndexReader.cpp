#include "indexer/IndexReader.h"

#include <algorithm>
#include <limits>

#include "indexer/FuzzyMatch.h"
#include "indexer/IndexSchema.h"

namespace gloss::indexer {
namespace {

// A hit on a definition's qualified name counts this many times a hit in the body.
constexpr double kNameWeight = 4.0;

// Every chunk query selects these columns in this order (see readChunk).
constexpr std::string_view kSearchSql = R"sql(
WITH hits AS (
  SELECT rowid, bm25(chunk_fts, ?3, 1.0) AS rank FROM chunk_fts
  WHERE chunk_fts MATCH ?1 ORDER BY rank LIMIT ?2)
SELECT c.id, f.path, c.kind, c.symbol, c.qualified_name, c.signature, c.parent, c.start_byte,
       c.end_byte, c.start_line, c.end_line, c.text, -hits.rank
FROM hits JOIN chunks c ON c.id = hits.rowid JOIN files f ON f.id = c.file_id
ORDER BY hits.rank)sql";

constexpr std::string_view kChunksOfFileSql = R"sql(
SELECT c.id, f.path, c.kind, c.symbol, c.qualified_name, c.signature, c.parent, c.start_byte,
       c.end_byte, c.start_line, c.end_line, c.text
FROM files f JOIN chunks c ON c.file_id = f.id WHERE f.path = ?1 ORDER BY c.ordinal)sql";

// Smallest span first; on a tie the real code beats the container's outline.
constexpr std::string_view kChunkAtSql = R"sql(
SELECT c.id, f.path, c.kind, c.symbol, c.qualified_name, c.signature, c.parent, c.start_byte,
       c.end_byte, c.start_line, c.end_line, c.text
FROM files f JOIN chunks c ON c.file_id = f.id
WHERE f.path = ?1 AND c.start_line <= ?2 AND c.end_line >= ?2
ORDER BY c.end_line - c.start_line, c.kind = ?3, c.ordinal LIMIT 1)sql";

// Every symbol query selects these columns in this order (see readSymbol).
constexpr std::string_view kSymbolsOfFileSql = R"sql(
SELECT s.id, f.path, s.name, s.qualified_name, s.kind, s.signature, s.parent, s.start_byte,
       s.end_byte, s.start_line, s.start_column, s.end_line, s.end_column, s.name_line,
       s.name_column
FROM files f JOIN symbols s ON s.file_id = f.id WHERE f.path = ?1 ORDER BY s.start_byte, s.id)sql";

constexpr std::string_view kSymbolsByNameSql = R"sql(
SELECT s.id, f.path, s.name, s.qualified_name, s.kind, s.signature, s.parent, s.start_byte,
       s.end_byte, s.start_line, s.start_column, s.end_line, s.end_column, s.name_line,
       s.name_column
FROM symbols s JOIN files f ON f.id = s.file_id WHERE s.name = ?1
ORDER BY f.path, s.start_byte LIMIT ?2)sql";

constexpr std::string_view kSymbolsByLowerNameSql = R"sql(
SELECT s.id, f.path, s.name, s.qualified_name, s.kind, s.signature, s.parent, s.start_byte,
       s.end_byte, s.start_line, s.start_column, s.end_line, s.end_column, s.name_line,
       s.name_column
FROM symbols s JOIN files f ON f.id = s.file_id WHERE lower(s.name) = lower(?1)
ORDER BY f.path, s.start_byte LIMIT ?2)sql";

ChunkRow readChunk(const Statement& stmt) {
  ChunkRow row;
  row.id = stmt.int64(0);
  row.path = stmt.string(1);
  Chunk& chunk = row.chunk;
  chunk.kind = static_cast<ChunkKind>(stmt.int64(2));
  chunk.symbol = stmt.string(3);
  chunk.qualifiedName = stmt.string(4);
  chunk.signature = stmt.string(5);
  chunk.parent = stmt.string(6);
  chunk.startByte = static_cast<std::uint32_t>(stmt.int64(7));
  chunk.endByte = static_cast<std::uint32_t>(stmt.int64(8));
  chunk.startLine = static_cast<std::uint32_t>(stmt.int64(9));
  chunk.endLine = static_cast<std::uint32_t>(stmt.int64(10));
  row.text = stmt.string(11);
  return row;
}

SymbolRow readSymbol(const Statement& stmt) {
  SymbolRow row;
  row.id = stmt.int64(0);
  row.path = stmt.string(1);
  Symbol& symbol = row.symbol;
  symbol.name = stmt.string(2);
  symbol.qualifiedName = stmt.string(3);
  symbol.kind = stmt.string(4);
  symbol.signature = stmt.string(5);
  symbol.parent = stmt.string(6);
  auto u32 = [&](int column) { return static_cast<std::uint32_t>(stmt.int64(column)); };
  symbol.startByte = u32(7);
  symbol.endByte = u32(8);
  symbol.startLine = u32(9);
  symbol.startColumn = u32(10);
  symbol.endLine = u32(11);
  symbol.endColumn = u32(12);
  symbol.nameLine = u32(13);
  symbol.nameColumn = u32(14);
  return row;
}

}  // namespace

Expected<IndexReader, DbError> IndexReader::open(const std::string& path, int busyTimeoutMs) {
  auto db = openIndexForReading(path, busyTimeoutMs);
  if (!db) return unexpected(std::move(db).error());
  return IndexReader(std::move(db).value());
}

Expected<FileStamps, DbError> IndexReader::loadStamps() {
  auto stmt = db_.prepare("SELECT path, id, size, mtime_ns, hash FROM files");
  if (!stmt) return unexpected(std::move(stmt).error());
  FileStamps stamps;
  while (true) {
    auto row = (*stmt)->step();
    if (!row) return unexpected(std::move(row).error());
    if (!*row) return stamps;
    const Statement& s = **stmt;
    stamps.emplace(s.string(0), FileStamp{s.int64(1), s.int64(2), s.int64(3),
                                          static_cast<std::uint64_t>(s.int64(4))});
  }
}

Expected<std::optional<FileStamp>, DbError> IndexReader::fileStamp(std::string_view path) {
  auto stmt = db_.prepare("SELECT id, size, mtime_ns, hash FROM files WHERE path = ?1");
  if (!stmt) return unexpected(std::move(stmt).error());
  (*stmt)->bindAll(path);
  auto row = (*stmt)->step();
  if (!row) return unexpected(std::move(row).error());
  if (!*row) return std::optional<FileStamp>{};
  const Statement& s = **stmt;
  return std::optional<FileStamp>(
      FileStamp{s.int64(0), s.int64(1), s.int64(2), static_cast<std::uint64_t>(s.int64(3))});
}

Expected<std::vector<ChunkRow>, DbError> IndexReader::collectChunks(Statement& stmt, bool scored) {
  std::vector<ChunkRow> rows;
  while (true) {
    auto row = stmt.step();
    if (!row) return unexpected(std::move(row).error());
    if (!*row) return rows;
    rows.push_back(readChunk(stmt));
    if (scored) rows.back().score = stmt.real(12);
  }
}

Expected<std::vector<ChunkRow>, DbError> IndexReader::searchChunks(std::string_view query,
                                                                   int limit, MatchMode mode) {
  std::string expression = buildMatchExpression(query, mode);
  if (expression.empty() || limit <= 0) return std::vector<ChunkRow>{};
  auto stmt = db_.prepare(kSearchSql);
  if (!stmt) return unexpected(std::move(stmt).error());
  (*stmt)->bindAll(expression, limit, kNameWeight);
  return collectChunks(**stmt, true);
}

Expected<std::vector<ChunkRow>, DbError> IndexReader::chunksOfFile(std::string_view path) {
  auto stmt = db_.prepare(kChunksOfFileSql);
  if (!stmt) return unexpected(std::move(stmt).error());
  (*stmt)->bindAll(path);
  return collectChunks(**stmt, false);
}

Expected<std::optional<ChunkRow>, DbError> IndexReader::chunkAt(std::string_view path,
                                                                std::uint32_t line) {
  auto stmt = db_.prepare(kChunkAtSql);
  if (!stmt) return unexpected(std::move(stmt).error());
  (*stmt)->bindAll(path, line, static_cast<int>(ChunkKind::Outline));
  auto rows = collectChunks(**stmt, false);
  if (!rows) return unexpected(std::move(rows).error());
  if (rows->empty()) return std::optional<ChunkRow>{};
  return std::optional<ChunkRow>(std::move(rows->front()));
}

Status IndexReader::appendSymbols(Statement& stmt, std::vector<SymbolRow>& rows,
                                  std::size_t limit) {
  while (rows.size() < limit) {
    auto row = stmt.step();
    if (!row) return unexpected(std::move(row).error());
    if (!*row) break;
    rows.push_back(readSymbol(stmt));
  }
  return Done{};
}

Expected<std::vector<SymbolRow>, DbError> IndexReader::symbolsOfFile(std::string_view path) {
  auto stmt = db_.prepare(kSymbolsOfFileSql);
  if (!stmt) return unexpected(std::move(stmt).error());
  (*stmt)->bindAll(path);
  std::vector<SymbolRow> rows;
  if (auto status = appendSymbols(**stmt, rows, std::numeric_limits<std::size_t>::max()); !status) {
    return unexpected(std::move(status).error());
  }
  return rows;
}

Expected<std::vector<SymbolRow>, DbError> IndexReader::findSymbolsByName(std::string_view name,
                                                                         bool exact, int limit) {
  std::vector<SymbolRow> rows;
  if (limit <= 0) return rows;
  auto stmt = db_.prepare(exact ? kSymbolsByNameSql : kSymbolsByLowerNameSql);
  if (!stmt) return unexpected(std::move(stmt).error());
  (*stmt)->bindAll(name, limit);
  if (auto status = appendSymbols(**stmt, rows, static_cast<std::size_t>(limit)); !status) {
    return unexpected(std::move(status).error());
  }
  return rows;
}

Status IndexReader::refreshNames() {
  // Read the version first: a commit landing during the reload then shows up as a newer version
  // next time, instead of being hidden behind it.
  auto version = db_.queryInt("PRAGMA data_version");
  if (!version) return unexpected(std::move(version).error());
  if (!namesStale_ && *version == namesDataVersion_) return Done{};
  auto stmt = db_.prepare("SELECT DISTINCT name FROM symbols");
  if (!stmt) return unexpected(std::move(stmt).error());
  nameBytes_.clear();
  nameEnds_.clear();
  while (true) {
    auto row = (*stmt)->step();
    if (!row) return unexpected(std::move(row).error());
    if (!*row) break;
    nameBytes_ += (*stmt)->text(0);
    nameEnds_.push_back(nameBytes_.size());
  }
  namesDataVersion_ = *version;
  namesStale_ = false;
  return Done{};
}

std::string_view IndexReader::name(std::size_t index) const {
  std::size_t begin = index == 0 ? 0 : nameEnds_[index - 1];
  return std::string_view(nameBytes_).substr(begin, nameEnds_[index] - begin);
}

Expected<std::vector<SymbolRow>, DbError> IndexReader::fuzzySymbols(std::string_view query,
                                                                    int limit) {
  std::vector<SymbolRow> rows;
  if (limit <= 0) return rows;
  if (auto status = refreshNames(); !status) return unexpected(std::move(status).error());

  struct Hit {
    int score;
    std::size_t name;
  };
  std::vector<Hit> hits;
  FuzzyMatcher matcher(query);
  for (std::size_t i = 0; i < nameEnds_.size(); ++i) {
    if (auto score = matcher.score(name(i))) hits.push_back({*score, i});
  }
  auto better = [&](const Hit& a, const Hit& b) {
    if (a.score != b.score) return a.score > b.score;
    std::string_view x = name(a.name);
    std::string_view y = name(b.name);
    return x.size() != y.size() ? x.size() < y.size() : x < y;
  };
  auto top = hits.begin() + std::min<std::size_t>(hits.size(), static_cast<std::size_t>(limit));
  std::partial_sort(hits.begin(), top, hits.end(), better);

  for (auto hit = hits.begin(); hit != top && rows.size() < static_cast<std::size_t>(limit);
       ++hit) {
    auto stmt = db_.prepare(kSymbolsByNameSql);
    if (!stmt) return unexpected(std::move(stmt).error());
    (*stmt)->bindAll(name(hit->name), limit);
    std::size_t before = rows.size();
    if (auto status = appendSymbols(**stmt, rows, static_cast<std::size_t>(limit)); !status) {
      return unexpected(std::move(status).error());
    }
    for (std::size_t i = before; i < rows.size(); ++i) rows[i].score = hit->score;
  }
  return rows;
}

Expected<IndexStats, DbError> IndexReader::stats() {
  IndexStats stats;
  auto files = db_.prepare("SELECT count(*), coalesce(sum(size), 0) FROM files");
  if (!files) return unexpected(std::move(files).error());
  if (auto row = (*files)->step(); !row) return unexpected(std::move(row).error());
  stats.files = (*files)->int64(0);
  stats.sourceBytes = (*files)->int64(1);

  auto chunks = db_.queryInt("SELECT count(*) FROM chunks");
  auto symbols = db_.queryInt("SELECT count(*) FROM symbols");
  auto pages = db_.queryInt("PRAGMA page_count");
  auto pageSize = db_.queryInt("PRAGMA page_size");
  for (auto* value : {&chunks, &symbols, &pages, &pageSize}) {
    if (!*value) return unexpected(value->error());
  }
  stats.chunks = *chunks;
  stats.symbols = *symbols;
  stats.databaseBytes = *pages * *pageSize;

  auto languages = db_.prepare("SELECT language, count(*) FROM files GROUP BY language");
  if (!languages) return unexpected(std::move(languages).error());
  while (true) {
    auto row = (*languages)->step();
    if (!row) return unexpected(std::move(row).error());
    if (!*row) return stats;
    stats.filesPerLanguage[(*languages)->string(0)] = (*languages)->int64(1);
  }
}

}  // namespace gloss::indexer
