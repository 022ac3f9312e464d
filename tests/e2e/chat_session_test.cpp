// gloss/chat through the real binary with a real sessions.db: a round trip is stored with its
// metadata, secrets never reach the database, slash commands run in order, a dead provider
// leaves a saved incomplete reply, kill -9 in the middle of a reply or of a burst of messages
// loses nothing that was acknowledged, two daemons share one database, and bad input gets
// -32602 naming the field.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstdlib>
#include <set>
#include <thread>

#include "CommandFixture.h"
#include "GlossProcess.h"
#include "llm_test_server.h"

namespace gloss::test {
namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}
std::string text(const json::value& v) {
  return std::string(v.as_string());
}

std::string integrityCheck(const std::string& path) {
  sqlite3* db = nullptr;
  std::string result = "cannot open";
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &stmt, nullptr) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW) {
      result = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    }
    sqlite3_finalize(stmt);
  }
  sqlite3_close(db);
  return result;
}

class ChatSessionE2E : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    setenv("NO_PROXY", "127.0.0.1,localhost", 1);
    loopback_ = std::make_unique<llm::test::LoopbackProvider>();
  }
  static void TearDownTestSuite() { loopback_.reset(); }
  void SetUp() override {
    writeCommandFixture(ws);
    loopback_->reset();
  }

  std::string sessionsDb() const { return ws.path(".gloss-test/sessions.db"); }

  std::unique_ptr<GlossProcess> start(json::object options = {}) {
    auto gloss = std::make_unique<GlossProcess>(
        std::vector<std::string>{"serve", "--sessions-db", sessionsDb()});
    json::value params = initializeParams(ws.root());
    if (!options.empty()) params.as_object()["initializationOptions"] = std::move(options);
    gloss->request(0, "initialize", params);
    EXPECT_TRUE(gloss->responseTo(0));
    gloss->notify("initialized");
    EXPECT_TRUE(waitForIndexReady(*gloss, 50000, 800));
    return gloss;
  }
  json::object loopbackOptions() {
    return json::object{{"llm", json::object{{"provider", "openai"},
                                             {"baseUrl", loopback_->origin() + "/v1"},
                                             {"model", "test-model"},
                                             {"apiKey", "sk-e2e-chat-0000"}}}};
  }
  void waitForHealthCheck() {
    for (int i = 0; i < 200 && loopback_->requests().empty(); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }

  json::value call(GlossProcess& gloss, const std::string& method, json::value params) {
    int id = nextId++;
    gloss.request(id, method, std::move(params));
    auto response = gloss.responseTo(id, std::chrono::seconds(30));
    EXPECT_TRUE(response) << method;
    return response ? *response : json::value();
  }
  json::array messagesOf(GlossProcess& gloss, std::int64_t sessionId) {
    json::value got =
        call(gloss, "gloss/sessions/get", json::object{{"sessionId", sessionId}, {"limit", 200}});
    EXPECT_TRUE(got.as_object().contains("result")) << got;
    return got.at("result").at("messages").as_array();
  }

  TempWorkspace ws;
  int nextId = 1;
  static std::unique_ptr<llm::test::LoopbackProvider> loopback_;
};
std::unique_ptr<llm::test::LoopbackProvider> ChatSessionE2E::loopback_;

TEST_F(ChatSessionE2E, ARoundTripIsStreamedStoredAndListed) {
  auto gloss = start();
  json::value response =
      call(*gloss, "gloss/chat",
           json::object{{"message", "How does `word_count` use pkg/textutil.py?"},
                        {"partialResultToken", "chat"}});
  const json::value& result = response.at("result");
  std::int64_t session = result.at("sessionId").as_int64();
  std::string content = text(result.at("content"));
  EXPECT_TRUE(contains(content, "Offline provider")) << content;
  EXPECT_TRUE(contains(content, "word_count")) << content;
  std::string streamed;
  for (const auto& n : gloss->notifications()) {
    if (n.at("method") == json::value("$/progress") &&
        n.at("params").at("token") == json::value("chat"))
      streamed += text(n.at("params").at("value").at("text"));
  }
  EXPECT_EQ(streamed, content);
  json::array messages = messagesOf(*gloss, session);
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[0].at("role"), json::value("user"));
  EXPECT_EQ(messages[1].at("role"), json::value("assistant"));
  EXPECT_EQ(messages[1].at("status"), json::value("complete"));
  EXPECT_EQ(messages[1].at("content"), result.at("content"));
  EXPECT_EQ(messages[1].at("id"), result.at("messageId"));
  const json::value& refs = messages[1].at("metadata").at("references");
  EXPECT_FALSE(refs.as_array().empty()) << messages[1];
  json::value list = call(*gloss, "gloss/sessions/list", json::object{});
  const json::array& sessions = list.at("result").at("sessions").as_array();
  ASSERT_EQ(sessions.size(), 1u);
  EXPECT_EQ(sessions[0].at("id"), json::value(session));
  EXPECT_TRUE(contains(text(sessions[0].at("title")), "How does")) << sessions[0];
  // A second message in the same session sees the first in its history.
  json::value again = call(*gloss, "gloss/chat",
                           json::object{{"sessionId", session}, {"message", "and tokenize?"}});
  EXPECT_EQ(again.at("result").at("sessionId"), json::value(session));
  EXPECT_EQ(messagesOf(*gloss, session).size(), 4u);
}

TEST_F(ChatSessionE2E, SecretsInTheMessageNeverReachTheDatabase) {
  auto gloss = start();
  json::value response = call(
      *gloss, "gloss/chat", json::object{{"message", std::string("my token is ") + kPlantedToken}});
  std::int64_t session = response.at("result").at("sessionId").as_int64();
  json::array messages = messagesOf(*gloss, session);
  EXPECT_FALSE(contains(text(messages[0].at("content")), kPlantedToken));
  EXPECT_TRUE(contains(text(messages[0].at("content")), "my token is"));
  bool warned = false;
  for (const auto& n : gloss->notifications())
    warned = warned || n.at("method") == json::value("window/showMessage");
  EXPECT_TRUE(warned);
}

TEST_F(ChatSessionE2E, SlashCommandsRunInOrderAndUnknownOnesAreExplained) {
  auto gloss = start();
  json::value both = call(*gloss, "gloss/chat",
                          json::object{{"message", "/explain word_count\n/grep -w tokenize"}});
  const json::value& result = both.at("result");
  std::string content = text(result.at("content"));
  std::size_t explain = content.find("Count the words of a text.");
  std::size_t grep = content.find("/grep `tokenize`");
  ASSERT_NE(explain, std::string::npos) << content;
  ASSERT_NE(grep, std::string::npos) << content;
  EXPECT_LT(explain, grep);
  EXPECT_TRUE(contains(content, "pkg/report.py:")) << content;
  EXPECT_EQ(result.at("commands"), (json::array{"explain", "grep"}));
  json::value unknown = call(*gloss, "gloss/chat", json::object{{"message", "/frobnicate now"}});
  std::string help = text(unknown.at("result").at("content"));
  EXPECT_TRUE(contains(help, "/frobnicate")) << help;
  EXPECT_TRUE(contains(help, "/generate-tests")) << help;
  EXPECT_EQ(unknown.at("result").at("status"), json::value("error"));
  json::value completion = call(*gloss, "gloss/commands", json::object{{"prefix", "/ge"}});
  const json::array& commands = completion.at("result").at("commands").as_array();
  ASSERT_EQ(commands.size(), 1u);
  EXPECT_EQ(commands[0].at("name"), json::value("/generate-tests"));
  EXPECT_FALSE(text(commands[0].at("usage")).empty());
}

TEST_F(ChatSessionE2E, SessionsAreSummarizedOnRequestAndPastTheThreshold) {
  auto gloss = start(json::object{{"sessions", json::object{{"summaryEveryMessages", 4}}}});
  json::value first =
      call(*gloss, "gloss/chat", json::object{{"message", "Explain `tokenize` please"}});
  std::int64_t session = first.at("result").at("sessionId").as_int64();
  call(*gloss, "gloss/chat",
       json::object{{"sessionId", session}, {"message", "Where is `tokenize` called?"}});
  // Four messages: the background summary is due.
  bool summarized = false;
  for (int i = 0; i < 200 && !summarized; ++i) {
    json::value exported = call(*gloss, "gloss/sessions/export",
                                json::object{{"sessionId", session}, {"format", "json"}});
    json::value record = json::parse(text(exported.at("result").at("content")));
    summarized = !record.at("summaries").as_array().empty();
    if (!summarized) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_TRUE(summarized);
  json::value asked =
      call(*gloss, "gloss/sessions/summarize", json::object{{"sessionId", session}});
  const json::value& summary = asked.at("result").at("summary");
  EXPECT_FALSE(text(summary.at("text")).empty());
  EXPECT_GE(summary.at("topics").as_array().size(), 1u);
  bool tokenize = false;
  for (const auto& t : summary.at("topics").as_array())
    tokenize = tokenize || t == json::value("tokenize");
  EXPECT_TRUE(tokenize) << summary;
  EXPECT_EQ(summary.at("firstMessageId"), first.at("result").at("userMessageId"));
}

TEST_F(ChatSessionE2E, ADeadProviderLeavesASavedIncompleteReply) {
  auto gloss = start(loopbackOptions());
  waitForHealthCheck();
  loopback_->script(json::array{
      json::object{{"chunks", json::array{"Half ", "an ", "answer"}}, {"dropAfter", 2}}});
  json::value response =
      call(*gloss, "gloss/chat", json::object{{"message", "what does word_count do?"}});
  const json::value& result = response.at("result");
  EXPECT_EQ(result.at("complete"), json::value(false));
  EXPECT_TRUE(result.as_object().contains("error")) << result;
  json::array messages = messagesOf(*gloss, result.at("sessionId").as_int64());
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[1].at("status"), json::value("incomplete"));
  EXPECT_EQ(messages[1].at("content"), json::value("Half an "));
}

TEST_F(ChatSessionE2E, AHugeMessageIsStoredWholeAndCutForThePrompt) {
  auto gloss = start(loopbackOptions());
  waitForHealthCheck();
  std::string huge = "Please look at this log:\n" + std::string(1024 * 1024, 'x');
  json::value response = call(*gloss, "gloss/chat", json::object{{"message", huge}});
  const json::value& result = response.at("result");
  json::array messages = messagesOf(*gloss, result.at("sessionId").as_int64());
  EXPECT_EQ(text(messages[0].at("content")).size(), huge.size());
  std::string prompt;
  for (const auto& r : loopback_->requests())
    if (text(r.at("url")).ends_with("/chat/completions")) prompt = text(r.at("body"));
  EXPECT_LT(prompt.size(), huge.size() / 4);
  EXPECT_TRUE(contains(prompt, "omitted")) << prompt.substr(0, 2000);
}

TEST_F(ChatSessionE2E, BadParamsNameTheFieldAndUnknownSessionsAreClear) {
  auto gloss = start();
  json::value missing = call(*gloss, "gloss/chat", json::object{});
  EXPECT_EQ(missing.at("error").at("code"), json::value(-32602));
  EXPECT_TRUE(contains(text(missing.at("error").at("message")), "params.message")) << missing;
  json::value typed =
      call(*gloss, "gloss/chat", json::object{{"sessionId", "abc"}, {"message", "hi"}});
  EXPECT_EQ(typed.at("error").at("code"), json::value(-32602));
  EXPECT_TRUE(contains(text(typed.at("error").at("message")), "params.sessionId")) << typed;
  json::value unknown =
      call(*gloss, "gloss/chat", json::object{{"sessionId", 424242}, {"message", "hi"}});
  EXPECT_TRUE(unknown.as_object().contains("error")) << unknown;
  EXPECT_TRUE(contains(text(unknown.at("error").at("message")), "424242")) << unknown;
  json::value fine = call(*gloss, "gloss/chat", json::object{{"message", "still there?"}});
  EXPECT_TRUE(fine.as_object().contains("result")) << fine;
}

TEST_F(ChatSessionE2E, KillNineWhileStreamingKeepsTheMessageAndTheReplySoFar) {
  std::int64_t session = 0;
  {
    auto gloss = start(loopbackOptions());
    waitForHealthCheck();
    loopback_->script(
        json::array{json::object{{"chunks", json::array{"Partial ", "reply ", "never ", "ends"}},
                                 {"waitForReleaseAfter", 2}}});
    gloss->request(900, "gloss/chat",
                   json::object{{"message", "explain word_count"}, {"partialResultToken", "k"}});
    std::string streamed;
    for (int i = 0; i < 300 && streamed != "Partial reply "; ++i) {
      auto message = gloss->read(std::chrono::milliseconds(100));
      if (message && message->as_object().contains("method") &&
          message->at("method") == json::value("$/progress"))
        streamed += text(message->at("params").at("value").at("text"));
    }
    ASSERT_EQ(streamed, "Partial reply ");
    std::this_thread::sleep_for(std::chrono::milliseconds(1200));  // past a checkpoint
    gloss->killHard();
  }
  EXPECT_EQ(integrityCheck(sessionsDb()), "ok");
  auto gloss = start();
  json::value list = call(*gloss, "gloss/sessions/list", json::object{});
  ASSERT_EQ(list.at("result").at("sessions").as_array().size(), 1u);
  session = list.at("result").at("sessions").at(0).at("id").as_int64();
  json::array messages = messagesOf(*gloss, session);
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[0].at("content"), json::value("explain word_count"));
  EXPECT_EQ(messages[1].at("status"), json::value("incomplete"));
  EXPECT_EQ(messages[1].at("content"), json::value("Partial reply "));
}

TEST_F(ChatSessionE2E, KillNineDuringABurstLosesNoAcknowledgedMessage) {
  std::set<std::int64_t> acknowledged;
  std::int64_t session = 0;
  {
    auto gloss = start();
    json::value first = call(*gloss, "gloss/chat", json::object{{"message", "first"}});
    session = first.at("result").at("sessionId").as_int64();
    acknowledged.insert(first.at("result").at("userMessageId").as_int64());
    for (int i = 0; i < 40; ++i)
      gloss->request(
          1000 + i, "gloss/chat",
          json::object{{"sessionId", session}, {"message", "burst " + std::to_string(i)}});
    // Collect acknowledgements for a while, then kill in the middle of the burst.
    auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(700);
    while (std::chrono::steady_clock::now() < until) {
      auto message = gloss->read(std::chrono::milliseconds(50));
      if (message && message->as_object().contains("result") && message->at("result").is_object() &&
          message->at("result").as_object().contains("userMessageId"))
        acknowledged.insert(message->at("result").at("userMessageId").as_int64());
    }
    gloss->killHard();
  }
  EXPECT_EQ(integrityCheck(sessionsDb()), "ok");
  auto gloss = start();
  std::set<std::int64_t> stored;
  for (const auto& m : messagesOf(*gloss, session)) stored.insert(m.at("id").as_int64());
  for (std::int64_t id : acknowledged) EXPECT_TRUE(stored.count(id)) << "lost message " << id;
  EXPECT_GE(acknowledged.size(), 2u);
}

TEST_F(ChatSessionE2E, TwoDaemonsOnOneDatabaseLoseNothing) {
  auto one = start();
  auto two = start();
  for (int i = 0; i < 10; ++i) {
    one->request(2000 + i, "gloss/chat", json::object{{"message", "one " + std::to_string(i)}});
    two->request(3000 + i, "gloss/chat", json::object{{"message", "two " + std::to_string(i)}});
  }
  int answered = 0;
  for (int i = 0; i < 10; ++i) {
    auto a = one->responseTo(2000 + i, std::chrono::seconds(60));
    auto b = two->responseTo(3000 + i, std::chrono::seconds(60));
    answered += (a && a->as_object().contains("result")) + (b && b->as_object().contains("result"));
  }
  EXPECT_EQ(answered, 20);
  json::value list = call(*one, "gloss/sessions/list", json::object{{"limit", 100}});
  EXPECT_EQ(list.at("result").at("sessions").as_array().size(), 20u);
  EXPECT_EQ(integrityCheck(sessionsDb()), "ok");
}

}  // namespace
}  // namespace gloss::test
