// The session methods of the real `gloss` binary on a sessions.db in a temporary folder:
// create → list → rename → get → export → archive → delete, search and stats, bad params and
// unknown ids answered clearly while the daemon keeps serving, a second daemon sharing the
// file, and a file gloss must not open.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "GlossProcess.h"
#include "TempWorkspace.h"

namespace gloss::test {
namespace {

class Daemon {
 public:
  explicit Daemon(const std::string& sessionsDb)
      : gloss_({"serve", "--no-index", "--sessions-db", sessionsDb}) {
    gloss_.request(0, "initialize", initializeParams());
    EXPECT_TRUE(gloss_.responseTo(0));
    gloss_.notify("initialized");
  }
  ~Daemon() {
    gloss_.request(next_, "shutdown", nullptr);
    gloss_.responseTo(next_);
    gloss_.notify("exit");
  }

  // The whole response: {"result": ...} or {"error": ...}.
  json::value call(std::string_view method, json::value params = json::object()) {
    int id = next_++;
    gloss_.request(id, method, std::move(params));
    auto response = gloss_.responseTo(id);
    EXPECT_TRUE(response) << method << " got no answer; stderr: " << gloss_.stderrText();
    return response ? *response : json::value();
  }
  json::value result(std::string_view method, json::value params = json::object()) {
    json::value response = call(method, std::move(params));
    EXPECT_TRUE(response.as_object().contains("result")) << method << ": " << response;
    return response.as_object().contains("result") ? response.at("result") : json::value();
  }

 private:
  GlossProcess gloss_;
  int next_ = 1;
};

std::vector<std::int64_t> listedIds(const json::value& list) {
  std::vector<std::int64_t> ids;
  for (const auto& s : list.at("sessions").as_array()) ids.push_back(s.at("id").as_int64());
  return ids;
}

std::string readBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST(SessionsE2E, CreateListRenameGetExportArchiveDelete) {
  TempWorkspace folder;
  Daemon gloss(folder.path("sessions.db"));
  json::value first = gloss.result("gloss/sessions/create");
  std::int64_t a = first.at("id").as_int64();
  EXPECT_EQ(first.at("title"), json::value(""));
  EXPECT_EQ(first.at("titleIsAuto"), json::value(true));
  EXPECT_EQ(first.at("workspace"), json::value(emptyWorkspace()));
  std::int64_t b =
      gloss.result("gloss/sessions/create", json::object{{"title", "Tokenizer questions"}})
          .at("id")
          .as_int64();
  EXPECT_EQ(listedIds(gloss.result("gloss/sessions/list")), (std::vector<std::int64_t>{b, a}));

  json::value renamed =
      gloss.result("gloss/sessions/rename", json::object{{"sessionId", a}, {"title", "Renamed"}});
  EXPECT_EQ(renamed.at("title"), json::value("Renamed"));
  EXPECT_EQ(renamed.at("titleIsAuto"), json::value(false));

  json::value got = gloss.result("gloss/sessions/get", json::object{{"sessionId", a}});
  EXPECT_EQ(got.at("session").at("title"), json::value("Renamed"));
  EXPECT_EQ(got.at("messages"), json::value(json::array()));
  EXPECT_EQ(got.at("hasMore"), json::value(false));

  json::value markdown =
      gloss.result("gloss/sessions/export", json::object{{"sessionId", a}, {"format", "markdown"}});
  EXPECT_EQ(markdown.at("format"), json::value("markdown"));
  EXPECT_EQ(std::string(markdown.at("content").as_string()).rfind("# Renamed\n", 0), 0u);
  json::value exported =
      gloss.result("gloss/sessions/export", json::object{{"sessionId", a}, {"format", "json"}});
  json::value doc = json::parse(exported.at("content").as_string());
  EXPECT_EQ(doc.at("session").at("id"), json::value(a));

  json::value hits = gloss.result("gloss/sessions/search", json::object{{"query", "tokenizer"}});
  ASSERT_EQ(hits.at("sessions").as_array().size(), 1u);
  EXPECT_EQ(hits.at("sessions").at(0).at("id"), json::value(b));
  EXPECT_EQ(hits.at("sessions").at(0).at("snippet"), json::value("**Tokenizer** questions"));

  json::value archived = gloss.result("gloss/sessions/archive", json::object{{"sessionId", b}});
  EXPECT_EQ(archived.at("archived"), json::value(true));
  EXPECT_EQ(listedIds(gloss.result("gloss/sessions/list")), (std::vector<std::int64_t>{a}));
  EXPECT_EQ(listedIds(gloss.result("gloss/sessions/list", json::object{{"archived", true}})),
            (std::vector<std::int64_t>{b}));
  // The rename made `a` the most recently updated.
  EXPECT_EQ(listedIds(gloss.result("gloss/sessions/list", json::object{{"archived", "any"}})),
            (std::vector<std::int64_t>{a, b}));

  gloss.result("gloss/sessions/delete", json::object{{"sessionId", a}});
  EXPECT_TRUE(listedIds(gloss.result("gloss/sessions/list")).empty());
  EXPECT_EQ(listedIds(gloss.result("gloss/sessions/list", json::object{{"includeDeleted", true}})),
            (std::vector<std::int64_t>{a}));
  gloss.result("gloss/sessions/delete", json::object{{"sessionId", a}, {"hard", true}});
  json::value gone = gloss.call("gloss/sessions/get", json::object{{"sessionId", a}});
  EXPECT_EQ(gone.at("error").at("code"), json::value(-32602));
  EXPECT_EQ(gone.at("error").at("message"), json::value("no session " + std::to_string(a)));

  json::value stats = gloss.result("gloss/stats");
  EXPECT_EQ(stats.at("sessions"), json::value(1));
  EXPECT_EQ(stats.at("messages"), json::value(0));
  json::value status = gloss.result("gloss/status");
  EXPECT_EQ(status.at("sessions").at("path"), json::value(folder.path("sessions.db")));
  EXPECT_EQ(status.at("sessions").at("state"), json::value("open"));
  EXPECT_EQ(status.at("sessions").at("sessions"), json::value(1));
}

TEST(SessionsE2E, BadParamsAndUnknownIdsAreClearErrorsAndTheDaemonKeepsServing) {
  TempWorkspace folder;
  Daemon gloss(folder.path("sessions.db"));
  auto expectError = [&](std::string_view method, json::value params, int code,
                         const std::string& words) {
    json::value response = gloss.call(method, std::move(params));
    ASSERT_TRUE(response.as_object().contains("error")) << method << ": " << response;
    EXPECT_EQ(response.at("error").at("code"), json::value(code)) << response;
    std::string message(response.at("error").at("message").as_string());
    EXPECT_NE(message.find(words), std::string::npos) << message;
  };
  expectError("gloss/sessions/get", json::object(), -32602, "params.sessionId");
  expectError("gloss/sessions/rename", json::object{{"sessionId", "one"}, {"title", "x"}}, -32602,
              "params.sessionId");
  expectError("gloss/sessions/archive", json::object{{"sessionId", 1}, {"archived", "yes"}}, -32602,
              "params.archived");
  expectError("gloss/sessions/export", json::object{{"sessionId", 1}, {"format", "pdf"}}, -32602,
              "params.format");
  expectError("gloss/sessions/list", json::object{{"limit", 1000}}, -32602, "params.limit");
  expectError("gloss/sessions/search", json::object(), -32602, "params.query");
  expectError("gloss/messages/edit", json::object{{"messageId", 5}}, -32602, "params.content");
  expectError("gloss/sessions/get", json::object{{"sessionId", 999}}, -32602, "no session 999");
  expectError("gloss/sessions/rename", json::object{{"sessionId", 999}, {"title", "x"}}, -32602,
              "no session 999");
  expectError("gloss/messages/edit", json::object{{"messageId", 5}, {"content", "x"}}, -32602,
              "no message 5");
  expectError("gloss/messages/delete", json::object{{"messageId", 5}}, -32602, "no message 5");
  expectError("gloss/sessions/list", json::object{{"cursor", "garbage"}}, -32602, "bad cursor");
  json::value unknown = gloss.call("gloss/sessions/delete", json::object{{"sessionId", 999}});
  EXPECT_EQ(unknown.at("error").at("data").at("sessionId"), json::value(999));

  json::value created = gloss.result("gloss/sessions/create", json::object{{"title", "still ok"}});
  EXPECT_EQ(created.at("title"), json::value("still ok"));
}

TEST(SessionsE2E, ASecondDaemonSeesTheFirstOnesSessions) {
  TempWorkspace folder;
  std::string db = folder.path("data/sessions.db");
  Daemon first(db);
  Daemon second(db);
  std::int64_t id =
      first.result("gloss/sessions/create", json::object{{"title", "shared"}}).at("id").as_int64();
  json::value seen = second.result("gloss/sessions/get", json::object{{"sessionId", id}});
  EXPECT_EQ(seen.at("session").at("title"), json::value("shared"));
  second.result("gloss/sessions/rename", json::object{{"sessionId", id}, {"title", "by second"}});
  json::value listed = first.result("gloss/sessions/list");
  EXPECT_EQ(listed.at("sessions").at(0).at("title"), json::value("by second"));
}

TEST(SessionsE2E, AFileThatIsNotASessionDatabaseIsLeftAloneAndReported) {
  TempWorkspace folder;
  folder.write("notes.db", "my notes, not a database\n");
  std::string before = readBytes(folder.path("notes.db"));
  Daemon gloss(folder.path("notes.db"));
  for (const char* method : {"gloss/sessions/list", "gloss/stats"}) {
    json::value response = gloss.call(method);
    ASSERT_TRUE(response.as_object().contains("error")) << response;
    EXPECT_EQ(response.at("error").at("code"), json::value(-32803));
    std::string message(response.at("error").at("message").as_string());
    EXPECT_NE(message.find("chat sessions are unavailable"), std::string::npos) << message;
    EXPECT_NE(message.find("not modified"), std::string::npos) << message;
  }
  json::value status = gloss.result("gloss/status");
  EXPECT_EQ(status.at("sessions").at("state"), json::value("failed"));
  EXPECT_EQ(readBytes(folder.path("notes.db")), before);
}

}  // namespace
}  // namespace gloss::test
