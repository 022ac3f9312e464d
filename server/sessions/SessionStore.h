// The chat-session store: sessions, their messages and summaries in sessions.db (user data,
// DESIGN.md §3). Every change is a transaction committed with a full sync before the call
// returns, so whatever a caller was told is stored survives a kill -9 or a power cut; a reply
// is created as 'incomplete' before its first token and checkpointed while it streams.
//
// Thread-safe: one connection under one mutex (calls are short; a second connection for reads
// would buy little and double the cache). Several processes may share the file: WAL lets
// readers run beside the writer, and write transactions wait for the lock (busy timeout) and
// are retried when it stays taken.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "server/sessions/SessionTypes.h"

namespace gloss::server::sessions {

struct SessionStoreOptions {
  // ms since the epoch; the system clock when empty (tests pin it).
  std::function<std::int64_t()> clock;
};

class SessionStore {
 public:
  // Opens or creates the database at `path` (":memory:" allowed), migrating an older schema.
  // A file from a newer gloss, or one that is not a sessions database, is refused untouched.
  static Result<std::unique_ptr<SessionStore>> open(const std::string& path,
                                                    SessionStoreOptions options = {});
  ~SessionStore();

  const std::string& path() const { return path_; }
  // The schema version found on open: 0 for a new file, lower than current when migrated.
  int previousSchemaVersion() const { return previousVersion_; }

  // Sessions. An empty title is filled in from the first user message.
  Result<Session> createSession(std::string_view title, std::string_view workspace);
  // Ordered by updated_at, newest first, then id; the cursor makes pages stable under inserts.
  Result<SessionPage> listSessions(const ListOptions& options);
  // Soft-deleted sessions can still be read; they refuse changes.
  Result<Session> getSession(std::int64_t id);
  Result<Session> rename(std::int64_t id, std::string_view title);
  Result<Session> setArchived(std::int64_t id, bool archived);
  // Soft: marked deleted and hidden from lists and search. Hard: the rows are gone.
  Status deleteSession(std::int64_t id, bool hard);
  Result<std::int64_t> countSessions();

  // Messages.
  Result<MessagePage> messages(std::int64_t sessionId, const MessagePageOptions& options);
  Result<Message> getMessage(std::int64_t id);
  Result<Message> appendMessage(std::int64_t sessionId, const NewMessage& message);
  // An empty assistant message with status 'incomplete', stored before the first token.
  Result<std::int64_t> beginReply(std::int64_t sessionId, std::string_view model,
                                  std::string_view provider);
  // Replaces the text of a reply still 'incomplete'; cheap enough to call every second.
  Status checkpointReply(std::int64_t messageId, std::string_view textSoFar);
  Result<Message> finishReply(std::int64_t messageId, const ReplyOutcome& outcome);
  // Keeps the first version in original_content however many times it is edited.
  Result<Message> editMessage(std::int64_t id, std::string_view content);
  Status deleteMessage(std::int64_t id);
  // What a prompt may quote: messages not deleted, oldest first.
  Result<std::vector<HistoryEntry>> historyForPrompt(std::int64_t sessionId);

  // Summaries of older turns.
  Result<Summary> saveSummary(std::int64_t sessionId, std::string_view text,
                              const std::vector<std::string>& topics, std::int64_t firstMessageId,
                              std::int64_t lastMessageId);
  Result<std::optional<Summary>> latestSummary(std::int64_t sessionId);

  // Full-text search over titles and messages; sessions not deleted, best matches first.
  Result<std::vector<SearchHit>> search(std::string_view query, int limit);
  // Usage figures; `nowMs` decides what "today" (local time) is.
  Result<Stats> stats(std::int64_t nowMs);

  Result<SessionRecord> record(std::int64_t id);
  Result<std::string> exportMarkdown(std::int64_t id);
  Result<std::string> exportJson(std::int64_t id);

  // "ok", or what SQLite's integrity_check and the full-text indexes' own checks found.
  Result<std::string> integrityCheck();

 private:
  SessionStore(indexer::Database db, std::string path, int previousVersion,
               SessionStoreOptions options);

  std::int64_t now() const;
  // Runs `body` in BEGIN IMMEDIATE ... COMMIT under the mutex, retrying the whole transaction
  // while another connection keeps the lock.
  Status write(const std::function<Status()>& body);
  // Runs `body` in one read transaction (a consistent snapshot) under the mutex.
  Status read(const std::function<Status()>& body);

  // These expect the mutex held and a transaction open.
  Result<Session> loadSession(std::int64_t id);
  Result<Session> loadLiveSession(std::int64_t id);
  Result<Message> loadMessage(std::int64_t id);
  Result<Message> loadLiveMessage(std::int64_t id);
  Status touchSession(std::int64_t id, std::int64_t at);
  Result<std::vector<Message>> loadMessages(std::int64_t sessionId, bool includeDeleted);
  Result<std::vector<Summary>> loadSummaries(std::int64_t sessionId);

  std::mutex mutex_;
  indexer::Database db_;
  std::string path_;
  int previousVersion_ = 0;
  SessionStoreOptions options_;
};

}  // namespace gloss::server::sessions
