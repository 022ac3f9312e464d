// SessionStore's sessions and messages on a real sessions.db: create, rename, archive, soft and
// hard delete, append, streamed replies, edits, summaries, prompt history and the error values.
#include "session_test_support.h"

namespace gloss::server::sessions::test {
namespace {

class SessionStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = openOrFail(folder_.path("sessions.db"), clock_.options());
    ASSERT_TRUE(store_);
  }
  Session create(std::string title = "") {
    auto session = store_->createSession(title, "/work/project");
    EXPECT_TRUE(session);
    return session ? *session : Session{};
  }
  Message append(std::int64_t sessionId, NewMessage message) {
    auto stored = store_->appendMessage(sessionId, message);
    EXPECT_TRUE(stored) << (stored ? "" : stored.error().message);
    return stored ? *stored : Message{};
  }

  TempFolder folder_;
  ManualClock clock_;
  std::unique_ptr<SessionStore> store_;
};

TEST_F(SessionStoreTest, CreateAndGet) {
  Session created = create();
  EXPECT_GT(created.id, 0);
  EXPECT_EQ(created.title, "");
  EXPECT_TRUE(created.titleIsAuto);
  EXPECT_EQ(created.workspace, "/work/project");
  EXPECT_EQ(created.createdAt, kStart);
  EXPECT_EQ(created.updatedAt, kStart);
  EXPECT_FALSE(created.archived);
  EXPECT_FALSE(created.deletedAt);

  Session titled = create("  Parser questions \n");
  EXPECT_EQ(titled.title, "Parser questions");
  EXPECT_FALSE(titled.titleIsAuto);

  auto got = store_->getSession(created.id);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->id, created.id);
  EXPECT_EQ(got->messageCount, 0);
}

TEST_F(SessionStoreTest, UnknownIdsAreClearErrors) {
  auto session = store_->getSession(42);
  ASSERT_FALSE(session);
  EXPECT_EQ(session.error().kind, SessionError::Kind::NotFound);
  EXPECT_EQ(session.error().message, "no session 42");
  EXPECT_EQ(session.error().field, "sessionId");
  EXPECT_EQ(session.error().id, 42);

  auto edited = store_->editMessage(7, "x");
  ASSERT_FALSE(edited);
  EXPECT_EQ(edited.error().message, "no message 7");
  EXPECT_EQ(edited.error().field, "messageId");
  EXPECT_FALSE(store_->appendMessage(42, userMessage("hi")));
  EXPECT_FALSE(store_->rename(42, "x"));
  EXPECT_FALSE(store_->setArchived(42, true));
  EXPECT_FALSE(store_->deleteSession(42, false));
  EXPECT_FALSE(store_->deleteMessage(7));
  EXPECT_FALSE(store_->messages(42, {}));
  EXPECT_FALSE(store_->historyForPrompt(42));
  EXPECT_FALSE(store_->latestSummary(42));
  EXPECT_FALSE(store_->exportMarkdown(42));
  EXPECT_FALSE(store_->beginReply(42, "m", "p"));
}

TEST_F(SessionStoreTest, RoleAndStatusAreValidated) {
  Session s = create();
  NewMessage robot = userMessage("beep");
  robot.role = "robot";
  auto refused = store_->appendMessage(s.id, robot);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().kind, SessionError::Kind::Invalid);
  EXPECT_NE(refused.error().message.find("robot"), std::string::npos);
  NewMessage odd = userMessage("x");
  odd.status = "done";
  EXPECT_FALSE(store_->appendMessage(s.id, odd));
  EXPECT_EQ(store_->getSession(s.id)->messageCount, 0);
}

TEST_F(SessionStoreTest, AppendStoresEverythingAndTouchesTheSession) {
  Session s = create("t");
  clock_.advance(1000);
  NewMessage reply = assistantMessage("```cpp\nint main() {}\n```");
  reply.model = "gpt-test";
  reply.provider = "openai";
  reply.usage = {120, 30, 250, 900};
  reply.metadata = json::object{{"commands", json::array{"/explain"}},
                                {"references", json::array{json::object{{"path", "a.cpp"}}}}};
  Message stored = append(s.id, reply);
  EXPECT_EQ(stored.sessionId, s.id);
  EXPECT_EQ(stored.role, "assistant");
  EXPECT_EQ(stored.content, reply.content);
  EXPECT_EQ(stored.status, "complete");
  EXPECT_EQ(stored.createdAt, kStart + 1000);
  EXPECT_EQ(stored.model, "gpt-test");
  EXPECT_EQ(stored.provider, "openai");
  EXPECT_EQ(stored.usage.promptTokens, 120);
  EXPECT_EQ(stored.usage.completionTokens, 30);
  EXPECT_EQ(stored.usage.firstTokenMs, 250);
  EXPECT_EQ(stored.usage.totalMs, 900);
  EXPECT_EQ(stored.metadata, reply.metadata);
  Message plain = append(s.id, userMessage("no usage"));
  EXPECT_FALSE(plain.usage.promptTokens);
  EXPECT_FALSE(plain.usage.totalMs);
  auto got = store_->getSession(s.id);
  EXPECT_EQ(got->updatedAt, kStart + 1000);
  EXPECT_EQ(got->messageCount, 2);
}

TEST_F(SessionStoreTest, AMegabyteMessageIsStoredWhole) {
  Session s = create("big");
  std::string big(1024 * 1024, 'x');
  for (std::size_t i = 0; i < big.size(); i += 1000) big[i] = '\n';
  Message stored = append(s.id, userMessage(big));
  auto again = store_->getMessage(stored.id);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->content.size(), big.size());
  EXPECT_EQ(again->content, big);
}

TEST_F(SessionStoreTest, RenameArchiveAndTheirErrors) {
  Session s = create();
  clock_.advance(5);
  auto renamed = store_->rename(s.id, "Better name");
  ASSERT_TRUE(renamed);
  EXPECT_EQ(renamed->title, "Better name");
  EXPECT_FALSE(renamed->titleIsAuto);
  EXPECT_EQ(renamed->updatedAt, kStart + 5);
  EXPECT_FALSE(store_->rename(s.id, "   "));
  auto archived = store_->setArchived(s.id, true);
  ASSERT_TRUE(archived);
  EXPECT_TRUE(archived->archived);
  EXPECT_FALSE(store_->setArchived(s.id, false)->archived);
}

TEST_F(SessionStoreTest, SoftDeleteHidesAndRefusesChangesHardDeleteRemovesRows) {
  Session soft = create("soft");
  Session hard = create("hard");
  Message kept = append(soft.id, userMessage("remember me"));
  Message gone = append(hard.id, userMessage("forget me"));
  ASSERT_TRUE(store_->saveSummary(hard.id, "summary", {"x"}, gone.id, gone.id));

  clock_.advance(10);
  ASSERT_TRUE(store_->deleteSession(soft.id, false));
  auto deleted = store_->getSession(soft.id);
  ASSERT_TRUE(deleted);
  EXPECT_EQ(deleted->deletedAt, kStart + 10);
  EXPECT_TRUE(store_->getMessage(kept.id));
  auto refused = store_->appendMessage(soft.id, userMessage("more"));
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("is deleted"), std::string::npos);
  EXPECT_FALSE(store_->rename(soft.id, "x"));
  EXPECT_EQ(store_->listSessions({})->sessions.size(), 1u);
  ListOptions withDeleted;
  withDeleted.includeDeleted = true;
  EXPECT_EQ(store_->listSessions(withDeleted)->sessions.size(), 2u);

  ASSERT_TRUE(store_->deleteSession(hard.id, true));
  EXPECT_EQ(store_->getSession(hard.id).error().kind, SessionError::Kind::NotFound);
  EXPECT_EQ(store_->getMessage(gone.id).error().kind, SessionError::Kind::NotFound);
  // A soft-deleted session can still be removed for good.
  ASSERT_TRUE(store_->deleteSession(soft.id, true));
  EXPECT_FALSE(store_->getMessage(kept.id));
  EXPECT_EQ(*store_->integrityCheck(), "ok");
}

TEST_F(SessionStoreTest, EditKeepsTheFirstVersion) {
  Session s = create("t");
  Message m = append(s.id, userMessage("first"));
  clock_.advance(100);
  auto once = store_->editMessage(m.id, "second");
  ASSERT_TRUE(once);
  EXPECT_EQ(once->content, "second");
  EXPECT_EQ(once->originalContent, "first");
  EXPECT_EQ(once->editedAt, kStart + 100);
  clock_.advance(100);
  auto twice = store_->editMessage(m.id, "third");
  EXPECT_EQ(twice->content, "third");
  EXPECT_EQ(twice->originalContent, "first");
  EXPECT_EQ(twice->editedAt, kStart + 200);
}

TEST_F(SessionStoreTest, DeletedMessagesLeaveHistoryAndRefuseEdits) {
  Session s = create("t");
  Message a = append(s.id, userMessage("a"));
  Message b = append(s.id, assistantMessage("b"));
  Message c = append(s.id, userMessage("c"));
  ASSERT_TRUE(store_->deleteMessage(b.id));
  ASSERT_TRUE(store_->deleteMessage(b.id));  // again: nothing changes
  auto history = store_->historyForPrompt(s.id);
  ASSERT_TRUE(history);
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[0].id, a.id);
  EXPECT_EQ((*history)[0].role, "user");
  EXPECT_EQ((*history)[0].content, "a");
  EXPECT_EQ((*history)[1].id, c.id);
  EXPECT_FALSE(store_->editMessage(b.id, "x"));
  EXPECT_EQ(store_->getSession(s.id)->messageCount, 2);
  EXPECT_TRUE(store_->getMessage(b.id)->deletedAt);
}

TEST_F(SessionStoreTest, StreamedReplyStartsIncompleteAndFinishes) {
  Session s = create("t");
  clock_.advance(1);
  auto id = store_->beginReply(s.id, "llama", "ollama");
  ASSERT_TRUE(id);
  auto started = store_->getMessage(*id);
  EXPECT_EQ(started->status, "incomplete");
  EXPECT_EQ(started->content, "");
  EXPECT_EQ(started->role, "assistant");
  EXPECT_EQ(started->model, "llama");
  ASSERT_TRUE(store_->checkpointReply(*id, "Hello"));
  ASSERT_TRUE(store_->checkpointReply(*id, "Hello, wor"));
  EXPECT_EQ(store_->getMessage(*id)->content, "Hello, wor");

  ReplyOutcome outcome;
  outcome.content = "Hello, world";
  outcome.usage = {10, 3, 40, 75};
  outcome.metadata = json::object{{"codeBlocks", json::array()}};
  auto finished = store_->finishReply(*id, outcome);
  ASSERT_TRUE(finished);
  EXPECT_EQ(finished->status, "complete");
  EXPECT_EQ(finished->content, "Hello, world");
  EXPECT_EQ(finished->usage.totalMs, 75);
  EXPECT_TRUE(finished->metadata.contains("codeBlocks"));
  // A finished reply takes no more checkpoints and cannot finish twice.
  EXPECT_FALSE(store_->checkpointReply(*id, "late"));
  EXPECT_FALSE(store_->finishReply(*id, outcome));
  EXPECT_EQ(store_->getMessage(*id)->content, "Hello, world");
  EXPECT_EQ(store_->checkpointReply(999, "x").error().kind, SessionError::Kind::NotFound);
}

TEST_F(SessionStoreTest, AFailedReplyKeepsItsError) {
  Session s = create("t");
  auto id = store_->beginReply(s.id, "m", "p");
  ReplyOutcome outcome;
  outcome.content = "partial";
  outcome.status = "error";
  outcome.error = "connection reset";
  auto finished = store_->finishReply(*id, outcome);
  ASSERT_TRUE(finished);
  EXPECT_EQ(finished->status, "error");
  EXPECT_EQ(finished->error, "connection reset");
  outcome.status = "bogus";
  EXPECT_FALSE(store_->finishReply(*id, outcome));
}

TEST_F(SessionStoreTest, SummariesLatestWins) {
  Session s = create("t");
  Message a = append(s.id, userMessage("a"));
  Message b = append(s.id, userMessage("b"));
  auto none = store_->latestSummary(s.id);
  ASSERT_TRUE(none);
  EXPECT_FALSE(*none);
  ASSERT_TRUE(store_->saveSummary(s.id, "old", {"x"}, a.id, a.id));
  clock_.advance(3);
  auto saved = store_->saveSummary(s.id, "new", {"parser", "tests"}, a.id, b.id);
  ASSERT_TRUE(saved);
  auto latest = store_->latestSummary(s.id);
  ASSERT_TRUE(latest && *latest);
  EXPECT_EQ((*latest)->id, saved->id);
  EXPECT_EQ((*latest)->text, "new");
  EXPECT_EQ((*latest)->topics, (std::vector<std::string>{"parser", "tests"}));
  EXPECT_EQ((*latest)->firstMessageId, a.id);
  EXPECT_EQ((*latest)->lastMessageId, b.id);
  EXPECT_EQ((*latest)->createdAt, kStart + 3);
  EXPECT_FALSE(store_->saveSummary(s.id, "backwards", {}, b.id, a.id));
}

TEST_F(SessionStoreTest, DataSurvivesReopening) {
  Session s = create("kept");
  Message m = append(s.id, userMessage("still here"));
  store_.reset();
  store_ = openOrFail(folder_.path("sessions.db"), clock_.options());
  ASSERT_TRUE(store_);
  EXPECT_EQ(store_->previousSchemaVersion(), 2);
  EXPECT_EQ(store_->getSession(s.id)->title, "kept");
  EXPECT_EQ(store_->getMessage(m.id)->content, "still here");
}

TEST(SessionStoreMemory, InMemoryDatabaseWorks) {
  auto store = openOrFail(":memory:");
  ASSERT_TRUE(store);
  auto s = store->createSession("", "");
  ASSERT_TRUE(s);
  EXPECT_TRUE(store->appendMessage(s->id, userMessage("hello")));
  EXPECT_EQ(*store->countSessions(), 1);
  EXPECT_EQ(*store->integrityCheck(), "ok");
}

}  // namespace
}  // namespace gloss::server::sessions::test
