// gloss/grep through the real binary: index and scan modes, enclosing symbols, UTF-16 columns,
// unsaved buffers, streaming, limits, errors and cancellation.
#include <gtest/gtest.h>

#include <chrono>
#include <set>
#include <thread>

#include "GlossProcess.h"
#include "TempWorkspace.h"
#include "tests/sanitizers/SanitizerBuild.h"

namespace gloss::test {
namespace {

const char* kParser = R"(import sys


class ArgParser:
    """Parses command lines: é."""

    def parse_args(self, argv):
        return [a for a in argv if a]  # héllo 😀 argv


def main():
    return ArgParser().parse_args(sys.argv)
)";

class GrepE2E : public ::testing::Test {
 protected:
  void SetUp() override {
    ws.write("src/parser.py", kParser);
    ws.write("src/util.go", "package src\n\nfunc helperThing() int {\n\treturn 1\n}\n");
    ws.write(".gitignore", "build/\n");
    ws.write("build/generated.py", "argv = 1\n");
  }

  std::unique_ptr<GlossProcess> start() {
    auto gloss = std::make_unique<GlossProcess>(
        std::vector<std::string>{"serve", "--db", ws.path(".cache/index.db")});
    gloss->request(0, "initialize", initializeParams(ws.root()));
    auto init = gloss->responseTo(0);
    EXPECT_TRUE(init && init->as_object().contains("result"));
    gloss->notify("initialized");
    return gloss;
  }

  void waitForIndex(GlossProcess& gloss) {
    ASSERT_TRUE(waitForIndexReady(gloss, 1000, 400)) << "index never became ready";
  }

  json::value grep(GlossProcess& gloss, json::object params) {
    static int id = 100;
    gloss.request(++id, "gloss/grep", std::move(params));
    auto response = gloss.responseTo(id, std::chrono::seconds(30));
    EXPECT_TRUE(response);
    return response ? *response : json::value();
  }

  static const json::object* matchOnLine(const json::value& result, std::uint64_t line) {
    for (const auto& m : result.at("matches").as_array()) {
      if (m.at("line").to_number<std::uint64_t>() == line) return &m.as_object();
    }
    return nullptr;
  }

  TempWorkspace ws;
};

TEST_F(GrepE2E, IndexModeGivesSymbolsAndUtf16Columns) {
  auto gloss = start();
  waitForIndex(*gloss);
  json::value response = grep(*gloss, {{"pattern", "argv"}, {"caseSensitivity", "sensitive"}});
  ASSERT_TRUE(response.as_object().contains("result")) << json::serialize(response);
  const json::value& result = response.at("result");
  EXPECT_EQ(result.at("mode"), json::value("index"));
  // parse_args's signature, its body, and main; never the ignored build/generated.py.
  EXPECT_EQ(result.at("lineCount"), json::value(3));
  EXPECT_EQ(result.at("matchCount"), json::value(4));
  for (const auto& m : result.at("matches").as_array()) {
    EXPECT_EQ(m.at("uri"), json::value(ws.uri("src/parser.py")));
  }
  const json::object* body = matchOnLine(result, 7);
  ASSERT_TRUE(body);
  EXPECT_EQ(body->at("symbol").at("name"), json::value("parse_args"));
  EXPECT_EQ(body->at("symbol").at("kind"), json::value("method"));
  // `        return [a for a in argv if a]  # héllo 😀 argv`: the last "argv" follows
  // é (1 UTF-16 unit, 2 bytes) and 😀 (2 units, 4 bytes).
  const auto& ranges = body->at("ranges").as_array();
  ASSERT_EQ(ranges.size(), 2u);
  std::string text(body->at("text").as_string());
  std::size_t lastByte = text.rfind("argv");
  EXPECT_EQ(ranges[1].at("start").at("character").to_number<std::size_t>(), lastByte - 1 - 2);
  EXPECT_EQ(ranges[1].at("end").at("line"), json::value(7));
  const json::object* call = matchOnLine(result, 11);
  ASSERT_TRUE(call);
  EXPECT_EQ(call->at("symbol").at("name"), json::value("main"));

  json::value scanned =
      grep(*gloss, {{"pattern", "argv"}, {"caseSensitivity", "sensitive"}, {"useIndex", false}});
  EXPECT_EQ(scanned.at("result").at("mode"), json::value("scan"));
  EXPECT_EQ(scanned.at("result").at("matches"), result.at("matches"));
}

TEST_F(GrepE2E, UnsavedBuffersReplaceTheirDiskCopies) {
  auto gloss = start();
  waitForIndex(*gloss);
  gloss->notify("textDocument/didOpen",
                json::object{{"textDocument", json::object{{"uri", ws.uri("src/util.go")},
                                                           {"languageId", "go"},
                                                           {"version", 1},
                                                           {"text",
                                                            "package src\n\nfunc "
                                                            "unsavedNeedle() {}\n"}}}});
  for (bool useIndex : {true, false}) {
    json::value found = grep(*gloss, {{"pattern", "unsavedNeedle"}, {"useIndex", useIndex}});
    ASSERT_EQ(found.at("result").at("lineCount"), json::value(1)) << json::serialize(found);
    const auto& match = found.at("result").at("matches").at(0);
    EXPECT_EQ(match.at("line"), json::value(2));
    EXPECT_EQ(match.at("symbol").at("name"), json::value("unsavedNeedle"));
    // The disk copy's text is gone from the editor's point of view.
    json::value stale = grep(*gloss, {{"pattern", "helperThing"}, {"useIndex", useIndex}});
    EXPECT_EQ(stale.at("result").at("lineCount"), json::value(0));
  }
}

TEST_F(GrepE2E, StreamsBatchesOnThePartialResultToken) {
  for (int i = 0; i < 400; ++i) {
    ws.write("gen/f" + std::to_string(i) + ".txt", "streamed needle " + std::to_string(i) + "\n");
  }
  auto gloss = start();
  json::value response =
      grep(*gloss, {{"pattern", "streamed needle"}, {"partialResultToken", "grep-1"}});
  const json::value& result = response.at("result");
  EXPECT_EQ(result.at("lineCount"), json::value(400));
  std::set<std::string> streamed;
  int batches = 0;
  for (const auto& n : gloss->notifications()) {
    if (n.at("method") != json::value("$/progress")) continue;
    if (n.at("params").at("token") != json::value("grep-1")) continue;
    ++batches;
    for (const auto& m : n.at("params").at("value").at("matches").as_array()) {
      streamed.insert(std::string(m.at("uri").as_string()));
    }
  }
  EXPECT_GE(batches, 1);
  EXPECT_EQ(streamed.size(), 400u);  // everything streamed, and the response repeats it
  EXPECT_EQ(result.at("matches").as_array().size(), 400u);
}

TEST_F(GrepE2E, LimitsAndBadPatterns) {
  auto gloss = start();
  json::value everything = grep(*gloss, {{"pattern", "^"}, {"maxResults", 5}});
  EXPECT_EQ(everything.at("result").at("matches").as_array().size(), 5u);
  EXPECT_EQ(everything.at("result").at("truncated"), json::value(true));

  json::value bad = grep(*gloss, {{"pattern", "foo("}});
  ASSERT_TRUE(bad.as_object().contains("error"));
  EXPECT_EQ(bad.at("error").at("code"), json::value(-32602));
  EXPECT_NE(std::string(bad.at("error").at("message").as_string()).find("missing )"),
            std::string::npos);
  json::value lookaround = grep(*gloss, {{"pattern", "a(?!b)"}});
  EXPECT_EQ(lookaround.at("error").at("code"), json::value(-32602));
  json::value badType = grep(*gloss, {{"pattern", "x"}, {"types", json::array{"nosuch"}}});
  EXPECT_EQ(badType.at("error").at("code"), json::value(-32602));
  // Filters: only Go files.
  json::value go = grep(*gloss, {{"pattern", "return"}, {"types", json::array{"go"}}});
  EXPECT_EQ(go.at("result").at("lineCount"), json::value(1));
}

TEST_F(GrepE2E, ExecuteCommandRunsTheSameSearch) {
  auto gloss = start();
  gloss->request(
      7, "workspace/executeCommand",
      json::object{{"command", "gloss.grep"},
                   {"arguments", json::array{json::object{{"pattern", "helperThing"}}}}});
  auto response = gloss->responseTo(7);
  ASSERT_TRUE(response);
  EXPECT_EQ(response->at("result").at("lineCount"), json::value(1));
  gloss->request(8, "workspace/executeCommand", json::object{{"command", "gloss.nothing"}});
  auto unknown = gloss->responseTo(8);
  EXPECT_EQ(unknown->at("error").at("code"), json::value(-32602));
}

TEST_F(GrepE2E, CancellationStopsALongSearchPromptly) {
  std::string big;
  for (int i = 0; i < 1'500'000; ++i) big += "line of text number " + std::to_string(i) + "\n";
  ws.write("big.txt", big);
  auto gloss = start();
  gloss->request(9, "gloss/grep",
                 json::object{{"pattern", "."}, {"maxResults", 10'000'000}, {"useIndex", false}});
  std::this_thread::sleep_for(std::chrono::milliseconds(150));
  auto sent = std::chrono::steady_clock::now();
  gloss->notify("$/cancelRequest", json::object{{"id", 9}});
  auto response = gloss->responseTo(9, std::chrono::seconds(20));
  auto latency = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - sent);
  ASSERT_TRUE(response);
  EXPECT_EQ(response->at("error").at("code"), json::value(-32800));
  std::printf("grep cancellation answered after %lld ms\n",
              static_cast<long long>(latency.count()));
  // Generous: the whole search (1.5M matching lines) takes far longer than this.
  EXPECT_LT(latency.count(), 2000 * kTimeScale);
}

}  // namespace
}  // namespace gloss::test
