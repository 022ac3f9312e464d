#include "commands/generate_tests/GenerateTests.h"

#include <algorithm>
#include <filesystem>

#include "commands/Markdown.h"
#include "commands/Prompts.h"
#include "commands/chat/ChatHistory.h"
#include "commands/chat/CodeBlocks.h"
#include "commands/explain/Explain.h"
#include "commands/llm/ModelLimits.h"
#include "commands/testgen/TestSkeleton.h"
#include "indexer/OverlayChunks.h"
#include "indexer/PathContainment.h"

namespace gloss::commands {

namespace {

CommandError invalid(std::string message) {
  return {CommandError::Kind::InvalidTarget, std::move(message)};
}

// The definitions to test: the target and, for a class, its members; every definition of the
// file when no symbol was named.
std::vector<indexer::Symbol> symbolsToTest(const std::vector<indexer::Symbol>& all,
                                           const BuiltContext& context) {
  std::string name;
  if (context.targetSymbol) {
    name = context.targetSymbol->symbol.qualifiedName;
  } else if (context.target) {
    name = context.target->chunk.qualifiedName;
  }
  if (name.empty()) return all;
  std::vector<indexer::Symbol> chosen;
  for (const indexer::Symbol& s : all)
    if (s.qualifiedName == name || s.parent == name) chosen.push_back(s);
  return chosen.empty() ? all : chosen;
}

std::string frameworkNote(const FrameworkDetection& detection, const std::string& root) {
  std::string out = "**Framework:** " + std::string(toString(detection.framework));
  if (detection.guessed) {
    out += " (no tests found in the repository; this is the language's usual choice)";
  } else if (!detection.evidence.empty()) {
    out += " (";
    for (std::size_t i = 0; i < detection.evidence.size() && i < 3; ++i)
      out += (i ? "; " : "") + detection.evidence[i];
    out += ")";
  }
  out += "\n\n";
  if (!detection.exampleTest.empty())
    out += "**Style example:** `" + relativeTo(detection.exampleTest, root) + "`\n\n";
  out += "**Proposed file:** `" + relativeTo(detection.proposedPath, root) + "`" +
         (detection.proposedExists ? " (exists: applying replaces it)" : " (new)") + "\n\n";
  return out;
}

std::string offlineAnswer(const FrameworkDetection& detection, const TestFile& skeleton,
                          const std::string& root) {
  std::string out = frameworkNote(detection, root);
  out += "A skeleton with one test per public definition (" +
         std::to_string(skeleton.testNames.size()) +
         "), each skipped until its body is written:\n\n";
  out += codeBlock(fenceLanguage(skeleton.path), skeleton.content);
  return out;
}

// The model's test file: the block that names the proposed path, else the largest block in the
// test file's language, else the largest block.
std::optional<std::string> proposedCode(const std::string& answer, const std::string& relPath,
                                        const std::string& language) {
  std::vector<CodeBlock> blocks = extractCodeBlocks(answer);
  const CodeBlock* best = nullptr;
  for (const CodeBlock& block : blocks) {
    if (!block.path.empty() && relPath.ends_with(block.path)) return block.code;
    bool sameLanguage = block.language == language;
    bool bestSame = best && best->language == language;
    if (!best || (sameLanguage && !bestSame) ||
        (sameLanguage == bestSame && block.code.size() > best->code.size()))
      best = &block;
  }
  if (!best || best->code.empty()) return std::nullopt;
  return best->code;
}

std::string instructions(const FrameworkDetection& detection, const std::string& relPath,
                         const std::string& name, const GenerateTestsRequest& request) {
  std::string text = "Write tests for " + inlineCode(name) + " using " +
                     toString(detection.framework) + ". The file will be saved as `" + relPath +
                     "`. Test behaviour a caller relies on: normal cases, edge cases and error "
                     "paths visible in the code. Follow the style example's imports, naming "
                     "and structure. Do not invent functions that are not shown. Reply with a "
                     "short plan, then the complete file in one fenced code block whose info "
                     "string is the language followed by the path.\n";
  if (!request.question.empty()) text += "\nThe user also asks: " + request.question + "\n";
  return text;
}

}  // namespace

CommandResult<CommandOutcome> runGenerateTests(const CommandEnv& env,
                                               const GenerateTestsRequest& request) {
  ContextRequest contextRequest{request.target, request.question, {}, 0};
  contextRequest.budgetTokens = std::max(512, env.provider.promptBudget() * 2 / 3);
  bool wholeFile = request.target.symbol.empty() && !request.target.line;
  if (wholeFile && !request.target.path.empty()) {
    ExplicitReference file;
    file.path = request.target.path;
    contextRequest.references.push_back(std::move(file));
  }
  ContextBuilder builder(env.index, env.unsaved);
  auto built = builder.build(contextRequest, env.cancelled);
  if (!built) return gloss::unexpected(CommandError{CommandError::Kind::Database, built.error()});
  BuiltContext context = std::move(*built);
  if (!context.ambiguous.empty())
    return ambiguityOutcome(env, request.target.symbol, std::move(context));
  std::string source = context.target ? context.target->path : request.target.path;
  if (source.empty())
    return gloss::unexpected(
        invalid(context.notFound.empty() ? "no target to test" : context.notFound.front()));
  std::optional<std::string> text = env.text(source);
  if (!text) return gloss::unexpected(invalid("cannot read " + source));
  auto detection = detectTestFramework(env.root(), source);
  if (!detection)
    return gloss::unexpected(invalid("no supported test framework for " +
                                     relativeTo(source, env.root()) + "'s language"));
  // The proposal is a write target: a folder on its way that is a symlink out of the workspace
  // (or a file there that is one) would make applying it write elsewhere.
  if (!indexer::containedPath(detection->proposedPath, env.roots))
    return gloss::unexpected(
        invalid("refused: " + detection->proposedPath + " is outside the workspace folders"));
  indexer::ChunkResult chunks = indexer::chunkText(source, *text);
  SkeletonInput input{env.root(), source, *text, symbolsToTest(chunks.symbols, context),
                      *detection};
  TestFile skeleton = buildTestSkeleton(input);
  std::string relPath = relativeTo(skeleton.path, env.root());
  std::string name = wholeFile || input.symbols.empty() ? relativeTo(source, env.root())
                                                        : input.symbols.front().qualifiedName;

  llm::ChatRequest chat;
  chat.task = "generate tests for " + name;
  chat.system = systemPrompt();
  chat.offlineAnswer = offlineAnswer(*detection, skeleton, env.root());
  std::string prompt = instructions(*detection, relPath, name, request) + "\n" +
                       frameworkNote(*detection, env.root());
  if (!detection->exampleTest.empty()) {
    std::string example = env.text(detection->exampleTest).value_or("");
    prompt += "## Style example: " + relativeTo(detection->exampleTest, env.root()) + "\n" +
              codeBlock(fenceLanguage(detection->exampleTest),
                        truncateForPrompt(example, env.provider.promptBudget() / 5));
  }
  prompt +=
      "## Skeleton to start from\n" + codeBlock(fenceLanguage(skeleton.path), skeleton.content);
  prompt += renderContext(context, env.root());
  chat.messages.push_back({"user", prompt});
  chat.context = toPieces(context, env.root());

  CommandOutcome outcome;
  outcome.title = "Tests for " + name;
  outcome.result = env.chat(chat);
  std::string content = skeleton.content;
  if (!env.provider.isOffline() && outcome.result.complete) {
    if (auto code = proposedCode(outcome.result.text, relPath, fenceLanguage(skeleton.path)))
      content = *code;
  }
  outcome.files.push_back({skeleton.path, std::move(content), detection->proposedExists});
  outcome.context = std::move(context);
  return outcome;
}

}  // namespace gloss::commands
