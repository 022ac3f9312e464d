// The index.db schema and the rules for opening it. The index is a cache (DESIGN.md §3): a file
// that is not a database, fails quick_check, belongs to another application or has another
// schema version is never trusted — it is deleted and rebuilt, and the caller is told why.
#pragma once

#include <string>

#include "indexer/Sqlite.h"

namespace gloss::indexer {

// Bump whenever a table, index, tokenizer rule or stored encoding (such as ChunkKind's numeric
// values) changes: older files are then rebuilt instead of misread.
inline constexpr int kIndexSchemaVersion = 1;
inline constexpr int kIndexApplicationId = 0x676C6F73;  // "glos"

struct IndexOpenOptions {
  // quick_check reads every page: about a second per GB. Off trusts an existing file's pages.
  bool quickCheck = true;
  int busyTimeoutMs = 5000;
};

struct IndexOpenReport {
  bool created = false;  // a new, empty index was made (also after a rebuild)
  bool rebuilt = false;  // an existing file was deleted because it was not trusted
  std::string reason;    // why it was rebuilt
};

// The writer's connection: WAL, synchronous=NORMAL, schema created if missing.
Expected<Database, DbError> openIndexForWriting(const std::string& path,
                                                const IndexOpenOptions& options,
                                                IndexOpenReport& report);

// A read-only connection to an index a writer created; an untrusted file is an error here, since
// only the writer may delete it.
Expected<Database, DbError> openIndexForReading(const std::string& path, int busyTimeoutMs);

// Codes meaning "this file cannot be trusted" rather than "this call failed".
bool isCorruptionError(const DbError& error);

}  // namespace gloss::indexer
