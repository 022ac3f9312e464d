// The code-aware commands through the real binary over LSP: gloss/explain, gloss/generateTests,
// gloss/summarize and gloss/context with the offline provider, code actions run through
// workspace/executeCommand (showDocument and applyEdit answered by this test as an editor
// would), and the prompt a real provider receives (loopback server): the expected chunks are
// in it and the planted secret is not.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "CommandFixture.h"
#include "GlossProcess.h"
#include "ProcessRun.h"
#include "llm_test_server.h"

namespace gloss::test {
namespace {

std::string readAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

class CodeCommandsE2E : public ::testing::Test {
 protected:
  void SetUp() override { writeCommandFixture(ws); }

  std::unique_ptr<GlossProcess> start(json::object options = {}, json::object capabilities = {}) {
    auto gloss = std::make_unique<GlossProcess>(std::vector<std::string>{"serve"});
    json::value params = initializeParams(ws.root());
    params.as_object()["capabilities"] = std::move(capabilities);
    if (!options.empty()) params.as_object()["initializationOptions"] = std::move(options);
    gloss->request(0, "initialize", params);
    EXPECT_TRUE(gloss->responseTo(0));
    gloss->notify("initialized");
    EXPECT_TRUE(waitForIndexReady(*gloss, 5000, 800));
    return gloss;
  }

  json::value call(GlossProcess& gloss, const std::string& method, json::value params,
                   std::chrono::seconds timeout = std::chrono::seconds(30)) {
    int id = nextId++;
    gloss.request(id, method, std::move(params));
    auto response = gloss.responseTo(id, timeout);
    EXPECT_TRUE(response) << method << " got no answer";
    return response ? *response : json::value();
  }

  static std::string text(const json::value& v) { return std::string(v.as_string()); }

  static bool hasReference(const json::value& result, const std::string& uriSuffix,
                           const std::string& role) {
    for (const auto& ref : result.at("references").as_array()) {
      if (text(ref.at("uri")).ends_with(uriSuffix) && text(ref.at("role")) == role) return true;
    }
    return false;
  }

  TempWorkspace ws;
  int nextId = 1;
};

TEST_F(CodeCommandsE2E, ExplainOfflineGivesACardFromTheIndex) {
  auto gloss = start();
  json::value response = call(*gloss, "gloss/explain",
                              json::object{{"symbol", "word_count"}, {"partialResultToken", "ex"}});
  const json::value& result = response.at("result");
  std::string content = text(result.at("content"));
  EXPECT_TRUE(contains(content, "Offline provider")) << content;
  EXPECT_TRUE(contains(content, "word_count")) << content;
  EXPECT_TRUE(contains(content, "Count the words of a text.")) << content;  // the docstring
  EXPECT_TRUE(contains(content, "app.py:5")) << content;  // the calling line, 1-based
  EXPECT_TRUE(contains(content, "tokenize")) << content;  // what it uses
  EXPECT_TRUE(hasReference(result, "/pkg/report.py", "target"));
  EXPECT_TRUE(hasReference(result, "/pkg/textutil.py", "definition"));
  EXPECT_TRUE(hasReference(result, "/app.py", "caller"));
  // The streamed deltas add up to the whole answer.
  std::string streamed;
  for (const auto& n : gloss->notifications()) {
    if (n.at("method") == json::value("$/progress") &&
        n.at("params").at("token") == json::value("ex"))
      streamed += text(n.at("params").at("value").at("text"));
  }
  EXPECT_EQ(streamed, content);
}

TEST_F(CodeCommandsE2E, ExplainByPositionAndByPathLineFindTheSameFunction) {
  auto gloss = start();
  json::value byPosition =
      call(*gloss, "gloss/explain",
           json::object{{"textDocument", json::object{{"uri", ws.uri("pkg/report.py")}}},
                        {"position", json::object{{"line", 7}, {"character", 4}}}});
  json::value byTarget = call(*gloss, "gloss/explain", json::object{{"target", "pkg/report.py:8"}});
  ASSERT_TRUE(byPosition.as_object().contains("result")) << byPosition;
  ASSERT_TRUE(byTarget.as_object().contains("result")) << byTarget;
  EXPECT_TRUE(contains(text(byPosition.at("result").at("title")), "word_count"));
  EXPECT_EQ(byPosition.at("result").at("title"), byTarget.at("result").at("title"));
}

TEST_F(CodeCommandsE2E, AmbiguousNamesListTheCandidates) {
  auto gloss = start();
  json::value response = call(*gloss, "gloss/explain", json::object{{"symbol", "helper"}});
  const json::value& result = response.at("result");
  ASSERT_TRUE(result.as_object().contains("ambiguous")) << response;
  EXPECT_EQ(result.at("ambiguous").as_array().size(), 2u);
  EXPECT_TRUE(contains(text(result.at("content")), "pkg/other.py:1"));
  EXPECT_TRUE(contains(text(result.at("content")), "pkg/report.py:"));
}

TEST_F(CodeCommandsE2E, BadTargetsAreClearErrorsAndTheDaemonKeepsServing) {
  auto gloss = start();
  json::value unknown = call(*gloss, "gloss/explain", json::object{{"symbol", "no_such_thing"}});
  ASSERT_TRUE(unknown.as_object().contains("error")) << unknown;
  EXPECT_EQ(unknown.at("error").at("code"), json::value(-32602));
  EXPECT_TRUE(contains(text(unknown.at("error").at("message")), "no_such_thing"));
  json::value outside = call(*gloss, "gloss/explain", json::object{{"target", "/etc/passwd:1"}});
  ASSERT_TRUE(outside.as_object().contains("error")) << outside;
  EXPECT_TRUE(contains(text(outside.at("error").at("message")), "outside the workspace"));
  json::value missing = call(*gloss, "gloss/explain", json::object{{"question", "why?"}});
  ASSERT_TRUE(missing.as_object().contains("error"));
  EXPECT_EQ(missing.at("error").at("code"), json::value(-32602));
  json::value typed = call(*gloss, "gloss/summarize", json::object{{"uri", 42}});
  ASSERT_TRUE(typed.as_object().contains("error"));
  EXPECT_TRUE(contains(text(typed.at("error").at("message")), "params.uri"));
  json::value fine = call(*gloss, "gloss/explain", json::object{{"symbol", "tokenize"}});
  EXPECT_TRUE(fine.as_object().contains("result")) << fine;
}

TEST_F(CodeCommandsE2E, GenerateTestsOfflineProposesARunnableSkeletonWhereTheRepoKeepsTests) {
  auto gloss = start();
  json::value response =
      call(*gloss, "gloss/generateTests", json::object{{"target", "pkg/report.py"}});
  const json::value& result = response.at("result");
  ASSERT_TRUE(result.as_object().contains("files")) << response;
  const json::value& file = result.at("files").at(0);
  EXPECT_EQ(text(file.at("path")), ws.path("tests/test_report.py"));
  EXPECT_EQ(file.at("exists"), json::value(false));
  std::string code = text(file.at("content"));
  EXPECT_TRUE(contains(code, "def test_word_count")) << code;
  EXPECT_TRUE(contains(code, "from pkg.report import")) << code;
  EXPECT_TRUE(contains(text(result.at("content")), "pytest")) << result;
  // Nothing is written unless asked.
  EXPECT_FALSE(std::filesystem::exists(ws.path("tests/test_report.py")));
  std::string written = ws.path("proposal_check.py");
  std::ofstream(written) << code;
  ProcessResult compiled = runProcess({"python3", "-m", "py_compile", written});
  EXPECT_EQ(compiled.exitStatus, 0) << compiled.err;
}

TEST_F(CodeCommandsE2E, SummarizeOfflineOutlinesTheWorkspaceAndAFolder) {
  auto gloss = start();
  json::value all = call(*gloss, "gloss/summarize", json::object{});
  std::string workspace = text(all.at("result").at("content"));
  for (const char* part : {"app.py", "pkg/report.py", "pkg/textutil.py", "word_count", "tokenize",
                           "Lower-case the text", "python"}) {
    EXPECT_TRUE(contains(workspace, part)) << part << "\n" << workspace;
  }
  json::value folder = call(*gloss, "gloss/summarize", json::object{{"uri", ws.uri("pkg")}});
  std::string pkg = text(folder.at("result").at("content"));
  EXPECT_TRUE(contains(pkg, "pkg/textutil.py")) << pkg;
  EXPECT_FALSE(contains(pkg, "app.py")) << pkg;
  json::value file = call(*gloss, "gloss/summarize", json::object{{"path", "pkg/textutil.py"}});
  std::string one = text(file.at("result").at("content"));
  EXPECT_TRUE(contains(one, "Text helpers shared by the reports.")) << one;  // module docstring
}

TEST_F(CodeCommandsE2E, ContextReportsEachPieceWithItsTokens) {
  auto gloss = start();
  json::value response = call(*gloss, "gloss/context", json::object{{"symbol", "word_count"}});
  const json::value& result = response.at("result");
  std::string report = text(result.at("text"));
  EXPECT_TRUE(contains(report, "tokens")) << report;
  EXPECT_TRUE(contains(report, "def tokenize")) << report;
  int sum = 0;
  for (const auto& ref : result.at("references").as_array())
    sum += static_cast<int>(ref.at("tokens").as_int64());
  EXPECT_EQ(sum, result.at("tokens").as_int64());
}

TEST_F(CodeCommandsE2E, CodeActionsRunThroughExecuteCommandAndOpenTheAnswer) {
  json::object caps{{"window", json::object{{"showDocument", json::object{{"support", true}}}}},
                    {"workspace", json::object{{"applyEdit", true}}}};
  auto gloss = start({}, caps);
  json::value actions = call(
      *gloss, "textDocument/codeAction",
      json::object{{"textDocument", json::object{{"uri", ws.uri("pkg/report.py")}}},
                   {"range", json::object{{"start", json::object{{"line", 6}, {"character", 0}}},
                                          {"end", json::object{{"line", 6}, {"character", 0}}}}},
                   {"context", json::object{{"diagnostics", json::array()}}}});
  std::vector<std::string> titles;
  json::value explain;
  for (const auto& a : actions.at("result").as_array()) {
    titles.push_back(text(a.at("title")));
    if (text(a.at("command").at("command")) == "gloss.explain") explain = a.at("command");
  }
  EXPECT_EQ(titles, (std::vector<std::string>{"gloss: Explain `word_count`",
                                              "gloss: Generate tests for `word_count`",
                                              "gloss: Summarize this file"}));
  ASSERT_TRUE(explain.is_object());
  int id = nextId++;
  gloss->request(
      id, "workspace/executeCommand",
      json::object{{"command", explain.at("command")}, {"arguments", explain.at("arguments")}});
  std::string shown;
  std::optional<json::value> result;
  while (!result) {
    auto message = gloss->read(std::chrono::seconds(30));
    ASSERT_TRUE(message);
    const json::object& m = message->as_object();
    if (m.contains("method") && m.at("method") == json::value("window/showDocument")) {
      shown = text(m.at("params").at("uri"));
      gloss->send(json::object{
          {"jsonrpc", "2.0"}, {"id", m.at("id")}, {"result", json::object{{"success", true}}}});
    } else if (m.contains("method") && m.contains("id")) {
      gloss->send(json::object{{"jsonrpc", "2.0"}, {"id", m.at("id")}, {"result", nullptr}});
    } else if (m.contains("id") && m.at("id") == json::value(id)) {
      result = *message;
    }
  }
  ASSERT_TRUE(result->as_object().contains("result")) << *result;
  std::string document = text(result->at("result").at("document"));
  ASSERT_TRUE(document.starts_with("file://")) << document;
  std::string markdown = readAll(document.substr(7));
  EXPECT_TRUE(contains(markdown, "# Explain word_count")) << markdown;
  EXPECT_TRUE(contains(markdown, "Count the words of a text.")) << markdown;
  // The reply may come before the editor is asked to show the document: read on for it.
  for (int i = 0; shown.empty() && i < 20; ++i) {
    auto message = gloss->read(std::chrono::milliseconds(250));
    if (message && message->as_object().contains("method") &&
        message->at("method") == json::value("window/showDocument"))
      shown = text(message->at("params").at("uri"));
  }
  EXPECT_EQ(shown, document);
}

TEST_F(CodeCommandsE2E, GenerateTestsAppliesItsProposalOnlyWhenAsked) {
  json::object caps{{"workspace", json::object{{"applyEdit", true}}}};
  auto gloss = start({}, caps);
  int id = nextId++;
  gloss->request(id, "gloss/generateTests", json::object{{"symbol", "tokenize"}, {"apply", true}});
  json::value edit;
  std::optional<json::value> result;
  while (!result) {
    auto message = gloss->read(std::chrono::seconds(30));
    ASSERT_TRUE(message);
    const json::object& m = message->as_object();
    if (m.contains("method") && m.at("method") == json::value("workspace/applyEdit")) {
      edit = m.at("params").at("edit");
      gloss->send(json::object{
          {"jsonrpc", "2.0"}, {"id", m.at("id")}, {"result", json::object{{"applied", true}}}});
    } else if (m.contains("id") && m.at("id") == json::value(id)) {
      result = *message;
    }
  }
  ASSERT_TRUE(result->as_object().contains("result")) << *result;
  EXPECT_EQ(result->at("result").at("applied"), json::value(true));
  ASSERT_TRUE(edit.is_object());
  const json::array& changes = edit.at("documentChanges").as_array();
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0].at("kind"), json::value("create"));
  EXPECT_TRUE(text(changes[0].at("uri")).ends_with("/tests/test_textutil.py"));
  std::string code = text(changes[1].at("edits").at(0).at("newText"));
  EXPECT_TRUE(contains(code, "def test_tokenize")) << code;
}

class CodeCommandsProviderE2E : public CodeCommandsE2E {
 protected:
  static void SetUpTestSuite() {
    setenv("NO_PROXY", "127.0.0.1,localhost", 1);
    loopback_ = std::make_unique<llm::test::LoopbackProvider>();
  }
  static void TearDownTestSuite() { loopback_.reset(); }

  std::unique_ptr<GlossProcess> startWithProvider() {
    loopback_->reset();
    auto gloss = start(json::object{{"llm", json::object{{"provider", "openai"},
                                                         {"baseUrl", loopback_->origin() + "/v1"},
                                                         {"model", "test-model"},
                                                         {"apiKey", "sk-e2e-commands-0000"}}}});
    // The background health check makes a request of its own; wait for it to be recorded.
    for (int i = 0; i < 200 && loopback_->requests().empty(); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    return gloss;
  }

  // The text of every chat request the loopback server received.
  static std::string chatPrompts() {
    std::string all;
    for (const auto& r : loopback_->requests()) {
      if (text(r.at("url")).ends_with("/chat/completions")) all += text(r.at("body"));
    }
    return all;
  }

  static std::unique_ptr<llm::test::LoopbackProvider> loopback_;
};
std::unique_ptr<llm::test::LoopbackProvider> CodeCommandsProviderE2E::loopback_;

TEST_F(CodeCommandsProviderE2E, ThePromptHoldsTheChunksAndNoSecret) {
  auto gloss = startWithProvider();
  json::value response = call(*gloss, "gloss/explain", json::object{{"symbol", "word_count"}});
  const json::value& result = response.at("result");
  EXPECT_EQ(result.at("content"), json::value("Hello, world!"));
  std::string prompt = chatPrompts();
  EXPECT_TRUE(contains(prompt, "def word_count(text):")) << prompt;  // the target
  EXPECT_TRUE(contains(prompt, "def tokenize(text):")) << prompt;    // a helper it calls
  EXPECT_TRUE(contains(prompt, "def main():")) << prompt;            // a caller
  EXPECT_TRUE(contains(prompt, "Inputs and outputs")) << prompt;
  EXPECT_FALSE(contains(prompt, kPlantedToken)) << prompt;
  EXPECT_TRUE(result.at("redactions").is_array());
  EXPECT_FALSE(result.at("redactions").as_array().empty());
}

TEST_F(CodeCommandsProviderE2E, SummarizeSendsASmallFolderWhole) {
  auto gloss = startWithProvider();
  json::value response = call(*gloss, "gloss/summarize", json::object{{"uri", ws.uri("pkg")}});
  EXPECT_EQ(response.at("result").at("content"), json::value("Hello, world!"));
  std::string prompt = chatPrompts();
  EXPECT_TRUE(contains(prompt, "def normalize(text):")) << prompt;
  EXPECT_TRUE(contains(prompt, "def word_count(text):")) << prompt;
  EXPECT_FALSE(contains(prompt, "def main():")) << prompt;  // app.py is not in pkg/
}

TEST_F(CodeCommandsProviderE2E, SummarizeMapsALargeFolderFileByFileThenCombines) {
  std::string big;
  for (int i = 0; i < 400; ++i)
    big += "def step_" + std::to_string(i) + "(value):\n    return value * " + std::to_string(i) +
           " + len(str(value))\n\n\n";
  ws.write("pkg/big.py", big);
  auto gloss = startWithProvider();
  json::value response = call(*gloss, "gloss/summarize", json::object{{"uri", ws.uri("pkg")}});
  EXPECT_EQ(response.at("result").at("content"), json::value("Hello, world!"));
  int chats = 0;
  std::string last;
  for (const auto& r : loopback_->requests()) {
    if (!text(r.at("url")).ends_with("/chat/completions")) continue;
    ++chats;
    last = text(r.at("body"));
  }
  EXPECT_EQ(chats, 5);  // four files with code, then the combining request
  EXPECT_TRUE(contains(last, "File summaries")) << last;
  EXPECT_TRUE(contains(last, "### pkg/big.py")) << last;
  EXPECT_TRUE(contains(last, "Hello, world!")) << last;  // the map answers are combined
}

TEST_F(CodeCommandsProviderE2E, CancellingStopsTheAnswer) {
  auto gloss = startWithProvider();
  loopback_->script(json::array{json::object{{"chunks", json::array{"slow"}}, {"stallAfter", 1}}});
  gloss->request(77, "gloss/explain",
                 json::object{{"symbol", "word_count"}, {"partialResultToken", "c"}});
  bool streaming = false;
  for (int i = 0; i < 200 && !streaming; ++i) {
    auto message = gloss->read(std::chrono::milliseconds(100));
    streaming = message && message->as_object().contains("method") &&
                message->at("method") == json::value("$/progress");
  }
  ASSERT_TRUE(streaming);
  gloss->notify("$/cancelRequest", json::object{{"id", 77}});
  auto response = gloss->responseTo(77, std::chrono::seconds(10));
  ASSERT_TRUE(response);
  EXPECT_EQ(response->at("error").at("code"), json::value(-32800));
}

}  // namespace
}  // namespace gloss::test
