// The context builder's text-level parts: which identifiers a chunk uses, where a name is
// called or declared, qualified-name splitting, and how pieces are titled and reported.
#include <gtest/gtest.h>

#include "commands/context/ContextBuilder.h"
#include "commands/context/IdentifierScan.h"
#include "commands/context/SymbolResolution.h"

namespace gloss::commands {
namespace {

std::vector<std::string> names(const std::vector<IdentifierUse>& uses) {
  std::vector<std::string> out;
  for (const IdentifierUse& use : uses) out.push_back(use.name);
  return out;
}

TEST(ContextIdentifierScan, CountsUsesAndSkipsKeywordsLocalsAndOwnName) {
  std::string code =
      "def parse_source(text, depth=0):\n"
      "    lines = [raw for raw in text.splitlines()]\n"
      "    for word in tokenize(lines):\n"
      "        emit(normalize(word), normalize(word))\n"
      "    return parse_source(lines, depth)\n";
  std::vector<IdentifierUse> uses = usedIdentifiers(code, "parse_source");
  std::vector<std::string> found = names(uses);
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found.front(), "normalize");
  EXPECT_EQ(uses.front().count, 2);
  for (const char* kept : {"tokenize", "emit", "splitlines"})
    EXPECT_NE(std::find(found.begin(), found.end(), kept), found.end()) << kept;
  for (const char* skipped :
       {"parse_source", "def", "for", "return", "lines", "raw", "word", "depth", "text", "in"})
    EXPECT_EQ(std::find(found.begin(), found.end(), skipped), found.end()) << skipped;
}

TEST(ContextIdentifierScan, ParametersOfTheOwnDefinitionAreLocalsButTheirTypesAreNot) {
  auto found = [](std::string_view code, std::string_view own) {
    return names(usedIdentifiers(code, own));
  };
  auto has = [](const std::vector<std::string>& list, const char* name) {
    return std::find(list.begin(), list.end(), name) != list.end();
  };
  std::vector<std::string> cpp = found(
      "Result run(const CommandEnv& env, const Request& request, int budget = 4) {\n"
      "  return build(env, request, budget);\n}\n",
      "run");
  EXPECT_FALSE(has(cpp, "env"));
  EXPECT_FALSE(has(cpp, "request"));
  EXPECT_FALSE(has(cpp, "budget"));
  EXPECT_TRUE(has(cpp, "CommandEnv"));
  EXPECT_TRUE(has(cpp, "Request"));
  EXPECT_TRUE(has(cpp, "build"));
  std::vector<std::string> go = found(
      "func (s *Server) Serve(cfg Config, limit int) error {\n\treturn listen(cfg, limit)\n}\n",
      "Serve");
  EXPECT_FALSE(has(go, "cfg"));
  EXPECT_FALSE(has(go, "limit"));
  EXPECT_TRUE(has(go, "Config"));
  EXPECT_TRUE(has(go, "listen"));
  std::vector<std::string> ts = found(
      "export function render(view: ViewModel, options?: RenderOptions): string {\n"
      "  return paint(view, options);\n}\n",
      "render");
  EXPECT_FALSE(has(ts, "view"));
  EXPECT_FALSE(has(ts, "options"));
  EXPECT_TRUE(has(ts, "ViewModel"));
  EXPECT_TRUE(has(ts, "RenderOptions"));
}

TEST(ContextIdentifierScan, TellsMemberUsesAndDeclarationsAcrossLanguages) {
  std::vector<IdentifierUse> uses = usedIdentifiers(
      "const statements: Statement[] = [];\n"
      "let total = 0;\n"
      "x, err := store.Load(key)\n"
      "settings->reload(); Reload();\n"
      "auto parsed = notes::parseSource(0x1F);\n",
      "");
  auto find = [&](const std::string& name) -> const IdentifierUse* {
    for (const IdentifierUse& use : uses)
      if (use.name == name) return &use;
    return nullptr;
  };
  for (const char* local : {"statements", "total", "parsed"}) EXPECT_EQ(find(local), nullptr);
  ASSERT_NE(find("Load"), nullptr);
  EXPECT_TRUE(find("Load")->asMember);
  ASSERT_NE(find("reload"), nullptr);
  EXPECT_TRUE(find("reload")->asMember);
  ASSERT_NE(find("Reload"), nullptr);
  EXPECT_FALSE(find("Reload")->asMember);
  EXPECT_NE(find("Statement"), nullptr);
  EXPECT_NE(find("parseSource"), nullptr);
  EXPECT_EQ(find("x1F"), nullptr);
  EXPECT_EQ(find("0x1F"), nullptr);
}

TEST(ContextMentions, SeparatesCallsBareMentionsAndDeclarations) {
  std::string code =
      "from parser import parse\n"                  // 10: mention
      "def parse(text):\n"                          // 11: declaration
      "    return parse(text) + parse_all(text)\n"  // 12: call (parse_all is another word)
      "Result parse (int x);\n"                     // 13: declaration (a C prototype)
      "func (p *Parser) parse(s string) {}\n"       // 14: declaration (Go receiver)
      "x = obj.parse(1); y = reparse(2)\n";         // 15: call; reparse is another word
  std::vector<Mention> mentions = findMentions(code, "parse", 10);
  ASSERT_EQ(mentions.size(), 6u);
  EXPECT_EQ(mentions[0].line, 10u);
  EXPECT_FALSE(mentions[0].call);
  EXPECT_FALSE(mentions[0].declaration);
  EXPECT_EQ(mentions[1].line, 11u);
  EXPECT_TRUE(mentions[1].declaration);
  EXPECT_EQ(mentions[2].line, 12u);
  EXPECT_TRUE(mentions[2].call);
  EXPECT_FALSE(mentions[2].declaration);
  EXPECT_TRUE(mentions[3].declaration);
  EXPECT_TRUE(mentions[4].declaration);
  EXPECT_EQ(mentions[4].line, 14u);
  EXPECT_EQ(mentions[5].line, 15u);
  EXPECT_TRUE(mentions[5].call);
  EXPECT_FALSE(mentions[5].declaration);
}

TEST(ContextMentions, CallThroughMembersAndNamespacesIsACall) {
  std::vector<Mention> mentions = findMentions(
      "auto s = notes::parseSource(text);\nparser->parseSource (t);\n", "parseSource", 0);
  ASSERT_EQ(mentions.size(), 2u);
  for (const Mention& mention : mentions) {
    EXPECT_TRUE(mention.call);
    EXPECT_FALSE(mention.declaration);
  }
  EXPECT_EQ(mentions[1].line, 1u);
}

TEST(ContextMentions, MarksMentionsInCommentLines) {
  std::vector<Mention> mentions = findMentions(
      "// Load reads the file.\n  # Load again\n * Load: see above\nx.Load()\n", "Load", 0);
  ASSERT_EQ(mentions.size(), 4u);
  EXPECT_TRUE(mentions[0].comment);
  EXPECT_TRUE(mentions[1].comment);
  EXPECT_TRUE(mentions[2].comment);
  EXPECT_FALSE(mentions[3].comment);
  EXPECT_TRUE(mentions[3].call);
}

TEST(ContextSymbolNames, SplitsEverySeparator) {
  EXPECT_EQ(splitQualifiedName("Parser.parse_args"),
            (std::vector<std::string>{"Parser", "parse_args"}));
  EXPECT_EQ(splitQualifiedName("ns::Widget::draw"),
            (std::vector<std::string>{"ns", "Widget", "draw"}));
  EXPECT_EQ(splitQualifiedName("Foo#bar"), (std::vector<std::string>{"Foo", "bar"}));
  EXPECT_EQ(splitQualifiedName("a->b"), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(splitQualifiedName("::global"), (std::vector<std::string>{"global"}));
  EXPECT_TRUE(splitQualifiedName("").empty());
}

ContextItem sampleItem() {
  ContextItem item;
  item.role = PieceRole::Definition;
  item.path = "/work/repo/src/parse.py";
  item.startLine = 9;
  item.endLine = 41;
  item.symbol = "Parser.parse_args";
  item.kind = "function";
  item.why = "calls `tokenize`";
  item.text = "def parse_args(self):\n    pass\n";
  item.tokens = 21;
  return item;
}

TEST(ContextFormat, TitlesUseOneBasedLinesAndRelativePaths) {
  ContextItem item = sampleItem();
  EXPECT_EQ(itemTitle(item, "/work/repo"),
            "src/parse.py:10-42 · function Parser.parse_args · calls `tokenize`");
  EXPECT_EQ(itemTitle(item, "/work/repo/"),
            "src/parse.py:10-42 · function Parser.parse_args · calls `tokenize`");
  // A root that is only a prefix of a folder name does not shorten the path.
  EXPECT_EQ(itemTitle(item, "/work/rep").substr(0, 24), "/work/repo/src/parse.py:");
  item.endLine = item.startLine;
  item.symbol.clear();
  item.kind = "preamble";
  item.why.clear();
  EXPECT_EQ(itemTitle(item, ""), "/work/repo/src/parse.py:10 · preamble");

  ContextItem pasted;
  pasted.role = PieceRole::Reference;
  pasted.kind = "python";
  pasted.why = "pasted in the message";
  EXPECT_EQ(itemTitle(pasted, "/work/repo"), "pasted python code · pasted in the message");
}

TEST(ContextFormat, PiecesAndReportListEveryItemWithTheTotal) {
  BuiltContext context;
  ContextItem target = sampleItem();
  target.role = PieceRole::Target;
  target.why.clear();
  context.items = {target, sampleItem()};
  context.tokens = 42;
  context.budgetTokens = 4000;
  context.droppedItems = 2;
  context.notFound = {"symbol `frob` is not in the index"};

  std::vector<llm::ContextPiece> pieces = toPieces(context, "/work/repo");
  ASSERT_EQ(pieces.size(), 2u);
  EXPECT_EQ(pieces[0].title, "src/parse.py:10-42 · function Parser.parse_args");
  EXPECT_EQ(pieces[1].text, sampleItem().text);

  std::string report = describeContext(context, "/work/repo");
  EXPECT_NE(report.find("not found: symbol `frob` is not in the index\n"), std::string::npos);
  EXPECT_NE(
      report.find("[target] src/parse.py:10-42 · function Parser.parse_args (21 tokens)\ndef "),
      std::string::npos);
  EXPECT_NE(report.find("[definition] src/parse.py:10-42"), std::string::npos);
  EXPECT_TRUE(report.ends_with("total: 42 of 4000 tokens, 2 pieces over budget\n")) << report;
}

TEST(ContextFormat, RoleNames) {
  EXPECT_STREQ(toString(PieceRole::Target), "target");
  EXPECT_STREQ(toString(PieceRole::Outline), "outline");
  EXPECT_STREQ(toString(PieceRole::Definition), "definition");
  EXPECT_STREQ(toString(PieceRole::Caller), "caller");
  EXPECT_STREQ(toString(PieceRole::Search), "search");
  EXPECT_STREQ(toString(PieceRole::Reference), "reference");
  EXPECT_STREQ(toString(PieceRole::Example), "example");
}

}  // namespace
}  // namespace gloss::commands
