// Opening sessions.db: migrating a database made by the first schema (its rows kept, the new
// full-text search working on them), and refusing — without changing a byte — a file from a
// newer gloss or one that is not a sessions database.
#include "indexer/Sqlite.h"
#include "server/sessions/SessionSchema.h"
#include "session_test_support.h"

namespace gloss::server::sessions::test {
namespace {

using indexer::Database;

void exec(Database& db, const std::string& sql) {
  auto status = db.exec(sql.c_str());
  ASSERT_TRUE(status) << status.error().message << "\n" << sql;
}

// What gloss with schema 1 would have left on disk.
void makeVersionOneDatabase(const std::string& path) {
  auto db = Database::open(path, Database::Mode::ReadWriteCreate);
  ASSERT_TRUE(db);
  ASSERT_EQ(sessionMigrations().front().version, 1);
  exec(*db, sessionMigrations().front().sql);
  exec(*db, "PRAGMA application_id=" + std::to_string(kSessionApplicationId) +
                "; PRAGMA user_version=1");
  exec(*db,
       "INSERT INTO sessions(id, title, title_is_auto, workspace, created_at, updated_at) VALUES "
       "(1, 'Old conversation', 0, '/old', 1000, 2000), (2, '', 1, '/old', 1500, 1500)");
  exec(*db,
       "INSERT INTO messages(id, session_id, role, content, created_at, model, total_ms, "
       "metadata) VALUES (1, 1, 'user', 'how does the walker skip ignored folders', 1000, '', "
       "NULL, '{}'), (2, 1, 'assistant', 'it reads gitignore rules', 1100, 'old-model', 700, "
       "'{\"commands\":[\"/explain\"]}')");
  exec(*db,
       "INSERT INTO messages(id, session_id, role, content, created_at, deleted_at) VALUES "
       "(3, 1, 'user', 'withdrawn remark', 1200, 1300)");
  exec(*db,
       "INSERT INTO summaries(session_id, text, topics, first_message_id, last_message_id, "
       "created_at) VALUES (1, 'walker talk', '[\"walker\"]', 1, 2, 2100)");
}

TEST(SessionSchema, MigratesAVersionOneDatabaseKeepingItsRows) {
  TempFolder folder;
  std::string path = folder.path("sessions.db");
  makeVersionOneDatabase(path);
  auto store = openOrFail(path);
  ASSERT_TRUE(store);
  EXPECT_EQ(store->previousSchemaVersion(), 1);

  auto old = store->getSession(1);
  ASSERT_TRUE(old);
  EXPECT_EQ(old->title, "Old conversation");
  EXPECT_EQ(old->workspace, "/old");
  EXPECT_EQ(old->messageCount, 2);
  auto reply = store->getMessage(2);
  EXPECT_EQ(reply->content, "it reads gitignore rules");
  EXPECT_EQ(reply->usage.totalMs, 700);
  EXPECT_EQ((*store->latestSummary(1))->text, "walker talk");

  // Search, new in schema 2, covers what schema 1 stored, except deleted text.
  auto hits = store->search("gitignore", 10);
  ASSERT_TRUE(hits);
  ASSERT_EQ(hits->size(), 1u);
  EXPECT_EQ((*hits)[0].session.id, 1);
  EXPECT_EQ(store->search("conversation", 10)->size(), 1u);
  EXPECT_TRUE(store->search("withdrawn", 10)->empty());
  EXPECT_EQ(store->stats(0)->topCommands.size(), 1u);

  // New rows work as usual, and the file says it is at the current schema.
  ASSERT_TRUE(store->appendMessage(2, userMessage("fresh question about tokens")));
  EXPECT_EQ(store->getSession(2)->title, "fresh question about tokens");
  EXPECT_EQ(store->search("tokens", 10)->size(), 1u);
  EXPECT_EQ(*store->integrityCheck(), "ok");
  store.reset();
  auto db = Database::open(path, Database::Mode::ReadOnly);
  EXPECT_EQ(*db->queryInt("PRAGMA user_version"), sessionSchemaVersion());
}

TEST(SessionSchema, ANewerSchemaIsRefusedAndLeftUntouched) {
  TempFolder folder;
  std::string path = folder.path("sessions.db");
  {
    auto store = openOrFail(path);
    ASSERT_TRUE(store);
    ASSERT_TRUE(store->createSession("from the future", ""));
  }
  {
    auto db = Database::open(path, Database::Mode::ReadWriteCreate);
    ASSERT_TRUE(db);
    exec(*db, "PRAGMA user_version=99");
  }
  std::string before = readBytes(path);
  ASSERT_FALSE(before.empty());
  auto refused = SessionStore::open(path);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().kind, SessionError::Kind::Unavailable);
  EXPECT_NE(refused.error().message.find(
                "sessions.db was written by a newer gloss (schema 99, this build knows " +
                std::to_string(sessionSchemaVersion()) + "); not opened, not modified"),
            std::string::npos)
      << refused.error().message;
  EXPECT_EQ(readBytes(path), before);
}

TEST(SessionSchema, FilesThatAreNotSessionDatabasesAreRefusedUntouched) {
  TempFolder folder;
  std::string text = folder.path("notes.db");
  { std::ofstream(text) << "these are my notes, not a database\n"; }
  std::string textBefore = readBytes(text);
  auto refused = SessionStore::open(text);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("not modified"), std::string::npos);
  EXPECT_EQ(readBytes(text), textBefore);

  std::string other = folder.path("other.db");
  {
    auto db = Database::open(other, Database::Mode::ReadWriteCreate);
    ASSERT_TRUE(db);
    exec(*db, "CREATE TABLE things(x); INSERT INTO things VALUES (1)");
  }
  std::string otherBefore = readBytes(other);
  auto foreign = SessionStore::open(other);
  ASSERT_FALSE(foreign);
  EXPECT_NE(foreign.error().message.find("not a gloss sessions database"), std::string::npos)
      << foreign.error().message;
  EXPECT_EQ(readBytes(other), otherBefore);
}

TEST(SessionSchema, AnEmptyFileBecomesANewDatabaseInAFolderMadeForIt) {
  TempFolder folder;
  std::string path = folder.path("deeper/still/sessions.db");
  auto store = openOrFail(path);
  ASSERT_TRUE(store);
  EXPECT_EQ(store->previousSchemaVersion(), 0);
  EXPECT_EQ(*store->integrityCheck(), "ok");
  store.reset();
  auto db = Database::open(path, Database::Mode::ReadOnly);
  EXPECT_EQ(*db->queryInt("PRAGMA application_id"), kSessionApplicationId);
  EXPECT_EQ(*db->queryInt("PRAGMA user_version"), sessionSchemaVersion());
}

TEST(SessionSchema, WalModeFullSyncAndForeignKeys) {
  TempFolder folder;
  auto opened = openSessionDatabase(folder.path("sessions.db"));
  ASSERT_TRUE(opened);
  Database& db = opened->db;
  auto mode = db.prepare("PRAGMA journal_mode");
  ASSERT_TRUE(mode && *(*mode)->step());
  EXPECT_EQ((*mode)->string(0), "wal");
  EXPECT_EQ(*db.queryInt("PRAGMA synchronous"), 2);  // FULL
  EXPECT_EQ(*db.queryInt("PRAGMA foreign_keys"), 1);
  EXPECT_EQ(db.exec("INSERT INTO messages(session_id, role, content, created_at) VALUES "
                    "(12345, 'user', 'orphan', 1)")
                .ok(),
            false);
}

}  // namespace
}  // namespace gloss::server::sessions::test
