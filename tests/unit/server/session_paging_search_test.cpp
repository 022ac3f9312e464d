// Session lists and message pages (keyset cursors that stay stable while sessions are added),
// archive filters, and the full-text search over titles and messages, which must forget text
// that was edited or deleted.
#include <set>

#include "session_test_support.h"

namespace gloss::server::sessions::test {
namespace {

class SessionPagingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = openOrFail(folder_.path("sessions.db"), clock_.options());
    ASSERT_TRUE(store_);
  }
  std::int64_t create(const std::string& title) {
    clock_.advance(1);
    auto session = store_->createSession(title, "/w");
    EXPECT_TRUE(session);
    return session ? session->id : 0;
  }
  std::vector<std::int64_t> ids(const SessionPage& page) {
    std::vector<std::int64_t> out;
    for (const auto& s : page.sessions) out.push_back(s.id);
    return out;
  }
  std::vector<std::int64_t> searchIds(const std::string& query) {
    auto hits = store_->search(query, 50);
    EXPECT_TRUE(hits) << (hits ? "" : hits.error().message);
    std::vector<std::int64_t> out;
    if (hits) {
      for (const auto& hit : *hits) out.push_back(hit.session.id);
    }
    return out;
  }

  TempFolder folder_;
  ManualClock clock_;
  std::unique_ptr<SessionStore> store_;
};

TEST_F(SessionPagingTest, ListIsNewestFirstAndTheCursorIsStableUnderInserts) {
  std::vector<std::int64_t> created;
  for (int i = 0; i < 7; ++i) created.push_back(create("s" + std::to_string(i)));
  ListOptions options;
  options.limit = 3;
  auto first = store_->listSessions(options);
  ASSERT_TRUE(first);
  EXPECT_EQ(ids(*first), (std::vector<std::int64_t>{created[6], created[5], created[4]}));
  ASSERT_FALSE(first->nextCursor.empty());

  // New sessions land before the cursor: the next pages neither repeat nor skip anything.
  create("newer");
  create("newest");
  options.cursor = first->nextCursor;
  auto second = store_->listSessions(options);
  ASSERT_TRUE(second);
  EXPECT_EQ(ids(*second), (std::vector<std::int64_t>{created[3], created[2], created[1]}));
  options.cursor = second->nextCursor;
  auto third = store_->listSessions(options);
  ASSERT_TRUE(third);
  EXPECT_EQ(ids(*third), (std::vector<std::int64_t>{created[0]}));
  EXPECT_TRUE(third->nextCursor.empty());
}

TEST_F(SessionPagingTest, SameTimestampIsOrderedById) {
  std::int64_t a = store_->createSession("a", "")->id;
  std::int64_t b = store_->createSession("b", "")->id;
  std::int64_t c = store_->createSession("c", "")->id;
  ListOptions options;
  options.limit = 2;
  auto first = store_->listSessions(options);
  EXPECT_EQ(ids(*first), (std::vector<std::int64_t>{c, b}));
  options.cursor = first->nextCursor;
  EXPECT_EQ(ids(*store_->listSessions(options)), (std::vector<std::int64_t>{a}));
}

TEST_F(SessionPagingTest, ABadCursorIsRefused) {
  ListOptions options;
  for (const char* bad : {"nonsense", "12.", ".4", "1.2.3", "x.y"}) {
    options.cursor = bad;
    auto page = store_->listSessions(options);
    ASSERT_FALSE(page) << bad;
    EXPECT_EQ(page.error().kind, SessionError::Kind::Invalid);
  }
}

TEST_F(SessionPagingTest, ArchivedFilter) {
  std::int64_t active = create("active");
  std::int64_t archived = create("archived");
  ASSERT_TRUE(store_->setArchived(archived, true));
  ListOptions options;
  EXPECT_EQ(ids(*store_->listSessions(options)), (std::vector<std::int64_t>{active}));
  options.archived = ArchivedFilter::Archived;
  EXPECT_EQ(ids(*store_->listSessions(options)), (std::vector<std::int64_t>{archived}));
  options.archived = ArchivedFilter::Any;
  EXPECT_EQ(ids(*store_->listSessions(options)), (std::vector<std::int64_t>{archived, active}));
}

TEST_F(SessionPagingTest, AppendingMovesASessionToTheTop) {
  std::int64_t older = create("older");
  std::int64_t newer = create("newer");
  clock_.advance(10);
  ASSERT_TRUE(store_->appendMessage(older, userMessage("bump")));
  EXPECT_EQ(ids(*store_->listSessions({})), (std::vector<std::int64_t>{older, newer}));
}

TEST_F(SessionPagingTest, MessagePagesCoverEveryMessageOnceOldestFirst) {
  std::int64_t s = create("chat");
  std::vector<std::int64_t> all;
  for (int i = 0; i < 23; ++i) {
    all.push_back(store_->appendMessage(s, userMessage("m" + std::to_string(i)))->id);
  }
  ASSERT_TRUE(store_->deleteMessage(all[10]));
  std::vector<std::int64_t> seen;
  MessagePageOptions options;
  options.limit = 5;
  int pages = 0;
  while (true) {
    auto page = store_->messages(s, options);
    ASSERT_TRUE(page);
    ++pages;
    ASSERT_FALSE(page->messages.empty());
    for (std::size_t i = 1; i < page->messages.size(); ++i) {
      EXPECT_LT(page->messages[i - 1].id, page->messages[i].id);
    }
    std::vector<std::int64_t> batch;
    for (const auto& m : page->messages) batch.push_back(m.id);
    seen.insert(seen.begin(), batch.begin(), batch.end());
    if (!page->hasMore) break;
    options.beforeId = page->messages.front().id;
  }
  std::vector<std::int64_t> expected = all;
  expected.erase(expected.begin() + 10);
  EXPECT_EQ(seen, expected);
  EXPECT_EQ(pages, 5);  // 22 messages, 5 a page
}

TEST_F(SessionPagingTest, DefaultPageIsTheNewestFifty) {
  std::int64_t s = create("long");
  std::vector<std::int64_t> all;
  for (int i = 0; i < 60; ++i) all.push_back(store_->appendMessage(s, userMessage("x"))->id);
  auto page = store_->messages(s, {});
  ASSERT_TRUE(page);
  ASSERT_EQ(page->messages.size(), 50u);
  EXPECT_TRUE(page->hasMore);
  EXPECT_EQ(page->messages.front().id, all[10]);
  EXPECT_EQ(page->messages.back().id, all[59]);
}

TEST_F(SessionPagingTest, SearchFindsTitlesAndMessageWords) {
  std::int64_t byTitle = create("Tokenizer rewrite");
  std::int64_t byMessage = create("misc");
  std::int64_t neither = create("other");
  ASSERT_TRUE(store_->appendMessage(byMessage, userMessage("why does the tokenizer crash?")));
  ASSERT_TRUE(store_->appendMessage(neither, userMessage("unrelated words")));
  std::vector<std::int64_t> found = searchIds("tokenizer");
  EXPECT_EQ(std::set<std::int64_t>(found.begin(), found.end()),
            (std::set<std::int64_t>{byTitle, byMessage}));
  EXPECT_EQ(searchIds("crash"), (std::vector<std::int64_t>{byMessage}));
  EXPECT_EQ(searchIds("tok"), found);  // words are matched as prefixes
  EXPECT_TRUE(searchIds("zebra").empty());
  // Query syntax is not interpreted: quotes, operators and punctuation are plain text.
  EXPECT_EQ(searchIds("\"crash\" OR"), (std::vector<std::int64_t>{}));
  EXPECT_TRUE(store_->search("crash*) NEAR(", 10));
  EXPECT_FALSE(store_->search("   ", 10));

  auto hits = store_->search("crash", 10);
  ASSERT_EQ(hits->size(), 1u);
  EXPECT_NE((*hits)[0].snippet.find("**crash**"), std::string::npos);
  EXPECT_TRUE((*hits)[0].messageId);

  ListOptions options;
  options.query = "tokenizer";
  auto listed = store_->listSessions(options);
  ASSERT_TRUE(listed);
  EXPECT_EQ(ids(*listed), (std::vector<std::int64_t>{byMessage, byTitle}));
}

TEST_F(SessionPagingTest, SearchForgetsEditedDeletedAndRenamedText) {
  std::int64_t s = create("Original title");
  auto edited = store_->appendMessage(s, userMessage("alpha beta"));
  auto deleted = store_->appendMessage(s, userMessage("gamma delta"));
  ASSERT_TRUE(edited && deleted);
  EXPECT_EQ(searchIds("alpha"), (std::vector<std::int64_t>{s}));
  ASSERT_TRUE(store_->editMessage(edited->id, "epsilon"));
  EXPECT_TRUE(searchIds("alpha").empty());
  EXPECT_EQ(searchIds("epsilon"), (std::vector<std::int64_t>{s}));
  ASSERT_TRUE(store_->deleteMessage(deleted->id));
  EXPECT_TRUE(searchIds("gamma").empty());
  ASSERT_TRUE(store_->rename(s, "Renamed"));
  EXPECT_TRUE(searchIds("original").empty());
  EXPECT_EQ(searchIds("renamed"), (std::vector<std::int64_t>{s}));
  ASSERT_TRUE(store_->deleteSession(s, false));
  EXPECT_TRUE(searchIds("epsilon").empty());
  EXPECT_EQ(*store_->integrityCheck(), "ok");
}

TEST_F(SessionPagingTest, CheckpointedReplyTextIsSearchable) {
  std::int64_t s = create("t");
  auto reply = store_->beginReply(s, "m", "p");
  ASSERT_TRUE(reply);
  ASSERT_TRUE(store_->checkpointReply(*reply, "streaming kangaroo"));
  EXPECT_EQ(searchIds("kangaroo"), (std::vector<std::int64_t>{s}));
  ReplyOutcome done;
  done.content = "final wombat";
  ASSERT_TRUE(store_->finishReply(*reply, done));
  EXPECT_TRUE(searchIds("kangaroo").empty());
  EXPECT_EQ(searchIds("wombat"), (std::vector<std::int64_t>{s}));
  EXPECT_EQ(*store_->integrityCheck(), "ok");
}

}  // namespace
}  // namespace gloss::server::sessions::test
