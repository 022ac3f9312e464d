// The token budget over real indexes: never exceeded for any target and budget, a target too
// large for the budget is cut rather than dropped, and pieces that do not fit are counted.
#include <gtest/gtest.h>

#include "commands/context/ContextBudget.h"
#include "context_test_support.h"

namespace gloss::commands {
namespace {

using testing::buildOrFail;
using testing::describeRoles;
using testing::expectWithinBudget;
using testing::IndexedRepo;

const int kBudgets[] = {50, 57, 64, 90, 128, 200, 333, 500, 800, 1300, 2100, 4000, 16000};

class ContextBudgetTest : public ::testing::TestWithParam<std::string> {
 protected:
  ContextBudgetTest() : repo(GetParam()) {}

  std::vector<std::string> indexedPaths() {
    auto stamps = repo.reader().loadStamps();
    if (!stamps) throw std::runtime_error(stamps.error().message);
    std::vector<std::string> paths;
    for (const auto& [path, stamp] : *stamps) paths.push_back(path);
    std::sort(paths.begin(), paths.end());
    return paths;
  }

  IndexedRepo repo;
};

// Every chunk of every file as a target, with and without a question and references, under
// budgets from tiny to large.
TEST_P(ContextBudgetTest, NeverExceededForAnyTargetAndBudget) {
  std::vector<std::string> paths = indexedPaths();
  ASSERT_GE(paths.size(), 5u);
  ContextBuilder builder(repo.reader());
  int builds = 0;
  for (const std::string& path : paths) {
    auto chunks = repo.reader().chunksOfFile(path);
    ASSERT_TRUE(chunks.ok());
    for (const indexer::ChunkRow& chunk : *chunks) {
      for (int budget : kBudgets) {
        ContextRequest request;
        request.target.path = path;
        request.target.line = chunk.chunk.startLine;
        request.budgetTokens = budget;
        if (budget % 2 == 0) {
          request.question = "parse includes and load settings";
          request.references.push_back(
              {ExplicitReference::Kind::File, paths.front(), std::nullopt, "", "", ""});
        }
        BuiltContext context = buildOrFail(builder, request);
        SCOPED_TRACE(path + ":" + std::to_string(chunk.chunk.startLine) + " budget " +
                     std::to_string(budget) + "\n" + describeRoles(context));
        expectWithinBudget(context, budget);
        ASSERT_TRUE(context.target.has_value());
        ASSERT_FALSE(context.items.empty());
        EXPECT_EQ(context.items.front().role, PieceRole::Target);
        ++builds;
      }
    }
  }
  EXPECT_GT(builds, 100);
}

TEST_P(ContextBudgetTest, TargetLargerThanTheBudgetIsCutNotDropped) {
  // The largest chunk in the repository, under a budget far below its size.
  indexer::ChunkRow largest;
  for (const std::string& path : indexedPaths()) {
    auto chunks = repo.reader().chunksOfFile(path);
    ASSERT_TRUE(chunks.ok());
    for (const indexer::ChunkRow& chunk : *chunks) {
      if (chunk.text.size() > largest.text.size()) largest = chunk;
    }
  }
  ASSERT_GT(llm::estimateTokens(largest.text), 120);
  ContextBuilder builder(repo.reader());
  ContextRequest request;
  request.target.path = largest.path;
  request.target.line = largest.chunk.startLine;
  request.budgetTokens = 60;
  BuiltContext context = buildOrFail(builder, request);
  SCOPED_TRACE(describeRoles(context));
  expectWithinBudget(context, 60);
  ASSERT_EQ(context.items.size(), 1u);
  const ContextItem& target = context.items.front();
  EXPECT_EQ(target.role, PieceRole::Target);
  EXPECT_EQ(target.startLine, largest.chunk.startLine);
  std::size_t marker = target.text.rfind("\n[... ");
  ASSERT_NE(marker, std::string::npos);
  EXPECT_TRUE(target.text.ends_with("lines omitted]"));
  // The head kept is the chunk's own beginning, whole lines.
  EXPECT_TRUE(largest.text.starts_with(target.text.substr(0, marker + 1)));
}

TEST_P(ContextBudgetTest, ZeroBudgetSendsNothingAndCountsWhatWasFound) {
  ContextBuilder builder(repo.reader());
  ContextRequest request;
  request.target.path = indexedPaths().back();
  request.target.line = 0;
  request.budgetTokens = 0;
  BuiltContext context = buildOrFail(builder, request);
  EXPECT_TRUE(context.items.empty());
  EXPECT_EQ(context.tokens, 0);
  EXPECT_GE(context.droppedItems, 1);
  EXPECT_TRUE(context.target.has_value());
  EXPECT_NE(describeContext(context, repo.root()).find("total: 0 of 0 tokens, "),
            std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(ContextLanguages, ContextBudgetTest,
                         ::testing::Values("python", "go", "cpp", "typescript"));

// Pieces that do not fit are skipped, and a smaller one after them may still be taken.
TEST(ContextBudgetFit, SkipsWhatDoesNotFitAndTakesSmallerLaterPieces) {
  auto piece = [](PieceRole role, std::size_t bytes) {
    ContextItem item;
    item.role = role;
    item.path = "/w/a.py";
    item.text = std::string(bytes, 'x');
    return item;
  };
  std::vector<ContextItem> ordered = {piece(PieceRole::Definition, 100),
                                      piece(PieceRole::Caller, 4000), piece(PieceRole::Search, 40)};
  int budget = itemTokens(ordered[0]) + itemTokens(ordered[2]);
  BuiltContext context;
  fitToBudget(ordered, budget, context);
  ASSERT_EQ(context.items.size(), 2u);
  EXPECT_EQ(context.items[0].role, PieceRole::Definition);
  EXPECT_EQ(context.items[1].role, PieceRole::Search);
  EXPECT_EQ(context.droppedItems, 1);
  EXPECT_EQ(context.tokens, budget);
}

TEST(ContextBudgetFit, ATargetWithOneHugeLineKeepsPartOfIt) {
  ContextItem item;
  item.role = PieceRole::Target;
  item.path = "/w/min.js";
  item.text = std::string(5000, 'a') + "\nsecond line\n";
  BuiltContext context;
  fitToBudget({item}, 60, context);
  ASSERT_EQ(context.items.size(), 1u);
  EXPECT_LE(context.tokens, 60);
  EXPECT_TRUE(context.items[0].text.starts_with("aaaa"));
  EXPECT_TRUE(context.items[0].text.ends_with("[... 1 line omitted]"));
}

}  // namespace
}  // namespace gloss::commands
