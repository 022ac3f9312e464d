// Collects one attempt's answer while a provider's events arrive, passing text on at once.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "commands/llm/ChatTypes.h"

namespace gloss::llm {

class AnswerBuilder {
 public:
  // `start` is when the chat began (before any retry), for the first-token figure.
  AnswerBuilder(const DeltaSink& onDelta, std::chrono::steady_clock::time_point start)
      : onDelta_(onDelta), start_(start) {}

  void appendText(std::string_view text);
  void setModel(std::string_view model) { result_.model = model; }
  // Normalises the provider's word: "end_turn" and "stop_sequence" become "stop", "max_tokens"
  // becomes "length"; others are kept.
  void setFinishReason(std::string_view reason);
  void setPromptTokens(int tokens) { promptTokens_ = tokens; }
  void setCompletionTokens(int tokens) { completionTokens_ = tokens; }
  void markComplete() { result_.complete = true; }
  // The protocol's own end marker (`[DONE]`, `message_stop`): nothing more will come, so the
  // transfer can stop even if the server keeps the connection open.
  void markStreamEnd() {
    result_.complete = true;
    streamEnded_ = true;
  }
  // The first failure wins; the transfer stops soon after.
  void fail(ProviderError error);

  bool hasText() const { return !result_.text.empty(); }
  bool isComplete() const { return result_.complete; }
  bool failed() const { return result_.error.has_value(); }
  bool streamEnded() const { return streamEnded_; }
  std::size_t textSize() const { return result_.text.size(); }

  // The result, with usage estimated where the provider reported none.
  ChatResult finish(const ChatRequest& request, std::string_view configuredModel) &&;

 private:
  const DeltaSink& onDelta_;
  std::chrono::steady_clock::time_point start_;
  ChatResult result_;
  std::optional<int> promptTokens_, completionTokens_;
  bool streamEnded_ = false;
};

}  // namespace gloss::llm
