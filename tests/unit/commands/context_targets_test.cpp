// Target shapes beyond a single function, on the Python fixture: a method with its class
// outline, a selection across chunks, a whole file, symbol references and the report of an
// ambiguous name.
#include <gtest/gtest.h>

#include "context_test_support.h"

namespace gloss::commands {
namespace {

using testing::buildOrFail;
using testing::describeRoles;
using testing::expectWithinBudget;
using testing::findItem;
using testing::IndexedRepo;

class ContextTargetsTest : public ::testing::Test {
 protected:
  ContextTargetsTest() : repo("python") {}

  BuiltContext build(const ContextRequest& request) {
    ContextBuilder builder(repo.reader());
    BuiltContext context = buildOrFail(builder, request);
    expectWithinBudget(context, request.budgetTokens);
    return context;
  }

  IndexedRepo repo;
};

TEST_F(ContextTargetsTest, MethodComesWithItsClassOutline) {
  ContextRequest request;
  request.target.symbol = "Document.render";
  BuiltContext context = build(request);
  SCOPED_TRACE(describeRoles(context));
  ASSERT_GE(context.items.size(), 3u);
  EXPECT_EQ(context.items[0].role, PieceRole::Target);
  EXPECT_EQ(context.items[0].symbol, "Document.render");
  const ContextItem& outline = context.items[1];
  EXPECT_EQ(outline.role, PieceRole::Outline);
  EXPECT_EQ(outline.path, repo.path("document.py"));
  EXPECT_EQ(outline.kind, "outline");
  EXPECT_EQ(outline.why, "outline of `Document`");
  // Methods the target calls on self, from the same class.
  bool foundMostCommon = false;
  for (const ContextItem& item : context.items) {
    if (item.role == PieceRole::Definition && item.symbol == "Document.most_common")
      foundMostCommon = true;
  }
  EXPECT_TRUE(foundMostCommon);
  const ContextItem* caller = findItem(context, PieceRole::Caller, repo.path("cli.py"));
  ASSERT_NE(caller, nullptr);
  EXPECT_EQ(caller->why, "calls `render`");
}

TEST_F(ContextTargetsTest, SelectionAcrossFunctionsTakesEachChunkItOverlaps) {
  ContextRequest request;
  request.target.path = repo.path("textutil.py");
  request.target.line = repo.lineOf("textutil.py", "return _WORD.findall");
  request.target.endLine = repo.lineOf("textutil.py", "lowered = word.lower()");
  BuiltContext context = build(request);
  SCOPED_TRACE(describeRoles(context));
  ASSERT_GE(context.items.size(), 2u);
  EXPECT_EQ(context.items[0].role, PieceRole::Target);
  EXPECT_EQ(context.items[0].symbol, "tokenize");
  EXPECT_EQ(context.items[1].role, PieceRole::Target);
  EXPECT_EQ(context.items[1].symbol, "normalize");
  ASSERT_TRUE(context.target.has_value());
  EXPECT_EQ(context.target->chunk.symbol, "tokenize");
}

TEST_F(ContextTargetsTest, SelectionInsideOneFunctionIsThatFunction) {
  ContextRequest request;
  request.target.path = repo.path("config.py");
  request.target.line = repo.lineOf("config.py", "values = {}");
  request.target.endLine = repo.lineOf("config.py", "return Settings(values)");
  BuiltContext context = build(request);
  ASSERT_FALSE(context.items.empty());
  EXPECT_EQ(context.items[0].symbol, "load");
  ASSERT_TRUE(context.targetSymbol.has_value());
  EXPECT_EQ(context.targetSymbol->symbol.qualifiedName, "load");
  // `Settings` is what load builds: its class is a definition.
  const ContextItem* settings = findItem(context, PieceRole::Definition, repo.path("config.py"));
  ASSERT_NE(settings, nullptr);
  EXPECT_EQ(settings->symbol, "Settings");
}

TEST_F(ContextTargetsTest, PathAloneTargetsTheWholeFileInOrder) {
  ContextRequest request;
  request.target.path = repo.path("textutil.py");
  BuiltContext context = build(request);
  std::vector<std::uint32_t> starts;
  for (const ContextItem& item : context.items) {
    if (item.role == PieceRole::Target) starts.push_back(item.startLine);
  }
  ASSERT_EQ(starts.size(), 4u);
  EXPECT_TRUE(std::is_sorted(starts.begin(), starts.end()));
  EXPECT_EQ(starts.front(), 0u);
}

TEST_F(ContextTargetsTest, SymbolAndLineReferencesResolveToTheirChunks) {
  ContextRequest request;
  request.target.symbol = "count_statements";
  request.references.push_back(
      {ExplicitReference::Kind::Symbol, "", std::nullopt, "Store.load", "", ""});
  request.references.push_back({ExplicitReference::Kind::File, repo.path("config.py"),
                                repo.lineOf("config.py", "def load(path)"), "", "", ""});
  BuiltContext context = build(request);
  SCOPED_TRACE(describeRoles(context));
  ASSERT_GE(context.items.size(), 3u);
  EXPECT_EQ(context.items[0].role, PieceRole::Target);
  EXPECT_EQ(context.items[1].role, PieceRole::Reference);
  EXPECT_EQ(context.items[1].path, repo.path("store.py"));
  EXPECT_EQ(context.items[1].why, "referenced `Store.load`");
  EXPECT_EQ(context.items[2].role, PieceRole::Reference);
  EXPECT_EQ(context.items[2].symbol, "load");
  EXPECT_EQ(context.items[2].why,
            "referenced line " + std::to_string(repo.lineOf("config.py", "def load(path)") + 1));
  // parse_source is what count_statements uses; it comes after the references.
  const ContextItem* parse = findItem(context, PieceRole::Definition, repo.path("parser.py"));
  ASSERT_NE(parse, nullptr);
  EXPECT_EQ(parse->symbol, "parse_source");
}

TEST_F(ContextTargetsTest, CaseInsensitiveNameWhenNoExactOne) {
  ContextRequest request;
  request.target.symbol = "PARSE_SOURCE";
  BuiltContext context = build(request);
  ASSERT_TRUE(context.targetSymbol.has_value());
  EXPECT_EQ(context.targetSymbol->symbol.name, "parse_source");
}

TEST_F(ContextTargetsTest, AModuleNameQualifiesAFunctionDefinedInIt) {
  ContextRequest request;
  request.target.symbol = "textutil.tokenize";
  BuiltContext context = build(request);
  ASSERT_TRUE(context.targetSymbol.has_value()) << describeContext(context, repo.root());
  EXPECT_EQ(context.targetSymbol->path, repo.path("textutil.py"));
  EXPECT_EQ(context.targetSymbol->symbol.qualifiedName, "tokenize");
  request.target.symbol = "nosuchmodule.tokenize";
  EXPECT_FALSE(build(request).targetSymbol.has_value());
}

TEST_F(ContextTargetsTest, AnExactQualifiedNameWinsOverMethodsOfThatName) {
  ContextRequest request;
  request.target.symbol = "load";
  BuiltContext context = build(request);
  EXPECT_TRUE(context.ambiguous.empty());
  ASSERT_TRUE(context.targetSymbol.has_value());
  EXPECT_EQ(context.targetSymbol->symbol.qualifiedName, "load");
  EXPECT_EQ(context.targetSymbol->symbol.kind, "function");
}

TEST_F(ContextTargetsTest, AmbiguousNameIsReportedWithItsCandidates) {
  ContextRequest request;
  request.target.symbol = "get";
  BuiltContext context = build(request);
  ASSERT_EQ(context.ambiguous.size(), 2u);
  std::string report = describeContext(context, repo.root());
  EXPECT_NE(report.find("ambiguous, candidates:\n"), std::string::npos);
  EXPECT_NE(report.find("method Store.get\n"), std::string::npos) << report;
  EXPECT_NE(report.find("method Settings.get\n"), std::string::npos) << report;

  // The file narrows it down.
  request.target.path = repo.path("store.py");
  BuiltContext narrowed = build(request);
  EXPECT_TRUE(narrowed.ambiguous.empty());
  ASSERT_TRUE(narrowed.targetSymbol.has_value());
  EXPECT_EQ(narrowed.targetSymbol->symbol.qualifiedName, "Store.get");
}

}  // namespace
}  // namespace gloss::commands
