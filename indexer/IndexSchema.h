// The index.db schema and the rules for opening it. The index is a cache (DESIGN.md §3): a file
// that is not a database, fails quick_check, belongs to another application or has another
// schema version is never trusted — it is deleted and rebuilt, and the caller is told why.
#pragma once

#include <string>

#include "indexer/Sqlite.h"

namespace gloss::indexer {

// Bump whenever a table, index, tokenizer rule or stored encoding (such as ChunkKind's numeric
// values) changes: older files are then rebuilt instead of misread.
inline constexpr int kIndexSchemaVersion = 3;
inline constexpr int kIndexApplicationId = 0x676C6F73;  // "glos"

struct IndexOpenOptions {
  // quick_check reads every page: about a second per GB. Off trusts an existing file's pages.
  bool quickCheck = true;
  // Run quick_check only when the last writer did not close cleanly (a crash, a kill -9): the
  // cheap header, application-id and version checks still run on every open.
  bool onlyAfterUncleanClose = false;
  int busyTimeoutMs = 5000;
};

// What the daemon and the CLI use: a full quick_check only after an unclean close, so that
// re-opening a large unchanged index stays well under a second.
inline IndexOpenOptions fastReopenOptions() {
  IndexOpenOptions options;
  options.onlyAfterUncleanClose = true;
  return options;
}

struct IndexOpenReport {
  bool created = false;  // a new, empty index was made (also after a rebuild)
  bool rebuilt = false;  // an existing file was deleted because it was not trusted
  std::string reason;    // why it was rebuilt
};

// The writer's connection: WAL, synchronous=NORMAL, schema created if missing.
Expected<Database, DbError> openIndexForWriting(const std::string& path,
                                                const IndexOpenOptions& options,
                                                IndexOpenReport& report);

// Records that the writer closed cleanly (IndexStore's destructor calls it).
void markCleanClose(Database& db);

// A read-only connection to an index a writer created; an untrusted file is an error here, since
// only the writer may delete it.
Expected<Database, DbError> openIndexForReading(const std::string& path, int busyTimeoutMs);

// Codes meaning "this file cannot be trusted" rather than "this call failed".
bool isCorruptionError(const DbError& error);

}  // namespace gloss::indexer
