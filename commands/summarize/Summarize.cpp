#include "commands/summarize/Summarize.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <mutex>
#include <thread>

#include "commands/Markdown.h"
#include "commands/Prompts.h"
#include "commands/chat/ChatHistory.h"
#include "commands/llm/ModelLimits.h"
#include "commands/summarize/Outline.h"

namespace gloss::commands {

namespace {

constexpr int kMapConcurrency = 2;
constexpr int kMapAnswerTokens = 400;
constexpr int kMaxPartTokens = 6000;  // one map request's code, whatever the model allows

struct Part {
  std::string title;  // "src/x.py" or "src/x.py:120-260"
  std::string text;
};

CommandError notFound(const std::string& message) {
  return {CommandError::Kind::InvalidTarget, message};
}

std::string focus(const SummarizeRequest& request) {
  return request.question.empty() ? "" : "\nFocus on: " + request.question + "\n";
}

// Summaries of each part, computed `kMapConcurrency` at a time; a part whose request fails is
// left empty (the outline still covers it). Usage is added to `usage`.
std::vector<std::string> mapParts(const CommandEnv& env, const std::vector<Part>& parts,
                                  const std::string& what, llm::Usage& usage) {
  std::vector<std::string> summaries(parts.size());
  std::atomic<std::size_t> next{0}, done{0};
  std::mutex mutex;
  auto work = [&] {
    for (std::size_t i = next++; i < parts.size() && !env.isCancelled(); i = next++) {
      llm::ChatRequest request;
      request.task = "summarize part";
      request.system = systemPrompt();
      request.maxOutputTokens = kMapAnswerTokens;
      request.messages.push_back(
          {"user", "Summarize " + inlineCode(parts[i].title) + ", part of " + what +
                       ", in 2 to 5 sentences: its purpose, its main definitions and how they "
                       "fit together. Name functions and types exactly.\n\n" +
                       codeBlock(fenceLanguage(parts[i].title), parts[i].text)});
      llm::ChatResult result = env.chatQuietly(request);
      std::lock_guard lock(mutex);
      if (!result.error) summaries[i] = result.text;
      usage.promptTokens += result.usage.promptTokens;
      usage.completionTokens += result.usage.completionTokens;
      usage.estimated = usage.estimated || result.usage.estimated;
      std::size_t finished = ++done;
      env.progress("summarized " + std::to_string(finished) + "/" + std::to_string(parts.size()),
                   static_cast<int>(finished * 100 / parts.size()));
    }
  };
  std::vector<std::thread> threads;
  for (int t = 1; t < kMapConcurrency && static_cast<std::size_t>(t) < parts.size(); ++t)
    threads.emplace_back(work);
  work();
  for (std::thread& thread : threads) thread.join();
  return summaries;
}

// The parts' summaries under their titles, for the combining request; failed parts are left out
// (the outline still covers them).
std::string mappedSummaries(const CommandEnv& env, const std::vector<Part>& parts,
                            const std::string& what, llm::Usage& usage) {
  std::vector<std::string> summaries = mapParts(env, parts, what, usage);
  std::string body;
  for (std::size_t i = 0; i < parts.size(); ++i)
    if (!summaries[i].empty()) body += "### " + parts[i].title + "\n" + summaries[i] + "\n\n";
  return body;
}

// A large file cut at chunk boundaries into parts of at most `partTokens`.
std::vector<Part> chunkParts(const CommandEnv& env, const std::string& path, int partTokens) {
  std::vector<Part> parts;
  auto chunks = env.index.chunksOfFile(path);
  if (!chunks) return parts;
  Part current;
  std::uint32_t first = 0, last = 0;
  auto flush = [&] {
    if (current.text.empty()) return;
    current.title = location(path, env.root(), first, last);
    parts.push_back(std::move(current));
    current = {};
  };
  for (const indexer::ChunkRow& row : *chunks) {
    if (row.chunk.kind == indexer::ChunkKind::Outline) continue;
    std::string text = truncateForPrompt(row.text, partTokens);
    if (!current.text.empty() && llm::estimateTokens(current.text + text) > partTokens) flush();
    if (current.text.empty()) first = row.chunk.startLine;
    last = row.chunk.endLine;
    current.text += text;
  }
  flush();
  return parts;
}

// The largest indexed files under the folder that have code, up to kMaxMappedFiles, by path.
std::vector<std::string> filesToMap(const CommandEnv& env, const std::vector<std::string>& files) {
  std::vector<std::pair<std::int64_t, std::string>> sized;
  for (const std::string& path : files) {
    auto stamp = env.index.fileStamp(path);
    if (stamp && *stamp && (*stamp)->size > 0) sized.emplace_back((*stamp)->size, path);
  }
  std::stable_sort(sized.begin(), sized.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<std::string> chosen;
  for (const auto& [size, path] : sized) {
    if (chosen.size() == kMaxMappedFiles) break;
    if (!fenceLanguage(path).empty()) chosen.push_back(path);
  }
  std::sort(chosen.begin(), chosen.end());
  return chosen;
}

std::string reduceInstructions(const std::string& what, const SummarizeRequest& request) {
  return "Summarize " + what +
         " for a developer who is new to it: what it does, how it is organised (the main "
         "parts and how they depend on each other), the key types and functions, and anything "
         "notable (error handling, concurrency, external dependencies). Use headings and short "
         "lists; cite path:line where useful." +
         focus(request) + "\n";
}

CommandOutcome finish(const CommandEnv& env, llm::ChatRequest request, llm::Usage mapped,
                      std::string title) {
  auto started = std::chrono::steady_clock::now();
  CommandOutcome outcome;
  outcome.title = std::move(title);
  outcome.result = env.chat(request);
  outcome.result.usage.promptTokens += mapped.promptTokens;
  outcome.result.usage.completionTokens += mapped.completionTokens;
  outcome.result.usage.estimated = outcome.result.usage.estimated || mapped.estimated;
  outcome.result.total =
      std::max(outcome.result.total, std::chrono::duration_cast<std::chrono::milliseconds>(
                                         std::chrono::steady_clock::now() - started));
  return outcome;
}

CommandResult<CommandOutcome> summarizeFile(const CommandEnv& env,
                                            const SummarizeRequest& request) {
  auto outline = outlineFile(env.index, request.path);
  if (!outline) return gloss::unexpected(outline.error());
  std::string rel = relativeTo(request.path, env.root());
  std::string outlineText = renderFileOutline(*outline, env.root());
  llm::ChatRequest chat;
  chat.task = "summarize " + rel;
  chat.system = systemPrompt();
  chat.offlineAnswer = outlineText;
  llm::Usage mapped;
  if (!env.provider.isOffline()) {
    std::string text = env.text(request.path).value_or("");
    int budget = env.provider.promptBudget() - llm::estimateTokens(outlineText) - 400;
    std::string body;
    if (llm::estimateTokens(text) <= budget) {
      body = codeBlock(fenceLanguage(request.path), text);
    } else {
      int partTokens = std::clamp(budget / 2, 256, kMaxPartTokens);
      std::vector<Part> parts = chunkParts(env, request.path, partTokens);
      body = mappedSummaries(env, parts, inlineCode(rel), mapped);
      body = truncateForPrompt(body, std::max(256, budget));
    }
    chat.messages.push_back({"user", reduceInstructions("the file " + inlineCode(rel), request) +
                                         "\n## Outline\n" + outlineText + "\n## Content\n" + body});
  }
  return finish(env, std::move(chat), mapped, "Summary of " + rel);
}

CommandResult<CommandOutcome> summarizeFolder(const CommandEnv& env,
                                              const SummarizeRequest& request) {
  auto outline = outlineFolder(env, request.path, kMaxOutlinedFiles);
  if (!outline) return gloss::unexpected(outline.error());
  if (outline->files == 0)
    return gloss::unexpected(notFound("no indexed files under " + request.path));
  bool workspace = std::find(env.roots.begin(), env.roots.end(), request.path) != env.roots.end();
  std::string rel = relativeTo(request.path, env.root());
  std::string what = workspace ? "the workspace" : "the folder " + inlineCode(rel);
  llm::ChatRequest chat;
  chat.task = "summarize " + (workspace ? std::string("workspace") : rel);
  chat.system = systemPrompt();
  chat.offlineAnswer = outline->markdown;
  llm::Usage mapped;
  if (!env.provider.isOffline()) {
    auto files = filesUnder(env.index, request.path);
    if (!files) return gloss::unexpected(files.error());
    std::vector<Part> parts;
    int budget = env.provider.promptBudget();
    int perFile = std::clamp(budget / 3, 256, kMaxPartTokens);
    int total = llm::estimateTokens(outline->markdown);
    for (const std::string& path : filesToMap(env, *files)) {
      parts.push_back({relativeTo(path, env.root()), env.text(path).value_or("")});
      total += llm::estimateTokens(parts.back().text);
    }
    std::string body;
    std::string heading = "\n## Files\n";
    if (total <= budget * 2 / 3 && files->size() <= kMaxMappedFiles) {
      // Everything fits: one request sees the code itself.
      for (const Part& part : parts)
        body += "### " + part.title + "\n" + codeBlock(fenceLanguage(part.title), part.text);
    } else {
      for (Part& part : parts) part.text = truncateForPrompt(part.text, perFile);
      body = mappedSummaries(env, parts, what, mapped);
      heading = "\n## File summaries\n";
    }
    int half = std::max(256, budget / 2 - 400);
    chat.messages.push_back({"user", reduceInstructions(what, request) + "\n## Outline\n" +
                                         truncateForPrompt(outline->markdown, half) + heading +
                                         truncateForPrompt(body, half)});
  }
  return finish(env, std::move(chat), mapped,
                workspace ? std::string("Summary of the workspace") : "Summary of " + rel);
}

}  // namespace

CommandResult<CommandOutcome> runSummarize(const CommandEnv& env, const SummarizeRequest& request) {
  std::error_code error;
  if (std::filesystem::is_directory(request.path, error)) return summarizeFolder(env, request);
  auto stamp = env.index.fileStamp(request.path);
  if (!stamp)
    return gloss::unexpected(CommandError{CommandError::Kind::Database, stamp.error().message});
  if (!*stamp) {
    bool exists = std::filesystem::exists(request.path, error);
    return gloss::unexpected(
        notFound(exists ? request.path + " is not indexed (ignored, hidden or excluded)"
                        : "no such file or folder: " + request.path));
  }
  return summarizeFile(env, request);
}

}  // namespace gloss::commands
