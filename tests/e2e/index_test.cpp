// The index through the real binary: progress, symbols, unsaved buffers, incremental updates.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "GlossProcess.h"
#include "TempWorkspace.h"

namespace gloss::test {
namespace {

const char* kParser = R"(import sys


class ArgParser:
    """Parses command lines."""

    def parse_args(self, argv):
        return [a for a in argv if a]

    def usage(self):
        return "usage"


def main():
    return ArgParser().parse_args(sys.argv)
)";

class IndexE2E : public ::testing::Test {
 protected:
  void SetUp() override {
    ws.write("src/parser.py", kParser);
    ws.write("src/util.go", "package src\n\nfunc helperThing() int {\n\treturn 1\n}\n");
    ws.write(".gitignore", "build/\n");
    ws.write("build/generated.py", "def ignoredFunction():\n    pass\n");
  }

  std::unique_ptr<GlossProcess> start() {
    auto gloss = std::make_unique<GlossProcess>(std::vector<std::string>{
        "serve", "--db", ws.path(".cache/index.db"), "--log-level", "debug"});
    json::value params = initializeParams(ws.root());
    params.as_object()["capabilities"] =
        json::object{{"window", json::object{{"workDoneProgress", true}}}};
    gloss->request(0, "initialize", params);
    auto init = gloss->responseTo(0);
    EXPECT_TRUE(init && init->as_object().contains("result"));
    EXPECT_EQ(init->at("result").at("capabilities").at("textDocumentSync").at("change"),
              json::value(2));
    gloss->notify("initialized");
    return gloss;
  }

  // Answers the server's requests (progress token creation) and waits for the index to be ready.
  void waitForIndex(GlossProcess& gloss) {
    ASSERT_TRUE(waitForIndexReady(gloss, 1000, 200)) << "index never became ready";
  }

  json::value workspaceSymbols(GlossProcess& gloss, const std::string& query) {
    static int id = 5000;
    gloss.request(++id, "workspace/symbol", json::object{{"query", query}});
    auto r = gloss.responseTo(id);
    EXPECT_TRUE(r && r->as_object().contains("result"));
    return r ? r->at("result") : json::value();
  }

  static std::vector<std::string> names(const json::value& symbols) {
    std::vector<std::string> out;
    for (const auto& s : symbols.as_array()) out.emplace_back(s.at("name").as_string());
    return out;
  }

  TempWorkspace ws;
};

TEST_F(IndexE2E, ReportsProgressAndServesWorkspaceSymbols) {
  auto gloss = start();
  waitForIndex(*gloss);
  json::value hits = workspaceSymbols(*gloss, "pArg");
  ASSERT_FALSE(hits.as_array().empty());
  EXPECT_EQ(hits.at(0).at("name"), json::value("parse_args"));
  EXPECT_EQ(hits.at(0).at("containerName"), json::value("ArgParser"));
  EXPECT_EQ(hits.at(0).at("location").at("uri"), json::value(ws.uri("src/parser.py")));
  EXPECT_EQ(hits.at(0).at("location").at("range").at("start").at("line"), json::value(6));
  // The ignored folder is not indexed.
  EXPECT_TRUE(workspaceSymbols(*gloss, "ignoredFunction").as_array().empty());
  EXPECT_EQ(names(workspaceSymbols(*gloss, "helperThing")),
            std::vector<std::string>{"helperThing"});
  bool begin = false, end = false;
  for (const auto& n : gloss->notifications()) {
    if (n.at("method") != json::value("$/progress")) continue;
    const auto& kind = n.at("params").at("value").at("kind");
    begin |= kind == json::value("begin");
    end |= kind == json::value("end");
  }
  EXPECT_TRUE(begin);
  EXPECT_TRUE(end);
}

TEST_F(IndexE2E, DocumentSymbolIsHierarchical) {
  auto gloss = start();
  gloss->request(1, "textDocument/documentSymbol",
                 json::object{{"textDocument", json::object{{"uri", ws.uri("src/parser.py")}}}});
  auto r = gloss->responseTo(1);
  ASSERT_TRUE(r && r->as_object().contains("result")) << json::serialize(*r);
  const auto& top = r->at("result").as_array();
  ASSERT_EQ(top.size(), 2u);
  EXPECT_EQ(top[0].at("name"), json::value("ArgParser"));
  EXPECT_EQ(top[0].at("kind"), json::value(5));
  EXPECT_EQ(names(top[0].at("children")), (std::vector<std::string>{"parse_args", "usage"}));
  EXPECT_EQ(top[1].at("name"), json::value("main"));
  EXPECT_EQ(top[1].at("selectionRange").at("start"),
            json::value(json::object{{"line", 13}, {"character", 4}}));
}

TEST_F(IndexE2E, UnsavedBufferWinsOverDisk) {
  auto gloss = start();
  waitForIndex(*gloss);
  gloss->notify("textDocument/didOpen",
                json::object{{"textDocument", json::object{{"uri", ws.uri("src/parser.py")},
                                                           {"languageId", "python"},
                                                           {"version", 1},
                                                           {"text", kParser}}}});
  // Rename `usage` to `brandNewHelp` in the buffer only (line 9, "    def usage(self):").
  gloss->notify(
      "textDocument/didChange",
      json::object{
          {"textDocument", json::object{{"uri", ws.uri("src/parser.py")}, {"version", 2}}},
          {"contentChanges",
           json::array{json::object{
               {"range", json::object{{"start", json::object{{"line", 9}, {"character", 8}}},
                                      {"end", json::object{{"line", 9}, {"character", 13}}}}},
               {"text", "brandNewHelp"}}}}});
  EXPECT_EQ(names(workspaceSymbols(*gloss, "brandNewHelp")),
            std::vector<std::string>{"brandNewHelp"});
  EXPECT_TRUE(workspaceSymbols(*gloss, "usage").as_array().empty());
  gloss->request(2, "textDocument/documentSymbol",
                 json::object{{"textDocument", json::object{{"uri", ws.uri("src/parser.py")}}}});
  auto outline = gloss->responseTo(2);
  ASSERT_TRUE(outline);
  EXPECT_EQ(names(outline->at("result").at(0).at("children")),
            (std::vector<std::string>{"parse_args", "brandNewHelp"}));
  // Closing the buffer hands the file back to the disk copy.
  gloss->notify("textDocument/didClose",
                json::object{{"textDocument", json::object{{"uri", ws.uri("src/parser.py")}}}});
  EXPECT_EQ(names(workspaceSymbols(*gloss, "usage")), std::vector<std::string>{"usage"});
}

TEST_F(IndexE2E, WatchedFileEventsUpdateTheIndex) {
  auto gloss = start();
  waitForIndex(*gloss);
  ws.write("src/util.go", "package src\n\nfunc renamedHelper() int {\n\treturn 2\n}\n");
  ws.write("src/extra.rs", "fn brand_new_rust() {}\n");
  std::filesystem::rename(ws.path("src/parser.py"), ws.path("src/moved.py"));
  gloss->notify(
      "workspace/didChangeWatchedFiles",
      json::object{{"changes", json::array{
                                   json::object{{"uri", ws.uri("src/util.go")}, {"type", 2}},
                                   json::object{{"uri", ws.uri("src/extra.rs")}, {"type", 1}},
                                   json::object{{"uri", ws.uri("src/parser.py")}, {"type", 3}},
                                   json::object{{"uri", ws.uri("src/moved.py")}, {"type", 1}},
                                   json::object{{"uri", "file:///etc/passwd"}, {"type", 2}},
                               }}});
  waitForIndex(*gloss);
  EXPECT_TRUE(workspaceSymbols(*gloss, "helperThing").as_array().empty());
  EXPECT_EQ(names(workspaceSymbols(*gloss, "renamedHelper")),
            std::vector<std::string>{"renamedHelper"});
  EXPECT_EQ(names(workspaceSymbols(*gloss, "brand_new_rust")),
            std::vector<std::string>{"brand_new_rust"});
  auto moved = workspaceSymbols(*gloss, "parse_args");
  ASSERT_EQ(moved.as_array().size(), 1u);
  EXPECT_EQ(moved.at(0).at("location").at("uri"), json::value(ws.uri("src/moved.py")));
}

TEST_F(IndexE2E, RestartReusesTheIndexAndPicksUpChangesMadeWhileStopped) {
  {
    auto gloss = start();
    waitForIndex(*gloss);
    gloss->request(9, "shutdown", nullptr);
    gloss->responseTo(9);
    gloss->notify("exit", nullptr);
    EXPECT_EQ(gloss->wait(), 0);
  }
  ws.write("src/late.py", "def arrivedLater():\n    pass\n");
  auto gloss = start();
  waitForIndex(*gloss);
  gloss->request(10, "gloss/status");
  auto status = gloss->responseTo(10);
  const auto& pass = status->at("result").at("index").at("lastPass");
  EXPECT_EQ(pass.at("indexed"), json::value(1));
  EXPECT_EQ(pass.at("unchanged"), json::value(2));  // parser.py, util.go (.gitignore is hidden)
  EXPECT_EQ(names(workspaceSymbols(*gloss, "arrivedLater")),
            std::vector<std::string>{"arrivedLater"});
}

TEST_F(IndexE2E, CorruptIndexIsRebuilt) {
  std::filesystem::create_directories(ws.path(".cache"));
  ws.write(".cache/index.db", std::string(8192, 'x'));
  auto gloss = start();
  waitForIndex(*gloss);
  EXPECT_EQ(names(workspaceSymbols(*gloss, "helperThing")),
            std::vector<std::string>{"helperThing"});
  EXPECT_NE(gloss->stderrText().find("index rebuilt"), std::string::npos);
}

TEST_F(IndexE2E, IndexDamagedAfterACleanCloseIsVerifiedAndRebuilt) {
  {
    auto gloss = start();
    waitForIndex(*gloss);
    gloss->request(9, "shutdown", nullptr);
    gloss->responseTo(9);
    gloss->notify("exit", nullptr);
    ASSERT_EQ(gloss->wait(), 0);
  }
  // Scribble over every page but the first (the header stays valid, so only use finds it).
  std::string db = ws.path(".cache/index.db");
  auto size = std::filesystem::file_size(db);
  {
    std::fstream file(db, std::ios::in | std::ios::out | std::ios::binary);
    file.seekp(16384);
    file << std::string(size - 16384, '\x7f');
  }
  ws.write("src/after.py", "def afterDamage():\n    pass\n");
  auto gloss = start();
  waitForIndex(*gloss);
  EXPECT_EQ(names(workspaceSymbols(*gloss, "afterDamage")),
            std::vector<std::string>{"afterDamage"});
  EXPECT_EQ(names(workspaceSymbols(*gloss, "helperThing")),
            std::vector<std::string>{"helperThing"});
  EXPECT_NE(gloss->stderrText().find("index rebuilt"), std::string::npos);
}

TEST_F(IndexE2E, DocumentSymbolOutsideTheWorkspaceIsRefused) {
  auto gloss = start();
  gloss->request(3, "textDocument/documentSymbol",
                 json::object{{"textDocument", json::object{{"uri", "file:///etc/hostname"}}}});
  auto r = gloss->responseTo(3);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->at("error").at("code"), json::value(-32602));
  EXPECT_NE(json::serialize(*r).find("outside the workspace"), std::string::npos);
}

}  // namespace
}  // namespace gloss::test
