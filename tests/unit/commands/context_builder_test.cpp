// ContextBuilder over real indexes of small repositories in four languages: the target, the
// definitions it uses, its callers, symbol resolution, references, deduplication, determinism
// and unsaved text. Budgets are covered in context_budget_test.cpp.
#include <gtest/gtest.h>

#include "context_test_support.h"

namespace gloss::commands {
namespace {

using testing::buildOrFail;
using testing::describeRoles;
using testing::expectWithinBudget;
using testing::findItem;
using testing::IndexedRepo;

// Each fixture has the same shape: `function` in `functionFile` calls `helper` from
// `helperFile` and `mutual` (which calls `function` back); `callerFile` calls `function`;
// `load` is defined twice, as Settings' and Store's method.
struct LanguageCase {
  std::string fixture;
  std::string functionFile;
  std::string function;
  std::string functionMarker;  // text on the function's first line
  std::string helperFile;
  std::string helper;
  std::string callerFile;
  std::string mutualFile;
  std::string mutual;
  std::string ambiguous;
  std::string settingsLoad;  // qualified as a user would type it
  std::string settingsFile;
  std::string storeLoad;
  std::string storeFile;
  std::string comment;  // line comment syntax
};

void PrintTo(const LanguageCase& language, std::ostream* out) {
  *out << language.fixture;
}

const LanguageCase kLanguages[] = {
    {"python", "parser.py", "parse_source", "def parse_source", "textutil.py", "tokenize", "cli.py",
     "textutil.py", "expand_includes", "get", "Settings.load", "config.py", "Store.load",
     "store.py", "#"},
    {"go", "parse/parser.go", "ParseSource", "func ParseSource", "text/tokenize.go", "Tokenize",
     "cmd/gloss/main.go", "parse/includes.go", "ExpandIncludes", "Load", "Settings.Load",
     "config/config.go", "Store.Load", "store/store.go", "//"},
    {"cpp", "src/parser.cpp", "parseSource", "std::vector<Statement> parseSource", "src/text.cpp",
     "tokenize", "src/main.cpp", "src/includes.cpp", "expandIncludes", "load", "Settings::load",
     "src/config.cpp", "store::Store::load", "src/config.cpp", "//"},
    {"typescript", "src/parser.ts", "parseSource", "export function parseSource", "src/text.ts",
     "tokenize", "src/cli.ts", "src/includes.ts", "expandIncludes", "load", "Settings.load",
     "src/config.ts", "Store.load", "src/store.ts", "//"},
};

class ContextBuilderTest : public ::testing::TestWithParam<LanguageCase> {
 protected:
  ContextBuilderTest() : repo(GetParam().fixture) {}

  BuiltContext bySymbol(const std::string& symbol, int budget = 4000) {
    ContextBuilder builder(repo.reader());
    ContextRequest request;
    request.target.symbol = symbol;
    request.budgetTokens = budget;
    return buildOrFail(builder, request);
  }
  // A line inside the function's body, a few lines below its first line.
  std::uint32_t bodyLine() const {
    return repo.lineOf(GetParam().functionFile, GetParam().functionMarker) + 3;
  }
  BuiltContext byPosition(int budget = 4000) {
    ContextBuilder builder(repo.reader());
    ContextRequest request;
    request.target.path = repo.path(GetParam().functionFile);
    request.target.line = bodyLine();
    request.budgetTokens = budget;
    return buildOrFail(builder, request);
  }
  void expectExplainContext(const BuiltContext& context) {
    const LanguageCase& language = GetParam();
    SCOPED_TRACE(describeRoles(context));
    ASSERT_FALSE(context.items.empty());
    const ContextItem& target = context.items.front();
    EXPECT_EQ(target.role, PieceRole::Target);
    EXPECT_EQ(target.path, repo.path(language.functionFile));
    EXPECT_NE(target.text.find(language.functionMarker), std::string::npos);

    const ContextItem* helper = nullptr;
    for (const ContextItem& item : context.items) {
      if (item.role == PieceRole::Definition && item.path == repo.path(language.helperFile) &&
          item.why.find("`" + language.helper + "`") != std::string::npos) {
        helper = &item;
      }
    }
    ASSERT_NE(helper, nullptr);
    EXPECT_TRUE(helper->why.starts_with("defines ")) << helper->why;
    EXPECT_NE(helper->text.find(language.helper), std::string::npos);

    const ContextItem* caller =
        findItem(context, PieceRole::Caller, repo.path(language.callerFile));
    ASSERT_NE(caller, nullptr);
    EXPECT_EQ(caller->why, "calls `" + language.function + "`");
    EXPECT_NE(caller->text.find(language.function + "("), std::string::npos);
    expectWithinBudget(context, 4000);
  }

  IndexedRepo repo;
};

TEST_P(ContextBuilderTest, BySymbolHasTargetHelperDefinitionAndCaller) {
  BuiltContext context = bySymbol(GetParam().function);
  ASSERT_TRUE(context.targetSymbol.has_value());
  EXPECT_EQ(context.targetSymbol->symbol.name, GetParam().function);
  EXPECT_TRUE(context.ambiguous.empty());
  EXPECT_TRUE(context.notFound.empty());
  expectExplainContext(context);
}

TEST_P(ContextBuilderTest, ByPositionFindsTheSameChunk) {
  BuiltContext byName = bySymbol(GetParam().function);
  BuiltContext context = byPosition();
  ASSERT_TRUE(context.target.has_value());
  ASSERT_TRUE(byName.target.has_value());
  EXPECT_EQ(context.target->id, byName.target->id);
  ASSERT_TRUE(context.targetSymbol.has_value());
  EXPECT_EQ(context.targetSymbol->symbol.name, GetParam().function);
  expectExplainContext(context);
}

TEST_P(ContextBuilderTest, AmbiguousNameListsCandidatesAndLeavesTargetUnset) {
  BuiltContext context = bySymbol(GetParam().ambiguous);
  EXPECT_FALSE(context.target.has_value());
  EXPECT_TRUE(context.items.empty());
  ASSERT_GE(context.ambiguous.size(), 2u);
  auto listed = [&](const std::string& file, const std::string& qualifiedEnd) {
    for (const SymbolCandidate& candidate : context.ambiguous) {
      if (candidate.path == repo.path(file) && candidate.qualifiedName.ends_with(qualifiedEnd))
        return true;
    }
    return false;
  };
  std::string separator = GetParam().fixture == "cpp" ? "::" : ".";
  EXPECT_TRUE(listed(GetParam().settingsFile, "Settings" + separator + GetParam().ambiguous));
  EXPECT_TRUE(listed(GetParam().storeFile, "Store" + separator + GetParam().ambiguous));
}

TEST_P(ContextBuilderTest, QualifiedNamePicksTheRightDefinition) {
  for (const auto& [name, file, container] :
       {std::tuple{GetParam().settingsLoad, GetParam().settingsFile, std::string("Settings")},
        std::tuple{GetParam().storeLoad, GetParam().storeFile, std::string("Store")}}) {
    SCOPED_TRACE(name);
    BuiltContext context = bySymbol(name);
    EXPECT_TRUE(context.ambiguous.empty());
    ASSERT_TRUE(context.targetSymbol.has_value());
    EXPECT_EQ(context.targetSymbol->path, repo.path(file));
    EXPECT_NE(context.targetSymbol->symbol.qualifiedName.find(container), std::string::npos);
    ASSERT_FALSE(context.items.empty());
    EXPECT_EQ(context.items.front().role, PieceRole::Target);
    std::uint32_t line = context.targetSymbol->symbol.nameLine;
    EXPECT_LE(context.items.front().startLine, line);
    EXPECT_GE(context.items.front().endLine, line);
  }
}

TEST_P(ContextBuilderTest, MutualHelperAppearsOnceAsDefinition) {
  BuiltContext context = bySymbol(GetParam().function);
  SCOPED_TRACE(describeRoles(context));
  std::string mutualPath = repo.path(GetParam().mutualFile);
  int definitions = 0;
  int others = 0;
  for (const ContextItem& item : context.items) {
    if (item.path != mutualPath || item.text.find(GetParam().mutual) == std::string::npos) continue;
    (item.role == PieceRole::Definition ? definitions : others)++;
  }
  EXPECT_EQ(definitions, 1);
  EXPECT_EQ(others, 0);
  // No chunk twice, whatever its role.
  std::set<std::tuple<std::string, std::uint32_t, std::uint32_t>> places;
  for (const ContextItem& item : context.items)
    EXPECT_TRUE(places.emplace(item.path, item.startLine, item.endLine).second)
        << itemTitle(item, repo.root());
}

TEST_P(ContextBuilderTest, ExplicitReferencesComeRightAfterTheTarget) {
  ContextBuilder builder(repo.reader());
  ContextRequest request;
  request.target.symbol = GetParam().function;
  request.references.push_back(
      {ExplicitReference::Kind::File, repo.path(GetParam().storeFile), std::nullopt, "", "", ""});
  request.references.push_back(
      {ExplicitReference::Kind::Code, "", std::nullopt, "", GetParam().fixture, "x = 1\n"});
  BuiltContext context = buildOrFail(builder, request);
  SCOPED_TRACE(describeRoles(context));
  ASSERT_GE(context.items.size(), 3u);
  EXPECT_EQ(context.items[0].role, PieceRole::Target);
  std::size_t first = 1;
  while (first < context.items.size() && context.items[first].role == PieceRole::Outline) ++first;
  ASSERT_LT(first, context.items.size());
  EXPECT_EQ(context.items[first].role, PieceRole::Reference);
  EXPECT_EQ(context.items[first].path, repo.path(GetParam().storeFile));
  const ContextItem* pasted = findItem(context, PieceRole::Reference, "");
  ASSERT_NE(pasted, nullptr);
  EXPECT_EQ(pasted->text, "x = 1\n");
  // All references precede every definition and caller.
  bool pastReferences = false;
  for (std::size_t i = first; i < context.items.size(); ++i) {
    if (context.items[i].role != PieceRole::Reference) pastReferences = true;
    if (pastReferences) {
      EXPECT_NE(context.items[i].role, PieceRole::Reference);
    }
  }
}

TEST_P(ContextBuilderTest, TwoBuildsGiveIdenticalItems) {
  auto build = [&] {
    ContextBuilder builder(repo.reader());
    ContextRequest request;
    request.target.path = repo.path(GetParam().functionFile);
    request.target.line = bodyLine();
    request.question = "how are includes and settings loaded";
    request.budgetTokens = 1500;
    return buildOrFail(builder, request);
  };
  BuiltContext first = build();
  BuiltContext second = build();
  ASSERT_EQ(first.items.size(), second.items.size());
  for (std::size_t i = 0; i < first.items.size(); ++i) {
    EXPECT_EQ(itemTitle(first.items[i], ""), itemTitle(second.items[i], ""));
    EXPECT_EQ(first.items[i].text, second.items[i].text);
    EXPECT_EQ(first.items[i].tokens, second.items[i].tokens);
  }
  EXPECT_EQ(first.droppedItems, second.droppedItems);
  EXPECT_EQ(describeContext(first, repo.root()), describeContext(second, repo.root()));
}

TEST_P(ContextBuilderTest, UnsavedTextIsUsedForTheTarget) {
  const LanguageCase& language = GetParam();
  std::string path = repo.path(language.functionFile);
  std::string saved = repo.read(language.functionFile);
  std::string marker = language.comment + " edited, not saved yet";
  std::size_t at = saved.find(language.functionMarker);
  ASSERT_NE(at, std::string::npos);
  std::size_t bodyStart = saved.find('\n', at) + 1;
  std::string edited = saved.substr(0, bodyStart) + "  " + marker + "\n" + saved.substr(bodyStart);

  ContextBuilder builder(repo.reader(), [&](const std::string& asked) {
    return asked == path ? std::optional<std::string>(edited) : std::nullopt;
  });
  ContextRequest request;
  request.target.path = path;
  request.target.line = bodyLine() + 1;
  BuiltContext context = buildOrFail(builder, request);
  SCOPED_TRACE(describeRoles(context));
  ASSERT_FALSE(context.items.empty());
  EXPECT_EQ(context.items.front().role, PieceRole::Target);
  EXPECT_NE(context.items.front().text.find(marker), std::string::npos);
  // The index's older copy of the same function is not sent as well.
  for (std::size_t i = 1; i < context.items.size(); ++i) {
    const ContextItem& item = context.items[i];
    EXPECT_FALSE(item.path == path && item.text.find(language.functionMarker) != std::string::npos)
        << itemTitle(item, "");
  }
  // Definitions still follow the edited code.
  EXPECT_NE(findItem(context, PieceRole::Definition, repo.path(language.helperFile)), nullptr);
}

TEST_P(ContextBuilderTest, MissingTargetsAreReportedAsNotFound) {
  BuiltContext missingSymbol = bySymbol("no_such_function_anywhere");
  EXPECT_FALSE(missingSymbol.target.has_value());
  ASSERT_EQ(missingSymbol.notFound.size(), 1u);
  EXPECT_NE(missingSymbol.notFound[0].find("`no_such_function_anywhere`"), std::string::npos);

  ContextBuilder builder(repo.reader());
  ContextRequest request;
  request.target.path = repo.path(GetParam().functionFile);
  request.target.line = 100000;
  request.references.push_back(
      {ExplicitReference::Kind::File, repo.path("missing/file.txt"), std::nullopt, "", "", ""});
  request.references.push_back(
      {ExplicitReference::Kind::Symbol, "", std::nullopt, "not_defined_here", "", ""});
  BuiltContext context = buildOrFail(builder, request);
  EXPECT_TRUE(context.items.empty());
  ASSERT_EQ(context.notFound.size(), 3u);
  EXPECT_NE(context.notFound[0].find("line 100001 is beyond the end"), std::string::npos);
  EXPECT_NE(context.notFound[1].find("missing/file.txt"), std::string::npos);
  EXPECT_NE(context.notFound[2].find("`not_defined_here`"), std::string::npos);
}

TEST_P(ContextBuilderTest, CancelledAfterTheTargetReturnsJustTheTarget) {
  ContextBuilder builder(repo.reader());
  ContextRequest request;
  request.target.symbol = GetParam().function;
  request.question = "tokenize";
  int polls = 0;
  auto built = builder.build(request, [&] { return ++polls > 1; });
  ASSERT_TRUE(built.ok());
  ASSERT_EQ(built->items.size(), 1u);
  EXPECT_EQ(built->items[0].role, PieceRole::Target);
  EXPECT_EQ(polls, 2);
}

TEST_P(ContextBuilderTest, QuestionAloneGivesSearchHits) {
  ContextBuilder builder(repo.reader());
  ContextRequest request;
  request.question = "lower-case a word and drop a trailing plural";
  BuiltContext context = buildOrFail(builder, request);
  SCOPED_TRACE(describeRoles(context));
  ASSERT_FALSE(context.items.empty());
  EXPECT_LE(context.items.size(), 6u);
  for (const ContextItem& item : context.items) EXPECT_EQ(item.role, PieceRole::Search);
  // The best hit is normalize's documentation (in C++ the header's copy may rank first).
  EXPECT_NE(context.items.front().text.find("plural"), std::string::npos);
  EXPECT_EQ(context.items.front().why, "matches the question");
}

INSTANTIATE_TEST_SUITE_P(ContextLanguages, ContextBuilderTest, ::testing::ValuesIn(kLanguages),
                         [](const auto& info) { return info.param.fixture; });

}  // namespace
}  // namespace gloss::commands
