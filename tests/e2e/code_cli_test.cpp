// `gloss explain`, `gloss generate-tests` and `gloss summarize` as a terminal or a CI job runs
// them: the real binary, a fresh index (`--db :memory:`), Markdown on stdout, exit statuses.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "CommandFixture.h"
#include "ProcessRun.h"

namespace gloss::test {
namespace {

namespace json = boost::json;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

class CodeCli : public ::testing::Test {
 protected:
  void SetUp() override { writeCommandFixture(ws); }
  ProcessResult gloss(std::vector<std::string> args) {
    args.insert(args.begin(), GLOSS_BINARY);
    args.insert(args.end(), {"--root", ws.root(), "--db", ":memory:"});
    return runProcess(args, ws.root());
  }
  TempWorkspace ws;
};

TEST_F(CodeCli, ExplainPrintsTheCardForAPathAndLine) {
  ProcessResult run = gloss({"explain", "pkg/report.py:8"});
  ASSERT_EQ(run.exitStatus, 0) << run.err;
  EXPECT_TRUE(contains(run.out, "word_count")) << run.out;
  EXPECT_TRUE(contains(run.out, "app.py:5")) << run.out;
  EXPECT_TRUE(contains(run.out, "Count the words of a text.")) << run.out;
}

TEST_F(CodeCli, ShowContextListsThePiecesWithTokenCountsAndAsksNothing) {
  ProcessResult run = gloss({"explain", "word_count", "--show-context"});
  ASSERT_EQ(run.exitStatus, 0) << run.err;
  EXPECT_TRUE(contains(run.out, "tokens")) << run.out;
  EXPECT_TRUE(contains(run.out, "def tokenize")) << run.out;
  EXPECT_FALSE(contains(run.out, "Offline provider")) << run.out;
}

TEST_F(CodeCli, JsonOutputCarriesReferences) {
  ProcessResult run = gloss({"explain", "word_count", "--json"});
  ASSERT_EQ(run.exitStatus, 0) << run.err;
  json::value out = json::parse(run.out);
  bool caller = false;
  for (const auto& ref : out.at("references").as_array())
    caller = caller ||
             (ref.at("path") == json::value("app.py") && ref.at("role") == json::value("caller"));
  EXPECT_TRUE(caller) << run.out;
  EXPECT_EQ(out.at("complete"), json::value(true));
}

TEST_F(CodeCli, SummarizeAFolderPrintsItsOutline) {
  ProcessResult run = gloss({"summarize", "pkg"});
  ASSERT_EQ(run.exitStatus, 0) << run.err;
  EXPECT_TRUE(contains(run.out, "pkg/textutil.py")) << run.out;
  EXPECT_TRUE(contains(run.out, "normalize")) << run.out;
  EXPECT_FALSE(contains(run.out, "### app.py")) << run.out;
}

TEST_F(CodeCli, GenerateTestsWritesOnlyWithWriteAndTheFileCompiles) {
  ProcessResult dry = gloss({"generate-tests", "word_count"});
  ASSERT_EQ(dry.exitStatus, 0) << dry.err;
  EXPECT_TRUE(contains(dry.err, "--write")) << dry.err;
  EXPECT_FALSE(std::filesystem::exists(ws.path("tests/test_report.py")));
  ProcessResult run = gloss({"generate-tests", "word_count", "--write"});
  ASSERT_EQ(run.exitStatus, 0) << run.err;
  ASSERT_TRUE(std::filesystem::exists(ws.path("tests/test_report.py"))) << run.err;
  ProcessResult compiled =
      runProcess({"python3", "-m", "py_compile", ws.path("tests/test_report.py")});
  EXPECT_EQ(compiled.exitStatus, 0) << compiled.err;
}

TEST_F(CodeCli, BadTargetsExitWithStatusTwo) {
  ProcessResult unknown = gloss({"explain", "no_such_symbol"});
  EXPECT_EQ(unknown.exitStatus, 2);
  EXPECT_TRUE(contains(unknown.err, "no_such_symbol")) << unknown.err;
  ProcessResult outside = gloss({"explain", "/etc/hostname:1"});
  EXPECT_EQ(outside.exitStatus, 2);
  EXPECT_TRUE(contains(outside.err, "outside the workspace")) << outside.err;
  ProcessResult none = gloss({"explain"});
  EXPECT_EQ(none.exitStatus, 2);
  ProcessResult missing = gloss({"summarize", "no/such/folder"});
  EXPECT_EQ(missing.exitStatus, 2);
  EXPECT_TRUE(contains(missing.err, "no such file or folder")) << missing.err;
}

}  // namespace
}  // namespace gloss::test
