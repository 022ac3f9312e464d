#include "indexer/IndexStore.h"

#include <algorithm>
#include <bit>
#include <cstring>

namespace gloss::indexer {
namespace {

// Every write below is a single-row statement without triggers, RETURNING or UPSERT, so none
// needs a statement journal: in SQLite 3.40 a statement that does calls FTS5's xSavepoint, which
// flushes the pending terms into a new segment — per chunk or per file, making bulk indexing
// several times slower and the index a heap of tiny segments to merge.
constexpr std::string_view kInsertFileSql = R"sql(
INSERT INTO files(path, root, size, mtime_ns, hash, language, chunk_count)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7))sql";

constexpr std::string_view kUpdateFileSql = R"sql(
UPDATE files SET root = ?2, size = ?3, mtime_ns = ?4, hash = ?5, language = ?6, chunk_count = ?7
WHERE id = ?1)sql";

constexpr std::string_view kInsertChunkSql = R"sql(
INSERT INTO chunks(file_id, ordinal, kind, symbol, qualified_name, signature, parent, start_byte,
                   end_byte, start_line, end_line, text)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12))sql";

constexpr std::string_view kIndexChunkSql =
    "INSERT INTO chunk_fts(rowid, qualified_name, text) VALUES (?1, ?2, ?3)";
// External content: FTS5 removes a row's terms only when given the exact values it indexed.
constexpr std::string_view kUnindexChunkSql = R"sql(
INSERT INTO chunk_fts(chunk_fts, rowid, qualified_name, text)
VALUES ('delete', ?1, ?2, ?3))sql";

constexpr std::string_view kInsertSymbolSql = R"sql(
INSERT INTO symbols(file_id, name, qualified_name, kind, signature, parent, start_byte, end_byte,
                    start_line, start_column, end_line, end_column, name_line, name_column)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14))sql";

// What a chunk contributes to the index: its outline, or its slice clamped to the text (a
// chunker bug must not read out of bounds).
std::string_view chunkText(const Chunk& chunk, std::string_view fileText) {
  if (!chunk.outline.empty()) return chunk.outline;
  std::size_t begin = std::min<std::size_t>(chunk.startByte, fileText.size());
  std::size_t end = std::clamp<std::size_t>(chunk.endByte, begin, fileText.size());
  return fileText.substr(begin, end - begin);
}

}  // namespace

// Multiply-rotate over 8-byte words, then a final avalanche. The length seeds the state so
// inputs differing only by trailing zero bytes hash differently.
std::uint64_t contentHash(std::string_view bytes) {
  constexpr std::uint64_t kOdd1 = 0x9E3779B97F4A7C15ull;  // 2^64 / golden ratio
  constexpr std::uint64_t kOdd2 = 0xD6E8FEB86659FD93ull;
  auto mix = [](std::uint64_t state, std::uint64_t word) {
    return std::rotl(state ^ (word * kOdd2), 29) * kOdd1;
  };
  std::uint64_t h = (bytes.size() + 1) * kOdd1;
  std::size_t i = 0;
  for (; i + 8 <= bytes.size(); i += 8) {
    std::uint64_t word;
    std::memcpy(&word, bytes.data() + i, 8);
    h = mix(h, word);
  }
  std::uint64_t tail = 0;
  if (i < bytes.size()) std::memcpy(&tail, bytes.data() + i, bytes.size() - i);
  h = mix(h, tail);
  h ^= h >> 32;
  h *= kOdd2;
  h ^= h >> 29;
  h *= kOdd1;
  return h ^ (h >> 32);
}

Expected<IndexStore, DbError> IndexStore::open(const std::string& path,
                                               const IndexOpenOptions& options) {
  IndexOpenReport report;
  auto db = openIndexForWriting(path, options, report);
  if (!db) return unexpected(std::move(db).error());
  return IndexStore(std::move(db).value(), std::move(report), options.busyTimeoutMs);
}

Expected<IndexReader, DbError> IndexStore::openReader() const {
  const std::string& path = db_.path();
  if (path.empty() || path == ":memory:") {
    return unexpected(DbError{SQLITE_MISUSE, "an in-memory index has no second connection"});
  }
  return IndexReader::open(path, busyTimeoutMs_);
}

Status IndexStore::replaceFile(const FileRecord& record, std::string_view text,
                               const std::vector<Chunk>& chunks,
                               const std::vector<Symbol>& symbols) {
  auto transaction = Transaction::begin(db_);
  if (!transaction) return unexpected(std::move(transaction).error());
  if (auto status = writeFile(record, text, chunks, symbols); !status) return status;
  markNamesStale();
  return transaction->commit();
}

Status IndexStore::replaceFiles(std::span<const ParsedFile> files) {
  auto transaction = Transaction::begin(db_);
  if (!transaction) return unexpected(std::move(transaction).error());
  for (const ParsedFile& file : files) {
    auto status = writeFile(file.record, file.text, file.chunks, file.symbols);
    if (!status) return status;
  }
  markNamesStale();
  return transaction->commit();
}

Expected<std::optional<std::int64_t>, DbError> IndexStore::fileIdOf(std::string_view path) {
  auto stmt = db_.prepare("SELECT id FROM files WHERE path = ?1");
  if (!stmt) return unexpected(std::move(stmt).error());
  (*stmt)->bindAll(path);
  auto row = (*stmt)->step();
  if (!row) return unexpected(std::move(row).error());
  if (!*row) return std::optional<std::int64_t>{};
  return std::optional<std::int64_t>((*stmt)->int64(0));
}

Status IndexStore::writeFile(const FileRecord& record, std::string_view text,
                             const std::vector<Chunk>& chunks, const std::vector<Symbol>& symbols) {
  auto existing = fileIdOf(record.path);
  if (!existing) return unexpected(std::move(existing).error());
  // An indexed file keeps its id, so its old rows are found by it and nothing else moves.
  if (*existing) {
    if (auto status = deleteRowsOf(**existing); !status) return status;
  }
  auto write = db_.prepare(*existing ? kUpdateFileSql : kInsertFileSql);
  if (!write) return unexpected(std::move(write).error());
  std::string_view language = languageInfo(record.language).name;
  if (*existing) {
    (*write)->bindAll(**existing, record.root, record.size, record.mtimeNs, record.hash, language,
                      chunks.size());
  } else {
    (*write)->bindAll(record.path, record.root, record.size, record.mtimeNs, record.hash, language,
                      chunks.size());
  }
  if (auto status = (*write)->run(); !status) return status;
  std::int64_t fileId = *existing ? **existing : sqlite3_last_insert_rowid(db_.handle());
  if (auto status = writeChunks(fileId, text, chunks); !status) return status;
  return writeSymbols(fileId, symbols);
}

Status IndexStore::writeChunks(std::int64_t fileId, std::string_view text,
                               const std::vector<Chunk>& chunks) {
  auto insert = db_.prepare(kInsertChunkSql);
  if (!insert) return unexpected(std::move(insert).error());
  auto index = db_.prepare(kIndexChunkSql);
  if (!index) return unexpected(std::move(index).error());
  for (std::size_t ordinal = 0; ordinal < chunks.size(); ++ordinal) {
    const Chunk& c = chunks[ordinal];
    std::string_view body = chunkText(c, text);
    // kind is stored as its number: IndexSchema's version covers a change of the enum.
    (*insert)->bindAll(fileId, ordinal, static_cast<int>(c.kind), c.symbol, c.qualifiedName,
                       c.signature, c.parent, c.startByte, c.endByte, c.startLine, c.endLine, body);
    if (auto status = (*insert)->run(); !status) return status;
    (*index)->bindAll(sqlite3_last_insert_rowid(db_.handle()), c.qualifiedName, body);
    if (auto status = (*index)->run(); !status) return status;
  }
  return Done{};
}

Status IndexStore::writeSymbols(std::int64_t fileId, const std::vector<Symbol>& symbols) {
  auto insert = db_.prepare(kInsertSymbolSql);
  if (!insert) return unexpected(std::move(insert).error());
  for (const Symbol& s : symbols) {
    (*insert)->bindAll(fileId, s.name, s.qualifiedName, s.kind, s.signature, s.parent, s.startByte,
                       s.endByte, s.startLine, s.startColumn, s.endLine, s.endColumn, s.nameLine,
                       s.nameColumn);
    if (auto status = (*insert)->run(); !status) return status;
  }
  return Done{};
}

Status IndexStore::unindexChunksOf(std::int64_t fileId) {
  auto chunks = db_.prepare("SELECT id, qualified_name, text FROM chunks WHERE file_id = ?1");
  if (!chunks) return unexpected(std::move(chunks).error());
  auto unindex = db_.prepare(kUnindexChunkSql);
  if (!unindex) return unexpected(std::move(unindex).error());
  (*chunks)->bindAll(fileId);
  while (true) {
    auto row = (*chunks)->step();
    if (!row) return unexpected(std::move(row).error());
    if (!*row) return Done{};
    const Statement& chunk = **chunks;
    (*unindex)->bindAll(chunk.int64(0), chunk.text(1), chunk.text(2));
    if (auto status = (*unindex)->run(); !status) return status;
  }
}

Status IndexStore::deleteRowsOf(std::int64_t fileId) {
  if (auto status = unindexChunksOf(fileId); !status) return status;
  for (std::string_view sql :
       {"DELETE FROM chunks WHERE file_id = ?1", "DELETE FROM symbols WHERE file_id = ?1"}) {
    auto stmt = db_.prepare(sql);
    if (!stmt) return unexpected(std::move(stmt).error());
    (*stmt)->bindAll(fileId);
    if (auto status = (*stmt)->run(); !status) return status;
  }
  return Done{};
}

Expected<bool, DbError> IndexStore::deleteFile(std::string_view path) {
  auto id = fileIdOf(path);
  if (!id) return unexpected(std::move(id).error());
  if (!*id) return false;
  if (auto status = deleteRowsOf(**id); !status) return unexpected(std::move(status).error());
  auto stmt = db_.prepare("DELETE FROM files WHERE id = ?1");
  if (!stmt) return unexpected(std::move(stmt).error());
  (*stmt)->bindAll(**id);
  if (auto status = (*stmt)->run(); !status) return unexpected(std::move(status).error());
  return true;
}

Expected<bool, DbError> IndexStore::removeFile(std::string_view path) {
  auto transaction = Transaction::begin(db_);
  if (!transaction) return unexpected(std::move(transaction).error());
  auto removed = deleteFile(path);
  if (!removed) return removed;
  markNamesStale();
  if (auto status = transaction->commit(); !status) return unexpected(std::move(status).error());
  return removed;
}

Status IndexStore::removeFiles(std::span<const std::string> paths) {
  auto transaction = Transaction::begin(db_);
  if (!transaction) return unexpected(std::move(transaction).error());
  for (const std::string& path : paths) {
    if (auto removed = deleteFile(path); !removed) return unexpected(std::move(removed).error());
  }
  markNamesStale();
  return transaction->commit();
}

Expected<bool, DbError> IndexStore::renameFile(std::string_view from, std::string_view to) {
  auto transaction = Transaction::begin(db_);
  if (!transaction) return unexpected(std::move(transaction).error());
  auto id = fileIdOf(from);
  if (!id) return unexpected(std::move(id).error());
  if (!*id) return false;
  if (from != to) {
    if (auto replaced = deleteFile(to); !replaced) return replaced;
    auto rename = db_.prepare("UPDATE files SET path = ?2 WHERE id = ?1");
    if (!rename) return unexpected(std::move(rename).error());
    (*rename)->bindAll(**id, to);
    if (auto status = (*rename)->run(); !status) return unexpected(std::move(status).error());
  }
  markNamesStale();
  if (auto status = transaction->commit(); !status) return unexpected(std::move(status).error());
  return true;
}

Expected<bool, DbError> IndexStore::touchFile(std::string_view path, std::int64_t size,
                                              std::int64_t mtimeNs) {
  auto stmt = db_.prepare("UPDATE files SET size = ?2, mtime_ns = ?3 WHERE path = ?1");
  if (!stmt) return unexpected(std::move(stmt).error());
  (*stmt)->bindAll(path, size, mtimeNs);
  if (auto status = (*stmt)->run(); !status) return unexpected(std::move(status).error());
  return sqlite3_changes(db_.handle()) > 0;
}

}  // namespace gloss::indexer
