#include "commands/llm/OfflineProvider.h"

#include <algorithm>
#include <vector>

#include "commands/Markdown.h"
#include "commands/llm/AnswerBuilder.h"

namespace gloss::llm {

namespace {

constexpr std::size_t kMostPieces = 12;
constexpr std::size_t kLinesPerPiece = 8;
constexpr std::size_t kLongestLine = 160;

std::string heading(const ChatRequest& request) {
  std::string text(kOfflineHeading);
  text +=
      " (set GLOSS_PROVIDER, the llm.provider setting or --provider to openai, anthropic, "
      "ollama, ...; see docs/llm.md). This answer comes from the index only.\n";
  if (!request.task.empty()) text += "\nTask: " + request.task + "\n";
  // A command's own answer says what it answers; its prompt's first line is not a question.
  if (!request.offlineAnswer.empty()) return text;
  for (auto m = request.messages.rbegin(); m != request.messages.rend(); ++m) {
    if (m->role != "user") continue;
    std::string question = m->content.substr(0, m->content.find('\n'));
    if (!question.empty()) text += "Question: " + question + "\n";
    break;
  }
  return text;
}

std::string leadingLines(std::string_view text) {
  std::string out;
  std::size_t lines = 0;
  while (!text.empty() && lines < kLinesPerPiece) {
    std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    if (line.size() > kLongestLine) line = line.substr(0, kLongestLine);
    out.append(line);
    out += '\n';
    ++lines;
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
  }
  if (!text.empty()) out += "...\n";
  return out;
}

std::string pieceText(std::size_t number, const ContextPiece& piece) {
  std::string lines = leadingLines(piece.text);
  std::string fence = commands::fenceFor(lines);
  return "\n" + std::to_string(number) + ". " + piece.title + "\n" + fence + "\n" + lines + fence +
         "\n";
}

// Streams a prepared answer a paragraph at a time, as a model would deliver it.
void appendParagraphs(std::string_view text, std::vector<std::string>& deltas) {
  deltas.emplace_back("\n");
  while (!text.empty()) {
    std::size_t end = text.find("\n\n");
    end = end == std::string_view::npos ? text.size() : end + 2;
    deltas.emplace_back(text.substr(0, end));
    text.remove_prefix(end);
  }
}

}  // namespace

ChatResult OfflineProvider::chat(const ChatRequest& request, const DeltaSink& onDelta,
                                 const CancelCheck& cancelled) const {
  AnswerBuilder answer(onDelta, std::chrono::steady_clock::now());
  answer.setModel("offline");
  std::vector<std::string> deltas{heading(request)};
  if (!request.offlineAnswer.empty()) {
    appendParagraphs(request.offlineAnswer, deltas);
  } else if (request.context.empty()) {
    deltas.push_back("\nThe index supplied no code for this request.\n");
  } else {
    deltas.push_back("\nFrom the index:\n");
    std::size_t shown = std::min(kMostPieces, request.context.size());
    for (std::size_t i = 0; i < shown; ++i) deltas.push_back(pieceText(i + 1, request.context[i]));
    if (request.context.size() > shown)
      deltas.push_back("\n(" + std::to_string(request.context.size() - shown) +
                       " more not shown)\n");
  }
  for (const std::string& delta : deltas) {
    if (cancelled && cancelled()) {
      answer.fail({ProviderError::Kind::Cancelled, 0, "The request was cancelled."});
      break;
    }
    answer.appendText(delta);
  }
  if (!answer.failed()) {
    answer.setFinishReason("stop");
    answer.markComplete();
  }
  return std::move(answer).finish(request, "offline");
}

Health OfflineProvider::checkHealth(const CancelCheck&) const {
  return {true, "Offline: answers come from the index; no network is used.",
          std::chrono::milliseconds(0)};
}

}  // namespace gloss::llm
