// The chat message parser: slash commands at line starts, file and symbol references, code that
// is never read for either, and inputs built to trip a parser (CRLF, lone slashes, 1 MB).
#include <gtest/gtest.h>

#include <string>

#include "commands/chat/ChatMessageParser.h"

namespace gloss::commands {
namespace {

using Kind = MessageReference::Kind;

std::vector<std::string> commandNames(const ParsedMessage& parsed) {
  std::vector<std::string> names;
  for (const SlashCommandUse& use : parsed.commands) names.push_back(use.name);
  return names;
}

std::vector<std::string> filePaths(const ParsedMessage& parsed) {
  std::vector<std::string> paths;
  for (const MessageReference& ref : parsed.references)
    if (ref.kind == Kind::File) paths.push_back(ref.path);
  return paths;
}

std::vector<std::string> symbols(const ParsedMessage& parsed) {
  std::vector<std::string> names;
  for (const MessageReference& ref : parsed.references)
    if (ref.kind == Kind::Symbol) names.push_back(ref.symbol);
  return names;
}

using Names = std::vector<std::string>;

TEST(ChatParserTest, EmptyMessageHasNothing) {
  ParsedMessage parsed = parseChatMessage("");
  EXPECT_TRUE(parsed.commands.empty());
  EXPECT_TRUE(parsed.references.empty());
  EXPECT_TRUE(parsed.unknownCommands.empty());
  EXPECT_EQ(parsed.question, "");
}

TEST(ChatParserTest, ALoneSlashIsNeitherCommandNorUnknown) {
  for (std::string_view message : {"/", "  /  ", "/\n/", "/ explain"}) {
    ParsedMessage parsed = parseChatMessage(message);
    EXPECT_TRUE(parsed.commands.empty()) << message;
    EXPECT_TRUE(parsed.unknownCommands.empty()) << message;
    EXPECT_FALSE(parsed.question.empty()) << message;
  }
}

TEST(ChatParserTest, ReadsACommandAndItsArgument) {
  ParsedMessage parsed = parseChatMessage("/explain parse_args");
  ASSERT_EQ(parsed.commands.size(), 1u);
  EXPECT_EQ(parsed.commands[0].name, "explain");
  EXPECT_EQ(parsed.commands[0].argument, "parse_args");
  EXPECT_EQ(parsed.commands[0].line, 0u);
  EXPECT_EQ(parsed.question, "");
}

TEST(ChatParserTest, CommandNamesIgnoreCaseAndLeadingSpaces) {
  ParsedMessage parsed = parseChatMessage("/Explain foo\n   /HELP\n\t/Generate-Tests  src/x.py  ");
  EXPECT_EQ(commandNames(parsed), (Names{"explain", "help", "generate-tests"}));
  EXPECT_EQ(parsed.commands[1].argument, "");
  EXPECT_EQ(parsed.commands[2].argument, "src/x.py");
  EXPECT_EQ(parsed.commands[2].line, 2u);
}

TEST(ChatParserTest, SeveralCommandsKeepTheirOrderAndTheRestIsTheQuestion) {
  ParsedMessage parsed =
      parseChatMessage("Why is this slow?\n/grep -i todo src/\nand then\n/summarize .\nThanks");
  EXPECT_EQ(commandNames(parsed), (Names{"grep", "summarize"}));
  EXPECT_EQ(parsed.commands[0].argument, "-i todo src/");
  EXPECT_EQ(parsed.commands[0].line, 1u);
  EXPECT_EQ(parsed.commands[1].argument, ".");
  EXPECT_EQ(parsed.commands[1].line, 3u);
  EXPECT_EQ(parsed.question, "Why is this slow?\nand then\nThanks");
}

TEST(ChatParserTest, CrlfLineEndsDoNotLeakIntoArgumentsOrTheQuestion) {
  ParsedMessage parsed = parseChatMessage("/explain foo\r\nWhat is this?\r\n/help\r\n");
  EXPECT_EQ(commandNames(parsed), (Names{"explain", "help"}));
  EXPECT_EQ(parsed.commands[0].argument, "foo");
  EXPECT_EQ(parsed.question, "What is this?");
}

TEST(ChatParserTest, PathsAndSlashesInsideWordsAreNotCommands) {
  for (std::string_view message :
       {"/usr/bin/env python3", "/x.py is odd", "/50 items", "/50% done", "use /explain here",
        "either/or", "/foo_bar", "/help?", "> /explain quoted"}) {
    ParsedMessage parsed = parseChatMessage(message);
    EXPECT_TRUE(parsed.commands.empty()) << message;
    EXPECT_TRUE(parsed.unknownCommands.empty()) << message;
    EXPECT_EQ(parsed.question, message);
  }
}

TEST(ChatParserTest, AnAbsolutePathIsAFileReference) {
  ParsedMessage parsed = parseChatMessage("/usr/bin/env python3");
  EXPECT_EQ(filePaths(parsed), (Names{"/usr/bin/env"}));
}

TEST(ChatParserTest, UnknownCommandsAreReportedOnceAndLeaveTheQuestion) {
  ParsedMessage parsed = parseChatMessage("/frobnicate now\n/Zap\n/frobnicate again\nhello");
  EXPECT_EQ(parsed.unknownCommands, (Names{"frobnicate", "Zap"}));
  EXPECT_TRUE(parsed.commands.empty());
  EXPECT_EQ(parsed.question, "hello");
}

TEST(ChatParserTest, CommandsInsideFencedBlocksAreIgnored) {
  ParsedMessage parsed = parseChatMessage("```sh\n/explain x\n/frob\n```\n~~~\n/help\n~~~\n");
  EXPECT_TRUE(parsed.commands.empty());
  EXPECT_TRUE(parsed.unknownCommands.empty());
  ASSERT_EQ(parsed.references.size(), 2u);
  EXPECT_EQ(parsed.references[0].kind, Kind::Code);
  EXPECT_EQ(parsed.references[0].language, "sh");
  EXPECT_EQ(parsed.references[0].code, "/explain x\n/frob\n");
  EXPECT_EQ(parsed.references[1].code, "/help\n");
  EXPECT_EQ(parsed.question, "```sh\n/explain x\n/frob\n```\n~~~\n/help\n~~~");
}

TEST(ChatParserTest, ALongerFenceHoldsShorterOnes) {
  ParsedMessage parsed =
      parseChatMessage("````markdown\n```\n/help\n```\n/grep x\n````\n/explain y");
  EXPECT_EQ(commandNames(parsed), (Names{"explain"}));
  ASSERT_FALSE(parsed.references.empty());
  EXPECT_EQ(parsed.references[0].language, "markdown");
  EXPECT_EQ(parsed.references[0].code, "```\n/help\n```\n/grep x\n");
}

TEST(ChatParserTest, AnUnclosedFenceRunsToTheEnd) {
  ParsedMessage parsed = parseChatMessage("look:\n```python\nx = 1\n/help\n");
  EXPECT_TRUE(parsed.commands.empty());
  ASSERT_EQ(parsed.references.size(), 1u);
  EXPECT_EQ(parsed.references[0].code, "x = 1\n/help\n");
}

TEST(ChatParserTest, FencesIndentedFourSpacesAreNotFences) {
  ParsedMessage indented = parseChatMessage("   ```\n/help\n   ```");
  EXPECT_TRUE(indented.commands.empty());
  ParsedMessage tooFar = parseChatMessage("    ```\n/help");  // would run to the end if a fence
  EXPECT_EQ(commandNames(tooFar), (Names{"help"}));
}

TEST(ChatParserTest, InlineCodeSpansHideCommandsEvenAcrossLines) {
  EXPECT_TRUE(parseChatMessage("`/explain x`").commands.empty());
  EXPECT_TRUE(parseChatMessage("see `the\n/explain x` here").commands.empty());
  // A lone backtick opens nothing, so the command on the next line still counts.
  EXPECT_EQ(commandNames(parseChatMessage("it's a ` here\n/explain x")), (Names{"explain"}));
}

TEST(ChatParserTest, FileReferencesWithLinesAndRanges) {
  ParsedMessage parsed = parseChatMessage(
      "Look at src/x.py:42 and file.py:10-20, then lib/a.go#L7 and b.rs#L3-L9 and c.ts:5:2.");
  ASSERT_EQ(parsed.references.size(), 5u);
  const auto& refs = parsed.references;
  EXPECT_EQ(refs[0].path, "src/x.py");
  EXPECT_EQ(refs[0].line, 42u);
  EXPECT_FALSE(refs[0].endLine);
  EXPECT_EQ(refs[1].path, "file.py");
  EXPECT_EQ(refs[1].line, 10u);
  EXPECT_EQ(refs[1].endLine, 20u);
  EXPECT_EQ(refs[2].path, "lib/a.go");
  EXPECT_EQ(refs[2].line, 7u);
  EXPECT_EQ(refs[3].path, "b.rs");
  EXPECT_EQ(refs[3].endLine, 9u);
  EXPECT_EQ(refs[4].path, "c.ts");
  EXPECT_EQ(refs[4].line, 5u);
  EXPECT_FALSE(refs[4].endLine);
}

TEST(ChatParserTest, OddLineNumbersAreNormalized) {
  ParsedMessage parsed = parseChatMessage("x.py:20-10 y.py:0 z.py:99999999999");
  ASSERT_EQ(parsed.references.size(), 3u);
  EXPECT_EQ(parsed.references[0].line, 10u);
  EXPECT_EQ(parsed.references[0].endLine, 20u);
  EXPECT_FALSE(parsed.references[1].line);  // lines are 1-based
  EXPECT_FALSE(parsed.references[2].line);  // beyond 32 bits
}

TEST(ChatParserTest, PunctuationAroundReferencesIsStripped) {
  ParsedMessage parsed = parseChatMessage(
      "(\"src/a.py\"), 'b.json'; <c/d.md>: **e.yaml** [the guide](docs/guide.md). "
      "CMakeLists.txt:3:");
  EXPECT_EQ(filePaths(parsed),
            (Names{"src/a.py", "b.json", "c/d.md", "e.yaml", "docs/guide.md", "CMakeLists.txt"}));
  EXPECT_EQ(parsed.references.back().line, 3u);
}

TEST(ChatParserTest, ReferencesAreDeduplicatedInOrderOfFirstAppearance) {
  ParsedMessage parsed = parseChatMessage("b.py a.py b.py `a.py` a.py:3 `foo` b.py `foo()` a.py:3");
  ASSERT_EQ(parsed.references.size(), 4u);
  EXPECT_EQ(parsed.references[0].path, "b.py");
  EXPECT_EQ(parsed.references[1].path, "a.py");
  EXPECT_EQ(parsed.references[2].path, "a.py");
  EXPECT_EQ(parsed.references[2].line, 3u);
  EXPECT_EQ(parsed.references[3].symbol, "foo");
}

TEST(ChatParserTest, UrlsAreNotReferences) {
  ParsedMessage parsed = parseChatMessage(
      "see http://example.com/x.py and https://github.com/a/b/blob/main/c.ts, "
      "github.com/a/b.py, www.example.org/x.md and mailto:me@x.md");
  EXPECT_TRUE(parsed.references.empty()) << parsed.references.size();
}

TEST(ChatParserTest, ProseWithSlashesAndOtherLookalikesIsNotAReference) {
  ParsedMessage parsed = parseChatMessage(
      "and/or, 24/7, client/server, I/O, use /explain, /etc, *.py, std::vector, e.g. v1.2, "
      "x.py:foo, README.md#install");
  EXPECT_EQ(filePaths(parsed), (Names{"README.md"}));
}

TEST(ChatParserTest, PathShapedWordsWithoutKnownExtensionsAreReferences) {
  ParsedMessage parsed =
      parseChatMessage("src/utils/ ./build ../x ~/notes a/b/c src/main:12 /usr/lib");
  EXPECT_EQ(filePaths(parsed),
            (Names{"src/utils/", "./build", "../x", "~/notes", "a/b/c", "src/main", "/usr/lib"}));
}

TEST(ChatParserTest, InlineSpansNameSymbolsOrFiles) {
  ParsedMessage parsed = parseChatMessage(
      "Why does `parse_args` call `Foo::bar()` and `os.path.join`, `Foo#baz`, `p->next`? "
      "Not `a + b`, `x = 1`, `1.5`, `--flag` or ``. But `src/x.py:3` is a file.");
  EXPECT_EQ(symbols(parsed),
            (Names{"parse_args", "Foo::bar", "os.path.join", "Foo#baz", "p->next"}));
  EXPECT_EQ(filePaths(parsed), (Names{"src/x.py"}));
  EXPECT_EQ(parsed.references.back().line, 3u);
}

TEST(ChatParserTest, DoubleBacktickSpansCanHoldBackticks) {
  ParsedMessage parsed = parseChatMessage("``a `b` c`` then `name`");
  EXPECT_EQ(symbols(parsed), (Names{"name"}));
}

TEST(ChatParserTest, CommandArgumentsAreReadForReferences) {
  ParsedMessage parsed = parseChatMessage("/explain src/x.py:42\n/generate-tests `Parser::run`");
  ASSERT_EQ(parsed.references.size(), 2u);
  EXPECT_EQ(parsed.references[0].path, "src/x.py");
  EXPECT_EQ(parsed.references[0].line, 42u);
  EXPECT_EQ(parsed.references[1].symbol, "Parser::run");
  EXPECT_EQ(parsed.commands[1].argument, "`Parser::run`");
}

TEST(ChatParserTest, TheCommandNameItselfIsNotAReference) {
  EXPECT_TRUE(parseChatMessage("/help").references.empty());
  EXPECT_TRUE(parseChatMessage("/frob").references.empty());
}

TEST(ChatParserTest, CodeReferencesAppearInMessageOrder) {
  ParsedMessage parsed = parseChatMessage("a.py\n```js\nlet x;\n```\nb.py\n```js\nlet x;\n```\n");
  ASSERT_EQ(parsed.references.size(), 3u);
  EXPECT_EQ(parsed.references[0].path, "a.py");
  EXPECT_EQ(parsed.references[1].kind, Kind::Code);
  EXPECT_EQ(parsed.references[1].language, "js");
  EXPECT_EQ(parsed.references[2].path, "b.py");
}

TEST(ChatParserTest, FileWordsInsideCodeBlocksAreNotReferences) {
  ParsedMessage parsed = parseChatMessage("```\nimport src/x.py\n```");
  ASSERT_EQ(parsed.references.size(), 1u);
  EXPECT_EQ(parsed.references[0].kind, Kind::Code);
}

TEST(ChatParserTest, AMegabyteOfBackticksIsParsed) {
  std::string message(1 << 20, '`');
  ParsedMessage parsed = parseChatMessage(message);
  ASSERT_EQ(parsed.references.size(), 1u);  // an empty, unclosed fenced block
  EXPECT_EQ(parsed.references[0].kind, Kind::Code);
  EXPECT_EQ(parsed.references[0].code, "");
  EXPECT_EQ(parsed.question.size(), message.size());
}

TEST(ChatParserTest, AMegabyteOfUnmatchedRunsOfDifferentLengthsIsParsed) {
  // Every run a different length, so none has a partner: a naive partner search would read
  // the rest of the message for each of them.
  std::string message = "start ";
  for (std::size_t length = 1; message.size() < (1u << 20); ++length)
    message += std::string(length, '`') + " a.py ";
  ParsedMessage parsed = parseChatMessage(message);
  ASSERT_EQ(parsed.references.size(), 1u);
  EXPECT_EQ(parsed.references[0].path, "a.py");
}

TEST(ChatParserTest, AMegabyteOfCommandsIsParsed) {
  std::string message;
  std::size_t lines = 0;
  for (; message.size() < (1u << 20); ++lines) message += "/explain x\n";
  ParsedMessage parsed = parseChatMessage(message);
  EXPECT_EQ(parsed.commands.size(), lines);
  EXPECT_EQ(parsed.commands.back().line, lines - 1);
  EXPECT_EQ(parsed.question, "");
}

TEST(ChatParserTest, AMegabyteOfDistinctReferencesIsParsed) {
  std::string message;
  std::size_t count = 0;
  for (; message.size() < (1u << 20); ++count) message += "f" + std::to_string(count) + ".py ";
  message += "f0.py";
  ParsedMessage parsed = parseChatMessage(message);
  EXPECT_EQ(parsed.references.size(), count);
}

TEST(ChatParserTest, AMegabyteOfFencesAndSlashesIsParsed) {
  std::string fences;
  fences += "````\n";  // never closed by the shorter fences that follow
  while (fences.size() < (1u << 20)) fences += "```\n/help\n";
  EXPECT_TRUE(parseChatMessage(fences).commands.empty());
  std::string slashes(1 << 20, '/');
  ParsedMessage parsed = parseChatMessage(slashes);
  EXPECT_TRUE(parsed.commands.empty());
  EXPECT_TRUE(parsed.references.empty());
}

TEST(ChatParserTest, CompletionMatchesPrefixesInListOrder) {
  auto names = [](const std::vector<SlashCommandInfo>& infos) {
    Names out;
    for (const SlashCommandInfo& info : infos) out.push_back(info.name);
    return out;
  };
  EXPECT_EQ(names(completeSlashCommand("/ge")), (Names{"generate-tests"}));
  EXPECT_EQ(names(completeSlashCommand("ge")), (Names{"generate-tests"}));
  EXPECT_EQ(names(completeSlashCommand("/G")), (Names{"generate-tests", "grep"}));
  EXPECT_EQ(names(completeSlashCommand("/EXPLAIN")), (Names{"explain"}));
  EXPECT_EQ(names(completeSlashCommand("/")), names(slashCommands()));
  EXPECT_EQ(names(completeSlashCommand("")), names(slashCommands()));
  EXPECT_TRUE(completeSlashCommand("/x").empty());
  EXPECT_TRUE(completeSlashCommand("explainer").empty());
  EXPECT_EQ(names(slashCommands()),
            (Names{"explain", "generate-tests", "grep", "summarize", "help"}));
}

TEST(ChatParserTest, HelpListsEveryCommandWithUsageAndDescription) {
  std::string help = helpText();
  for (const SlashCommandInfo& command : slashCommands()) {
    EXPECT_NE(help.find(command.usage), std::string::npos) << command.name;
    EXPECT_NE(help.find(command.description), std::string::npos) << command.name;
  }
}

TEST(ChatParserTest, UnknownCommandMessageNamesTheCommandAndListsTheKnownOnes) {
  std::string one = unknownCommandMessage({"frob"});
  EXPECT_EQ(one.rfind("Unknown command `/frob`.", 0), 0u) << one;
  for (const SlashCommandInfo& command : slashCommands())
    EXPECT_NE(one.find(command.usage), std::string::npos) << command.name;
  std::string two = unknownCommandMessage({"/frob", "zap"});
  EXPECT_NE(two.find("`/frob`, `/zap`"), std::string::npos) << two;
  EXPECT_EQ(two.find("//"), std::string::npos) << two;
}

}  // namespace
}  // namespace gloss::commands
