// Queries over index.db. IndexStore (the single writer) is an IndexReader over its own
// connection; IndexReader::open gives a second, read-only connection whose queries run while
// the writer indexes (WAL: a reader sees the last committed transaction, never a partial one).
// A connection belongs to one thread at a time (opened with SQLITE_OPEN_NOMUTEX).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "indexer/Chunk.h"
#include "indexer/IdentifierTokenizer.h"
#include "indexer/Sqlite.h"

namespace gloss::indexer {

struct ChunkRow {
  std::int64_t id = 0;
  std::string path;
  Chunk chunk;       // outline is left empty: for Outline chunks `text` holds it
  std::string text;  // what was indexed: the outline or the file's byte slice
  double score = 0;  // searchChunks only: -bm25, so higher is better
};

struct SymbolRow {
  std::int64_t id = 0;
  std::string path;
  Symbol symbol;
  int score = 0;  // fuzzySymbols only: FuzzyMatcher's score, higher is better
};

// What the startup pass compares with a stat: unchanged size and mtime means skip the file.
struct FileStamp {
  std::int64_t id = 0;
  std::int64_t size = 0;
  std::int64_t mtimeNs = 0;
  std::uint64_t hash = 0;
};
using FileStamps = std::unordered_map<std::string, FileStamp>;

struct IndexStats {
  std::int64_t files = 0;
  std::int64_t chunks = 0;
  std::int64_t symbols = 0;
  std::int64_t sourceBytes = 0;  // sum of the indexed files' sizes
  std::map<std::string, std::int64_t> filesPerLanguage;
  std::int64_t databaseBytes = 0;  // page_count × page_size, committed WAL pages included
};

class IndexReader {
 public:
  // A read-only connection to an index created by an IndexStore; not for ":memory:".
  static Expected<IndexReader, DbError> open(const std::string& path, int busyTimeoutMs = 5000);

  Expected<FileStamps, DbError> loadStamps();
  Expected<std::optional<FileStamp>, DbError> fileStamp(std::string_view path);

  // Full-text search over chunk text and qualified names, best bm25 first. Any text is safe:
  // it goes through buildMatchExpression. No words → no results.
  Expected<std::vector<ChunkRow>, DbError> searchChunks(std::string_view query, int limit,
                                                        MatchMode mode = MatchMode::Any);
  Expected<std::vector<ChunkRow>, DbError> chunksOfFile(std::string_view path);
  // The smallest chunk whose line range holds `line` (0-based); nullopt if none does.
  Expected<std::optional<ChunkRow>, DbError> chunkAt(std::string_view path, std::uint32_t line);

  Expected<std::vector<SymbolRow>, DbError> symbolsOfFile(std::string_view path);
  // exact: byte-equal names; otherwise ASCII case-insensitive.
  Expected<std::vector<SymbolRow>, DbError> findSymbolsByName(std::string_view name, bool exact,
                                                              int limit = 200);
  // Fuzzy subsequence search (FuzzyMatch.h) over distinct symbol names held in memory, best
  // first; each matching name contributes its definitions (by path) until `limit` rows.
  Expected<std::vector<SymbolRow>, DbError> fuzzySymbols(std::string_view query, int limit);

  Expected<IndexStats, DbError> stats();

  // The connection itself, for queries kept next to their feature (grep's trigram tables).
  Database& database() { return db_; }

 protected:
  explicit IndexReader(Database db) : db_(std::move(db)) {}
  // The writer's own commits do not change its PRAGMA data_version, so it says so itself.
  void markNamesStale() { namesStale_ = true; }

  Database db_;

 private:
  Expected<std::vector<ChunkRow>, DbError> collectChunks(Statement& stmt, bool scored);
  Status appendSymbols(Statement& stmt, std::vector<SymbolRow>& rows, std::size_t limit);
  Status refreshNames();

  std::string_view name(std::size_t index) const;

  // Distinct symbol names for fuzzy search, packed into one buffer (one allocation instead of
  // half a million): name i is nameBytes_[nameEnds_[i - 1], nameEnds_[i]).
  std::string nameBytes_;
  std::vector<std::size_t> nameEnds_;
  std::int64_t namesDataVersion_ = -1;
  bool namesStale_ = true;
};

}  // namespace gloss::indexer
