// Workspace containment through the real binary: a workspace holding a symlinked folder and a
// symlinked file that lead outside, a symlink loop, and test folders that are symlinks out. Paths
// given as `../`, absolute paths and file:// URIs outside are refused with -32602 naming them;
// grep, the index and unsaved buffers never hold an outside file; a chat reference to an outside
// file never reaches the model's prompt; generated tests are never proposed or written outside.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>

#include "GlossProcess.h"
#include "ProcessRun.h"
#include "TempWorkspace.h"
#include "llm_test_server.h"

namespace gloss::test {
namespace {

namespace fs = std::filesystem;

constexpr const char* kOutsideMarker = "zq_outside_marker";
constexpr const char* kInsideMarker = "inside_marker_ok";

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// Every file below `folder` with its content, to show nothing outside changed.
std::map<std::string, std::string> snapshot(const std::string& folder) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(folder)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    files[entry.path().string()] = std::string(std::istreambuf_iterator<char>(in), {});
  }
  return files;
}

class ContainmentE2E : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    setenv("NO_PROXY", "127.0.0.1,localhost", 1);
    loopback_ = std::make_unique<llm::test::LoopbackProvider>();
  }
  static void TearDownTestSuite() { loopback_.reset(); }

  void SetUp() override {
    loopback_->reset();
    std::string secret =
        std::string("def outside_secret():\n    return '") + kOutsideMarker + "'\n";
    outside.write("secret.py", secret);
    outside.write("dir/lib.py", secret);
    outside.write("jsTests/keep.txt", "untouched\n");
    outside.write("victim_test.py", "original\n");
    ws.write("src/app.py", std::string("def app_main():\n    return '") + kInsideMarker + "'\n");
    ws.write("lib/util.js", "export function util() { return 1; }\n");
    ws.write("lib/__tests__/util.test.js",
             "import { util } from '../util';\ntest('util', () => { expect(util()).toBe(1); });\n");
    ws.write("web/widget.js", "export function widget() { return 2; }\n");
    fs::create_directory_symlink(outside.path("dir"), ws.path("linked_dir"));
    fs::create_symlink(outside.path("secret.py"), ws.path("linked_file.py"));
    fs::create_directory_symlink(outside.path("jsTests"), ws.path("web/__tests__"));
    fs::create_symlink(outside.path("victim_test.py"), ws.path("src/test_app.py"));
    fs::create_directory_symlink("..", ws.path("src/loop"));
  }

  std::unique_ptr<GlossProcess> start(json::object options = {}) {
    auto gloss = std::make_unique<GlossProcess>(std::vector<std::string>{
        "serve", "--db", cache.path("index.db"), "--sessions-db", cache.path("sessions.db")});
    json::value params = initializeParams(ws.root());
    if (!options.empty()) params.as_object()["initializationOptions"] = std::move(options);
    gloss->request(0, "initialize", params);
    EXPECT_TRUE(gloss->responseTo(0));
    gloss->notify("initialized");
    EXPECT_TRUE(waitForIndexReady(*gloss, 50000, 800));
    return gloss;
  }

  json::value call(GlossProcess& gloss, const std::string& method, json::value params) {
    int id = nextId++;
    gloss.request(id, method, std::move(params));
    auto response = gloss.responseTo(id, std::chrono::seconds(30));
    EXPECT_TRUE(response) << method;
    return response ? *response : json::value();
  }

  // The answer must be -32602 with a message naming `path` as refused.
  void expectRefused(const json::value& response, const std::string& path) {
    ASSERT_TRUE(response.is_object() && response.as_object().contains("error")) << response;
    EXPECT_EQ(response.at("error").at("code"), json::value(-32602)) << response;
    std::string message(response.at("error").at("message").as_string());
    EXPECT_TRUE(contains(message, "refused: " + path + " is outside the workspace folders"))
        << message;
  }

  std::string relativeOutside(const std::string& file) const {
    return "../" + fs::path(outside.root()).filename().string() + "/" + file;
  }

  static std::unique_ptr<llm::test::LoopbackProvider> loopback_;
  TempWorkspace ws, outside, cache;
  int nextId = 1;
};
std::unique_ptr<llm::test::LoopbackProvider> ContainmentE2E::loopback_;

TEST_F(ContainmentE2E, PathsOutsideTheWorkspaceAreRefusedNamingThem) {
  auto gloss = start();
  for (const std::string& path : {std::string("linked_file.py"), std::string("linked_dir/lib.py"),
                                  relativeOutside("secret.py"), outside.path("secret.py")}) {
    expectRefused(call(*gloss, "gloss/explain", json::object{{"target", path + ":1"}}), path);
    expectRefused(call(*gloss, "gloss/context", json::object{{"target", path + ":1"}}), path);
    expectRefused(call(*gloss, "workspace/executeCommand",
                       json::object{{"command", "gloss.explain"},
                                    {"arguments", json::array{json::object{{"target", path}}}}}),
                  path);
  }
  for (const std::string& uri : {outside.uri("secret.py"), ws.uri("linked_dir/lib.py")}) {
    std::string path = uri.substr(7);
    json::object document{{"uri", uri}};
    expectRefused(call(*gloss, "gloss/explain",
                       json::object{{"textDocument", document},
                                    {"position", json::object{{"line", 0}, {"character", 4}}}}),
                  path);
    expectRefused(
        call(*gloss, "textDocument/documentSymbol", json::object{{"textDocument", document}}),
        path);
    expectRefused(call(*gloss, "gloss/summarize", json::object{{"uri", uri}}), path);
  }
  expectRefused(call(*gloss, "gloss/summarize", json::object{{"path", "linked_dir"}}),
                "linked_dir");
  json::value actions = call(
      *gloss, "textDocument/codeAction",
      json::object{{"textDocument", json::object{{"uri", ws.uri("linked_file.py")}}},
                   {"range", json::object{{"start", json::object{{"line", 0}, {"character", 0}}},
                                          {"end", json::object{{"line", 0}, {"character", 0}}}}},
                   {"context", json::object{{"diagnostics", json::array()}}}});
  EXPECT_EQ(actions.at("result"), json::value(json::array())) << actions;
  // Inside paths still work, so the refusals above are about containment.
  json::value inside = call(*gloss, "gloss/context", json::object{{"target", "src/app.py:1"}});
  ASSERT_TRUE(inside.as_object().contains("result")) << inside;
  EXPECT_TRUE(contains(std::string(inside.at("result").at("text").as_string()), kInsideMarker));
}

TEST_F(ContainmentE2E, GrepTheIndexAndBuffersNeverHoldOutsideFiles) {
  auto gloss = start();
  // Buffers outside are not kept, whatever their text says.
  std::string text = std::string("def opened_outside():\n    return '") + kOutsideMarker + "'\n";
  for (const std::string& uri :
       {outside.uri("secret.py"), ws.uri("linked_file.py"), ws.uri("linked_dir/lib.py")}) {
    gloss->notify("textDocument/didOpen",
                  json::object{{"textDocument", json::object{{"uri", uri},
                                                             {"languageId", "python"},
                                                             {"version", 1},
                                                             {"text", text}}}});
  }
  for (bool useIndex : {true, false}) {
    json::value hits = call(*gloss, "gloss/grep",
                            json::object{{"pattern", kOutsideMarker}, {"useIndex", useIndex}});
    ASSERT_TRUE(hits.as_object().contains("result")) << hits;
    EXPECT_EQ(hits.at("result").at("matches").as_array().size(), 0u) << hits;
  }
  json::value globbed =
      call(*gloss, "gloss/grep",
           json::object{{"pattern", kOutsideMarker},
                        {"include", json::array{"../**", outside.root() + "/**", "linked_dir/**",
                                                "linked_file.py"}}});
  EXPECT_EQ(globbed.at("result").at("matches").as_array().size(), 0u) << globbed;
  json::value found = call(*gloss, "gloss/grep", json::object{{"pattern", kInsideMarker}});
  EXPECT_EQ(found.at("result").at("matches").as_array().size(), 1u) << found;

  json::value symbols = call(*gloss, "workspace/symbol", json::object{{"query", "outside_secret"}});
  EXPECT_EQ(symbols.at("result"), json::value(json::array())) << symbols;
  json::value opened = call(*gloss, "workspace/symbol", json::object{{"query", "opened_outside"}});
  EXPECT_EQ(opened.at("result"), json::value(json::array())) << opened;
  json::value app = call(*gloss, "workspace/symbol", json::object{{"query", "app_main"}});
  EXPECT_EQ(app.at("result").as_array().size(), 1u) << app;

  // The walk skipped both links out and the loop, and finished.
  json::value status = call(*gloss, "gloss/status", json::object{});
  const json::value& pass = status.at("result").at("index").at("lastPass");
  EXPECT_GE(pass.at("symlinksOutsideRoot").to_number<int>(), 4) << pass;
  EXPECT_GE(pass.at("symlinkLoops").to_number<int>(), 1) << pass;
  EXPECT_EQ(pass.at("files").to_number<int>(), 4) << pass;
}

TEST_F(ContainmentE2E, ChatReferencesOutsideNeverReachThePrompt) {
  auto gloss = start(json::object{{"llm", json::object{{"provider", "openai"},
                                                       {"baseUrl", loopback_->origin() + "/v1"},
                                                       {"model", "test-model"},
                                                       {"apiKey", "sk-e2e-contain-0000"}}}});
  std::string absolute = outside.path("dir/lib.py");
  std::string message = "Compare src/app.py:1 with linked_file.py:1, " +
                        relativeOutside("secret.py") + ":1 and " + absolute + ":1 please";
  json::value reply = call(*gloss, "gloss/chat", json::object{{"message", message}});
  ASSERT_TRUE(reply.as_object().contains("result")) << reply;
  const json::value& result = reply.at("result");
  std::vector<std::string> refused;
  for (const auto& r : result.at("refusedReferences").as_array())
    refused.emplace_back(r.at("path").as_string());
  EXPECT_NE(std::find(refused.begin(), refused.end(), "linked_file.py"), refused.end());
  EXPECT_NE(std::find(refused.begin(), refused.end(), relativeOutside("secret.py")), refused.end());
  EXPECT_NE(std::find(refused.begin(), refused.end(), absolute), refused.end());
  EXPECT_TRUE(contains(std::string(result.at("content").as_string()), "Not read:")) << result;

  std::string prompts;
  for (const auto& request : loopback_->requests()) {
    if (contains(std::string(request.at("url").as_string()), "chat/completions"))
      prompts += std::string(request.at("body").as_string());
  }
  ASSERT_FALSE(prompts.empty());
  EXPECT_TRUE(contains(prompts, kInsideMarker)) << "the inside reference was not sent";
  EXPECT_FALSE(contains(prompts, kOutsideMarker)) << "an outside file reached the prompt";

  json::value slash =
      call(*gloss, "gloss/chat", json::object{{"message", "/explain linked_dir/lib.py:1"}});
  ASSERT_TRUE(slash.as_object().contains("result")) << slash;
  EXPECT_TRUE(contains(std::string(slash.at("result").at("content").as_string()),
                       "refused: linked_dir/lib.py is outside the workspace folders"))
      << slash;
  json::value grep =
      call(*gloss, "gloss/chat", json::object{{"message", "/grep outside_secret " + absolute}});
  EXPECT_TRUE(contains(std::string(grep.at("result").at("content").as_string()),
                       "refused: " + absolute + " is outside the workspace folders"))
      << grep;
}

TEST_F(ContainmentE2E, GeneratedTestsAreNeverProposedOrWrittenOutside) {
  auto before = snapshot(outside.root());
  auto gloss = start();
  // web/__tests__ is a symlink out: the proposal would land in the outside folder.
  json::value viaFolder = call(*gloss, "gloss/generateTests",
                               json::object{{"target", "web/widget.js"}, {"apply", true}});
  expectRefused(viaFolder, ws.path("web/__tests__/widget.test.js"));
  // src/test_app.py is a symlink to an outside file: replacing it would write there.
  json::value viaFile =
      call(*gloss, "gloss/generateTests", json::object{{"target", "src/app.py"}, {"apply", true}});
  expectRefused(viaFile, ws.path("src/test_app.py"));
  for (const json::value& message : gloss->notifications()) {
    const json::object& object = message.as_object();
    EXPECT_FALSE(object.contains("method") && object.at("method") == "workspace/applyEdit")
        << message;
  }
  // A proposal inside is still made.
  json::value inside = call(*gloss, "gloss/generateTests", json::object{{"target", "lib/util.js"}});
  ASSERT_TRUE(inside.as_object().contains("result")) << inside;
  EXPECT_EQ(inside.at("result").at("files").at(0).at("path"),
            json::value(ws.path("lib/__tests__/util.test.js")));

  ProcessResult cli =
      runProcess({GLOSS_BINARY, "generate-tests", "web/widget.js", "--write", "--root", ws.root(),
                  "--db", cache.path("cli-index.db"), "--provider", "offline", "--quiet"},
                 ws.root());
  EXPECT_EQ(cli.exitStatus, 2) << cli.err;
  EXPECT_TRUE(contains(cli.err, "outside the workspace")) << cli.err;
  EXPECT_EQ(snapshot(outside.root()), before);
}

}  // namespace
}  // namespace gloss::test
