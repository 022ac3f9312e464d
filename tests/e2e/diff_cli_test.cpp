// `gloss summarize --diff` as CI runs it: real git repositories in a temp folder, the real
// binary, no daemon and no index. The JSON's symbols and change kinds are checked exactly, the
// Markdown against a snapshot a person has read (tests/data/diff/feature.md; set
// GLOSS_UPDATE_SNAPSHOTS=1 to rewrite it, then read the diff), and the exit statuses for a
// folder that is no repository, an unknown revision, bad arguments and a failing provider.
// With the loopback provider, the per-file prompts hold the changed definitions and the
// Markdown holds the model's answer.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fstream>
#include <sstream>

#include "DiffRepoFixture.h"
#include "llm_test_server.h"

namespace gloss::test {
namespace {

namespace json = boost::json;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::string readAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string str(const json::value& v) {
  return std::string(v.as_string());
}

class DiffCli : public ::testing::Test {
 protected:
  ProcessResult gloss(std::vector<std::string> args, const std::string& dir = {}) {
    args.insert(args.begin(), {GLOSS_BINARY, "summarize"});
    return runProcess(args, dir.empty() ? repo.ws.root() : dir);
  }
  // "change kind path qualifiedName" per symbol, in the output's order.
  static std::vector<std::string> symbolRows(const json::value& out) {
    std::vector<std::string> rows;
    for (const auto& s : out.at("symbols").as_array()) {
      std::string row = str(s.at("change")) + " " + str(s.at("kind")) + " " + str(s.at("path")) +
                        " " + str(s.at("qualifiedName"));
      if (s.as_object().contains("oldQualifiedName")) row += " <- " + str(s.at("oldQualifiedName"));
      if (s.as_object().contains("oldPath")) row += " from " + str(s.at("oldPath"));
      rows.push_back(row);
    }
    return rows;
  }

  DiffRepo repo;
};

TEST_F(DiffCli, JsonListsEveryChangedDefinitionWithItsKindOfChange) {
  ProcessResult run = gloss({"--diff", "main...feature", "--format", "json", "--db", ":memory:"});
  ASSERT_EQ(run.exitStatus, 0) << run.err;
  EXPECT_EQ(run.err, "");  // not a terminal: no progress
  json::value out = json::parse(run.out);
  EXPECT_EQ(symbolRows(out), (std::vector<std::string>{
                                 "modified function calc.py add",
                                 "renamed function calc.py difference <- subtract",
                                 "removed function calc.py legacy_total",
                                 "added function calc.py multiply",
                                 "added method calc.py Calculator.clear",
                                 "modified function geometry.cpp geo::distance",
                                 "removed function geometry.cpp geo::square",
                                 "added function geometry.cpp geo::circumference",
                                 "modified method geometry.cpp geo::Circle::area",
                                 "modified method server.go Server.Stop",
                                 "added method server.go Server.Restart",
                                 "renamed function server.go joinHostPort <- formatAddress",
                                 "removed function tests/test_calc.py test_add",
                                 "modified function text/strings.py shout from util/strings.py",
                                 "moved function text/strings.py whisper from util/strings.py",
                                 "moved function text/strings.py title from util/strings.py",
                             }));
  const json::value& add = out.at("symbols").at(0);
  EXPECT_EQ(add.at("oldLines").at("start"), json::value(4));
  EXPECT_EQ(add.at("oldLines").at("end"), json::value(5));
  EXPECT_EQ(add.at("newLines").at("start"), json::value(4));
  EXPECT_EQ(add.at("added"), json::value(1));
  EXPECT_EQ(add.at("removed"), json::value(1));

  std::map<std::string, std::string> statusOf;
  for (const auto& f : out.at("files").as_array())
    statusOf[str(f.at("path"))] = str(f.at("status"));
  EXPECT_EQ(statusOf, (std::map<std::string, std::string>{{"calc.py", "modified"},
                                                          {"geometry.cpp", "modified"},
                                                          {"logo.png", "added"},
                                                          {"requirements.txt", "modified"},
                                                          {"server.go", "modified"},
                                                          {"tests/test_calc.py", "deleted"},
                                                          {"text/strings.py", "renamed"}}));
  const json::value& stats = out.at("stats");
  EXPECT_EQ(stats.at("files"), json::value(7));
  EXPECT_EQ(stats.at("binary"), json::value(1));
  EXPECT_EQ(stats.at("symbols").at("added"), json::value(4));
  EXPECT_EQ(out.at("range"), json::value("main...feature"));
  EXPECT_EQ(out.at("summary").at("source"), json::value("structural"));

  std::vector<std::string> risks;
  for (const auto& r : out.at("risks").as_array())
    risks.push_back(str(r.at("kind")) + " " + str(r.at("subject")));
  EXPECT_EQ(risks,
            (std::vector<std::string>{"publicApi difference", "publicApi legacy_total",
                                      "publicApi whisper", "publicApi title",
                                      "deletedTest tests/test_calc.py", "newDependency flask"}));
}

TEST_F(DiffCli, MarkdownMatchesTheSnapshot) {
  ProcessResult run = gloss({"--diff", "main...feature"});
  ASSERT_EQ(run.exitStatus, 0) << run.err;
  std::string snapshot = std::string(GLOSS_TEST_DATA_DIR) + "/diff/feature.md";
  if (std::getenv("GLOSS_UPDATE_SNAPSHOTS")) std::ofstream(snapshot, std::ios::binary) << run.out;
  EXPECT_EQ(run.out, readAll(snapshot));
}

TEST_F(DiffCli, OutputFileAndTheOtherRangeForms) {
  std::string file = repo.ws.path("summary.json");
  ProcessResult run = gloss({"--diff=main..feature", "--format=json", "--output", file});
  ASSERT_EQ(run.exitStatus, 0) << run.err;
  EXPECT_EQ(run.out, "");
  json::value twoDots = json::parse(readAll(file));
  EXPECT_EQ(twoDots.at("symbols").as_array().size(), 16u);
  ProcessResult last = gloss({"--commits", "1", "--json"});
  ASSERT_EQ(last.exitStatus, 0) << last.err;
  EXPECT_EQ(json::parse(last.out).at("symbols"), twoDots.at("symbols"));
}

TEST_F(DiffCli, StagedAndWorkingTreeChanges) {
  repo.ws.write("server.go", readAll(repo.ws.path("server.go")) +
                                 "\nfunc Version() string {\n\treturn \"1.0\"\n}\n");
  repo.git({"add", "server.go"});
  repo.ws.write("calc.py",
                readAll(repo.ws.path("calc.py")) + "\n\ndef negate(a):\n    return -a\n");
  ProcessResult staged = gloss({"--staged", "--json"});
  ASSERT_EQ(staged.exitStatus, 0) << staged.err;
  EXPECT_EQ(symbolRows(json::parse(staged.out)),
            (std::vector<std::string>{"added function server.go Version"}));
  ProcessResult working = gloss({"--working-tree", "--json"});
  ASSERT_EQ(working.exitStatus, 0) << working.err;
  EXPECT_EQ(symbolRows(json::parse(working.out)),
            (std::vector<std::string>{"added function calc.py negate",
                                      "added function server.go Version"}));
}

TEST_F(DiffCli, BadInvocationsExitWithStatusTwoAndGitsMessage) {
  TempWorkspace plain;
  setenv("GIT_CEILING_DIRECTORIES", plain.root().c_str(), 1);
  ProcessResult notRepo = gloss({"--diff", "main...feature"}, plain.root());
  unsetenv("GIT_CEILING_DIRECTORIES");
  EXPECT_EQ(notRepo.exitStatus, 2);
  EXPECT_TRUE(contains(notRepo.err, "not a git repository")) << notRepo.err;

  ProcessResult unknown = gloss({"--diff", "no-such-branch...feature"});
  EXPECT_EQ(unknown.exitStatus, 2);
  EXPECT_TRUE(contains(unknown.err, "unknown revision 'no-such-branch'")) << unknown.err;
  EXPECT_TRUE(contains(unknown.err, "bad revision")) << unknown.err;  // git's own words

  ProcessResult tooFar = gloss({"--commits", "5"});
  EXPECT_EQ(tooFar.exitStatus, 2);
  EXPECT_TRUE(contains(tooFar.err, "HEAD~5")) << tooFar.err;

  EXPECT_EQ(gloss({"--diff", "main"}).exitStatus, 2);
  EXPECT_EQ(gloss({"--diff", "main...feature", "--staged"}).exitStatus, 2);
  EXPECT_EQ(gloss({"--commits", "zero"}).exitStatus, 2);
  EXPECT_EQ(gloss({"--diff", "main...feature", "--format", "xml"}).exitStatus, 2);
}

class DiffCliProvider : public DiffCli {
 protected:
  static void SetUpTestSuite() {
    setenv("NO_PROXY", "127.0.0.1,localhost", 1);
    loopback_ = std::make_unique<llm::test::LoopbackProvider>();
  }
  static void TearDownTestSuite() { loopback_.reset(); }
  void SetUp() override { loopback_->reset(); }

  ProcessResult withModel(std::vector<std::string> args) {
    args.insert(args.end(), {"--provider", "openai", "--base-url", loopback_->origin() + "/v1",
                             "--model", "test-model", "--max-retries", "0"});
    return gloss(args);
  }
  static std::vector<std::string> chatBodies() {
    std::vector<std::string> bodies;
    for (const auto& r : loopback_->requests())
      if (str(r.at("url")).ends_with("/chat/completions")) bodies.push_back(str(r.at("body")));
    return bodies;
  }

  static std::unique_ptr<llm::test::LoopbackProvider> loopback_;
};
std::unique_ptr<llm::test::LoopbackProvider> DiffCliProvider::loopback_;

TEST_F(DiffCliProvider, PerFilePromptsHoldTheChangedSymbolsAndTheMarkdownTheModelsText) {
  json::array scenarios;
  for (int i = 0; i < 6; ++i) scenarios.push_back(json::object{{"chunks", json::array{"A file."}}});
  scenarios.push_back(json::object{{"chunks", json::array{"Calculator ", "reworked overall."}}});
  loopback_->script(scenarios);
  ProcessResult run = withModel({"--diff", "main...feature"});
  ASSERT_EQ(run.exitStatus, 0) << run.err;
  std::vector<std::string> bodies = chatBodies();
  ASSERT_EQ(bodies.size(), 7u);  // six files with hunks, then the combining request
  std::string calc, go;
  for (std::size_t i = 0; i + 1 < bodies.size(); ++i) {
    if (contains(bodies[i], "Summarize the change to `calc.py`")) calc = bodies[i];
    if (contains(bodies[i], "Summarize the change to `server.go`")) go = bodies[i];
  }
  EXPECT_TRUE(contains(calc, "renamed function difference (was subtract)")) << calc;
  EXPECT_TRUE(contains(calc, "removed function legacy_total")) << calc;
  EXPECT_TRUE(contains(calc, "added method Calculator.clear")) << calc;
  EXPECT_TRUE(contains(calc, "+    return float(a) + float(b)")) << calc;  // the hunk
  EXPECT_TRUE(contains(go, "added method Server.Restart")) << go;
  EXPECT_TRUE(contains(bodies.back(), "Per-file summaries")) << bodies.back();
  EXPECT_TRUE(contains(bodies.back(), "A file.")) << bodies.back();
  EXPECT_TRUE(contains(run.out, "### Summary\n\nCalculator reworked overall.\n")) << run.out;
  EXPECT_TRUE(contains(run.out, "summary by `test-model`")) << run.out;
}

TEST_F(DiffCliProvider, AFailingProviderFallsBackOrExitsThreeWhenAsked) {
  json::array failures;
  for (int i = 0; i < 10; ++i) failures.push_back(json::object{{"status", 500}});
  loopback_->script(failures);
  ProcessResult strict = withModel({"--diff", "main...feature", "--fail-on-provider-error"});
  EXPECT_EQ(strict.exitStatus, 3) << strict.err;
  EXPECT_TRUE(contains(strict.err, "provider failed")) << strict.err;
  EXPECT_EQ(strict.out, "");

  loopback_->script(failures);
  ProcessResult lenient = withModel({"--diff", "main...feature"});
  EXPECT_EQ(lenient.exitStatus, 0) << lenient.err;
  EXPECT_TRUE(contains(lenient.err, "structural summary")) << lenient.err;
  EXPECT_TRUE(contains(lenient.out, "Renames `subtract` \u2192 `difference`")) << lenient.out;
  EXPECT_TRUE(contains(lenient.out, "structural summary, no model")) << lenient.out;
}

}  // namespace
}  // namespace gloss::test
