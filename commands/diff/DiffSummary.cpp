#include "commands/diff/DiffSummary.h"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>

#include "commands/Markdown.h"
#include "commands/Prompts.h"
#include "commands/chat/ChatHistory.h"
#include "commands/llm/ModelLimits.h"

namespace gloss::commands::diff {

namespace {

constexpr int kMapConcurrency = 2;
constexpr int kMapAnswerTokens = 300;
constexpr int kMaxPartTokens = 6000;

std::string hunksOf(const FileDiff& diff) {
  std::string out;
  for (const DiffHunk& hunk : diff.hunks) out += hunk.text;
  return out;
}

// The files worth a request: those with changed lines, most changed first, then by path.
std::vector<const FileChange*> filesToMap(const ChangeSet& changes) {
  std::vector<const FileChange*> files;
  for (const FileChange& f : changes.files)
    if (!f.diff.hunks.empty()) files.push_back(&f);
  std::stable_sort(files.begin(), files.end(), [](const FileChange* a, const FileChange* b) {
    return a->diff.added + a->diff.removed > b->diff.added + b->diff.removed;
  });
  if (files.size() > kMaxSummarizedFiles) files.resize(kMaxSummarizedFiles);
  return files;
}

class Summarizer {
 public:
  Summarizer(const llm::Provider& provider, const SummaryCallbacks& callbacks, ChangeSummary& out)
      : provider_(provider), callbacks_(callbacks), out_(out) {}

  // False when a request failed: the caller falls back to the structural summary.
  bool mapFiles(const ChangeSet& changes, const std::string& label) {
    std::vector<const FileChange*> files = filesToMap(changes);
    int partTokens = std::clamp(provider_.promptBudget() / 2, 256, kMaxPartTokens);
    std::atomic<std::size_t> next{0}, done{0};
    auto work = [&] {
      for (std::size_t i = next++; i < files.size() && !failed_ && !cancelled(); i = next++) {
        const FileChange& file = *files[i];
        llm::ChatRequest request;
        request.task = "summarize the change to " + file.diff.path();
        request.system = systemPrompt();
        request.maxOutputTokens = kMapAnswerTokens;
        request.messages.push_back(
            {"user", "Summarize the change to " + inlineCode(file.diff.path()) + " (part of " +
                         label +
                         ") in 1 to 3 sentences: what behaviour changes and why it matters. "
                         "Name functions and types exactly. These facts were computed from the "
                         "code and are reliable:\n\n" +
                         promptFacts(changes, file) + "\n" +
                         codeBlock("diff", truncateForPrompt(hunksOf(file.diff), partTokens))});
        llm::ChatResult result = ask(request);
        std::lock_guard lock(mutex_);
        if (result.error) {
          if (!out_.error) out_.error = result.error;
          failed_ = true;
        } else {
          out_.fileSummaries[file.diff.path()] = result.text;
        }
        report("summarized " + std::to_string(++done) + "/" + std::to_string(files.size()) +
               " files");
      }
    };
    std::vector<std::thread> threads;
    for (int t = 1; t < kMapConcurrency && static_cast<std::size_t>(t) < files.size(); ++t)
      threads.emplace_back(work);
    work();
    for (std::thread& thread : threads) thread.join();
    return !failed_ && !cancelled();
  }

  bool reduce(const ChangeSet& changes, const std::vector<RiskNote>& risks,
              const std::string& label) {
    int budget = std::max(512, provider_.promptBudget() - 600);
    std::string facts = structuralSummary(changes, risks);
    for (const RiskNote& note : risks)
      facts += "- risk (" + std::string(toString(note.kind)) + "): " + note.subject + " in " +
               note.path + ": " + note.detail + "\n";
    std::string summaries;
    for (const auto& [path, text] : out_.fileSummaries)
      summaries += "### " + path + "\n" + text + "\n\n";
    llm::ChatRequest request;
    request.task = "summarize the change " + label;
    request.system = systemPrompt();
    request.messages.push_back(
        {"user", "Write the summary of the change " + label +
                     " for a pull-request comment: one short paragraph on what it does and "
                     "why, then up to 6 bullets on the notable changes, then anything a "
                     "reviewer should check. Markdown, no headings, no tables. Do not invent "
                     "changes that are not listed.\n\n## Facts computed from the code\n" +
                     truncateForPrompt(facts, budget / 2) + "\n## Per-file summaries\n" +
                     truncateForPrompt(summaries, budget / 2)});
    report("writing the summary");
    llm::ChatResult result = ask(request);
    if (result.error) {
      out_.error = result.error;
      return false;
    }
    out_.text = result.text;
    out_.model = result.model;
    return !cancelled();
  }

 private:
  bool cancelled() const { return callbacks_.cancelled && callbacks_.cancelled(); }
  void report(const std::string& message) const {
    if (callbacks_.progress) callbacks_.progress(message);
  }
  llm::ChatResult ask(const llm::ChatRequest& request) {
    llm::ChatResult result = provider_.chat(
        request, [](std::string_view) {}, [this] { return cancelled(); });
    std::lock_guard lock(usageMutex_);
    ++out_.requests;
    out_.usage.promptTokens += result.usage.promptTokens;
    out_.usage.completionTokens += result.usage.completionTokens;
    out_.usage.estimated = out_.usage.estimated || result.usage.estimated;
    return result;
  }

  const llm::Provider& provider_;
  const SummaryCallbacks& callbacks_;
  ChangeSummary& out_;
  std::mutex mutex_, usageMutex_;
  std::atomic<bool> failed_{false};
};

}  // namespace

ChangeSummary summarizeChanges(const llm::Provider& provider, const ChangeSet& changes,
                               const std::vector<RiskNote>& risks, const std::string& label,
                               const SummaryCallbacks& callbacks) {
  ChangeSummary out;
  if (!provider.isOffline() && !changes.files.empty()) {
    Summarizer summarizer(provider, callbacks, out);
    if (summarizer.mapFiles(changes, label) && summarizer.reduce(changes, risks, label)) {
      out.fromModel = true;
      return out;
    }
    out.fileSummaries.clear();
    if (!out.error && callbacks.cancelled && callbacks.cancelled())
      out.error =
          llm::ProviderError{llm::ProviderError::Kind::Cancelled, 0, "The request was cancelled."};
  }
  out.text = structuralSummary(changes, risks);
  return out;
}

}  // namespace gloss::commands::diff
