#include "commands/llm/AnswerBuilder.h"

#include "commands/llm/ModelLimits.h"

namespace gloss::llm {

void AnswerBuilder::appendText(std::string_view text) {
  if (text.empty()) return;
  if (!result_.firstToken)
    result_.firstToken = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - start_);
  result_.text.append(text);
  if (onDelta_) onDelta_(text);
}

void AnswerBuilder::setFinishReason(std::string_view reason) {
  if (reason == "end_turn" || reason == "stop_sequence") {
    result_.finishReason = "stop";
  } else if (reason == "max_tokens") {
    result_.finishReason = "length";
  } else {
    result_.finishReason = reason;
  }
}

void AnswerBuilder::fail(ProviderError error) {
  if (!result_.error) result_.error = std::move(error);
}

ChatResult AnswerBuilder::finish(const ChatRequest& request, std::string_view configuredModel) && {
  if (result_.model.empty()) result_.model = configuredModel;
  result_.usage.promptTokens = promptTokens_.value_or(estimatePromptTokens(request));
  result_.usage.completionTokens = completionTokens_.value_or(estimateTokens(result_.text));
  result_.usage.estimated = !promptTokens_ || !completionTokens_;
  if (result_.error) result_.complete = false;
  result_.total = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - start_);
  return std::move(result_);
}

}  // namespace gloss::llm
