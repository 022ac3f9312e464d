// The index store (DESIGN.md §3): the single writer of index.db. Each file's rows (its files
// row, chunks, symbols and their FTS entries) are replaced together in one transaction, so a
// reader sees a file either as it was or as it is, and other files' rows are never touched.
// Queries come from IndexReader; openReader() adds read-only connections for other threads.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "indexer/Chunk.h"
#include "indexer/IndexReader.h"
#include "indexer/IndexSchema.h"
#include "indexer/Language.h"

namespace gloss::indexer {

struct FileRecord {
  std::string path;  // workspace-relative or absolute: the caller decides, and must stay consistent
  std::int64_t root = 0;  // which workspace folder the file belongs to
  std::int64_t size = 0;
  std::int64_t mtimeNs = 0;
  std::uint64_t hash = 0;  // contentHash of the file's bytes
  Language language = Language::Text;
};

// One file's worth of indexing output, for batched writes.
struct ParsedFile {
  FileRecord record;
  std::string text;
  std::vector<Chunk> chunks;
  std::vector<Symbol> symbols;
};

// A fast non-cryptographic 64-bit hash for "did the content change" checks.
std::uint64_t contentHash(std::string_view bytes);

class IndexStore : public IndexReader {
 public:
  // `path` may be ":memory:". An untrusted existing file is deleted and rebuilt; openReport()
  // says whether and why.
  static Expected<IndexStore, DbError> open(const std::string& path,
                                            const IndexOpenOptions& options = {});
  const IndexOpenReport& openReport() const { return report_; }

  IndexStore(IndexStore&&) = default;
  IndexStore& operator=(IndexStore&&) = default;
  // Marks the file as cleanly closed (see IndexOpenOptions::onlyAfterUncleanClose).
  ~IndexStore() { markCleanClose(db_); }

  // A read-only connection to the same file, for queries on another thread.
  Expected<IndexReader, DbError> openReader() const;

  // Stores a chunk's `outline` when it has one, else text[startByte, endByte).
  Status replaceFile(const FileRecord& record, std::string_view text,
                     const std::vector<Chunk>& chunks, const std::vector<Symbol>& symbols);
  // Many files in one transaction: the bulk-indexing path.
  Status replaceFiles(std::span<const ParsedFile> files);

  // False when the path was not indexed.
  Expected<bool, DbError> removeFile(std::string_view path);
  Status removeFiles(std::span<const std::string> paths);
  // Replaces whatever was indexed at `to`. False when `from` was not indexed.
  Expected<bool, DbError> renameFile(std::string_view from, std::string_view to);
  // The file's stat changed but its content hash did not. False when the path was not indexed.
  Expected<bool, DbError> touchFile(std::string_view path, std::int64_t size, std::int64_t mtimeNs);

 private:
  IndexStore(Database db, IndexOpenReport report, int busyTimeoutMs)
      : IndexReader(std::move(db)), report_(std::move(report)), busyTimeoutMs_(busyTimeoutMs) {}

  Expected<std::optional<std::int64_t>, DbError> fileIdOf(std::string_view path);
  Status writeFile(const FileRecord& record, std::string_view text,
                   const std::vector<Chunk>& chunks, const std::vector<Symbol>& symbols);
  Status writeChunks(std::int64_t fileId, std::string_view text, const std::vector<Chunk>& chunks);
  Status writeSymbols(std::int64_t fileId, const std::vector<Symbol>& symbols);
  Expected<bool, DbError> deleteFile(std::string_view path);
  Status unindexChunksOf(std::int64_t fileId);
  Status deleteRowsOf(std::int64_t fileId);

  IndexOpenReport report_;
  int busyTimeoutMs_;
};

}  // namespace gloss::indexer
