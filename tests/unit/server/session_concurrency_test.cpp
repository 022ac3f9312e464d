// Several writers on one sessions.db: two connections (as two daemons would have) writing at
// once, one store shared by threads, two processes creating the file together, and a writer
// killed with SIGKILL mid-stream that must not lose anything it had reported as stored.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <map>
#include <sstream>
#include <thread>

#include "session_test_support.h"

namespace gloss::server::sessions::test {
namespace {

struct WriterLog {
  std::vector<std::int64_t> ids;
  std::vector<std::string> errors;
};

void writeMessages(SessionStore& store, std::int64_t sessionId, const std::string& tag, int count,
                   WriterLog& log) {
  for (int i = 0; i < count; ++i) {
    auto message = store.appendMessage(sessionId, userMessage(tag + " " + std::to_string(i)));
    if (message) {
      log.ids.push_back(message->id);
    } else {
      log.errors.push_back(message.error().message);
    }
  }
}

TEST(SessionConcurrency, TwoConnectionsWritingAtOnceLoseNothing) {
  TempFolder folder;
  std::string path = folder.path("sessions.db");
  auto first = openOrFail(path);
  auto second = openOrFail(path);
  ASSERT_TRUE(first && second);
  auto session = first->createSession("shared", "");
  ASSERT_TRUE(session);
  WriterLog a, b;
  std::thread ta(writeMessages, std::ref(*first), session->id, "first", 200, std::ref(a));
  std::thread tb(writeMessages, std::ref(*second), session->id, "second", 200, std::ref(b));
  ta.join();
  tb.join();
  EXPECT_TRUE(a.errors.empty()) << a.errors.front();
  EXPECT_TRUE(b.errors.empty()) << b.errors.front();

  auto history = second->historyForPrompt(session->id);
  ASSERT_TRUE(history);
  ASSERT_EQ(history->size(), 400u);
  std::map<std::string, int> seen;
  for (const auto& entry : *history) ++seen[entry.content];
  for (int i = 0; i < 200; ++i) {
    EXPECT_EQ(seen["first " + std::to_string(i)], 1) << i;
    EXPECT_EQ(seen["second " + std::to_string(i)], 1) << i;
  }
  EXPECT_TRUE(std::is_sorted(a.ids.begin(), a.ids.end()));
  EXPECT_TRUE(std::is_sorted(b.ids.begin(), b.ids.end()));
  EXPECT_EQ(first->getSession(session->id)->messageCount, 400);
  EXPECT_EQ(*first->integrityCheck(), "ok");
}

TEST(SessionConcurrency, OneStoreSharedByThreads) {
  TempFolder folder;
  auto store = openOrFail(folder.path("sessions.db"));
  ASSERT_TRUE(store);
  auto session = store->createSession("threads", "");
  std::vector<WriterLog> logs(4);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back(writeMessages, std::ref(*store), session->id, "t" + std::to_string(t), 50,
                         std::ref(logs[t]));
  }
  for (auto& thread : threads) thread.join();
  for (const auto& log : logs) {
    EXPECT_TRUE(log.errors.empty());
    EXPECT_EQ(log.ids.size(), 50u);
  }
  EXPECT_EQ(store->getSession(session->id)->messageCount, 200);
}

TEST(SessionConcurrency, TwoOpenersOfANewFileBothSucceed) {
  TempFolder folder;
  std::string path = folder.path("sessions.db");
  Result<std::unique_ptr<SessionStore>> one = unexpected(SessionError{});
  Result<std::unique_ptr<SessionStore>> two = unexpected(SessionError{});
  std::thread a([&] { one = SessionStore::open(path); });
  std::thread b([&] { two = SessionStore::open(path); });
  a.join();
  b.join();
  ASSERT_TRUE(one) << one.error().message;
  ASSERT_TRUE(two) << two.error().message;
  // Exactly one of them created the schema.
  EXPECT_EQ((*one)->previousSchemaVersion() + (*two)->previousSchemaVersion(), 2);
}

// The child appends messages and checkpoints a reply forever, printing "M <id>" after each
// append returns and "C <n>" after each checkpoint; it never returns.
[[noreturn]] void runWriter(const std::string& path, std::int64_t sessionId, int out) {
  auto store = SessionStore::open(path);
  if (!store) _exit(3);
  auto reply = (*store)->beginReply(sessionId, "m", "p");
  if (!reply) _exit(4);
  auto say = [out](const std::string& line) {
    if (::write(out, line.data(), line.size()) != static_cast<ssize_t>(line.size())) _exit(5);
  };
  say("R " + std::to_string(*reply) + "\n");
  for (int i = 0; i < 1'000'000; ++i) {
    auto message = (*store)->appendMessage(sessionId, userMessage("message " + std::to_string(i)));
    if (!message) _exit(6);
    say("M " + std::to_string(message->id) + " " + std::to_string(i) + "\n");
    if (!(*store)->checkpointReply(*reply, "reply text " + std::to_string(i))) _exit(7);
    say("C " + std::to_string(i) + "\n");
  }
  _exit(0);
}

TEST(SessionDurability, AWriterKilledMidStreamLosesNothingItReported) {
  TempFolder folder;
  std::string path = folder.path("sessions.db");
  std::int64_t sessionId = 0;
  {
    auto store = openOrFail(path);
    ASSERT_TRUE(store);
    sessionId = store->createSession("durable", "")->id;
  }
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    close(fds[0]);
    runWriter(path, sessionId, fds[1]);
  }
  close(fds[1]);
  std::string output;
  bool killed = false;
  char buffer[4096];
  while (true) {
    ssize_t n = ::read(fds[0], buffer, sizeof buffer);
    if (n <= 0) break;
    output.append(buffer, static_cast<std::size_t>(n));
    if (!killed && std::count(output.begin(), output.end(), 'M') >= 150) {
      kill(pid, SIGKILL);
      killed = true;
    }
  }
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(killed) << "the writer ended early: " << output;
  ASSERT_TRUE(WIFSIGNALED(status));

  std::int64_t replyId = 0;
  std::map<std::int64_t, int> reported;  // message id → its number
  int lastCheckpoint = -1;
  std::istringstream lines(output);
  std::string line;
  while (std::getline(lines, line)) {
    if (lines.eof()) break;  // a last line without its newline was cut by the kill
    std::istringstream fields(line);
    char kind = 0;
    fields >> kind;
    if (kind == 'R') fields >> replyId;
    if (kind == 'M') {
      std::int64_t id = 0;
      int number = 0;
      fields >> id >> number;
      reported[id] = number;
    }
    if (kind == 'C') fields >> lastCheckpoint;
  }
  ASSERT_GT(replyId, 0);
  ASSERT_GE(reported.size(), 150u);

  auto store = openOrFail(path);
  ASSERT_TRUE(store);
  EXPECT_EQ(*store->integrityCheck(), "ok");
  for (const auto& [id, number] : reported) {
    auto message = store->getMessage(id);
    ASSERT_TRUE(message) << "message " << id << " was reported stored but is gone";
    EXPECT_EQ(message->content, "message " + std::to_string(number));
  }
  auto reply = store->getMessage(replyId);
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, "incomplete");
  ASSERT_EQ(reply->content.rfind("reply text ", 0), 0u) << reply->content;
  EXPECT_GE(std::stoi(reply->content.substr(11)), lastCheckpoint);
}

}  // namespace
}  // namespace gloss::server::sessions::test
