// The sessions.db schema as a list of migrations, and the rules for opening it. Unlike the index
// (a cache that is rebuilt when in doubt), sessions.db is user data: a file gloss does not
// recognise, or one written by a newer gloss, is refused and left exactly as it was.
#pragma once

#include <string>
#include <vector>

#include "indexer/Sqlite.h"

namespace gloss::server::sessions {

inline constexpr int kSessionApplicationId = 0x676C7373;  // "glss"
inline constexpr int kSessionBusyTimeoutMs = 5000;

// Migration N takes a database at schema N-1 to schema N. Published migrations never change:
// older files on users' disks were made by them.
struct Migration {
  int version;
  const char* description;
  const char* sql;
};
const std::vector<Migration>& sessionMigrations();
// The newest schema this build knows: the last migration's version.
int sessionSchemaVersion();

struct OpenedSessionDatabase {
  indexer::Database db;
  int previousVersion = 0;  // 0: created now; below sessionSchemaVersion(): migrated from it
};

// Opens `path` (":memory:" allowed) for reading and writing: WAL, synchronous=FULL,
// foreign_keys=ON, a busy timeout, then creates or migrates the schema in one transaction.
// The error is a sentence for the user.
Expected<OpenedSessionDatabase, std::string> openSessionDatabase(const std::string& path);

// SQLITE_BUSY / SQLITE_LOCKED: another connection holds the lock; worth retrying.
bool isBusyError(int code);

}  // namespace gloss::server::sessions
