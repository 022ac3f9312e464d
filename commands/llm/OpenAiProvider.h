// Chat completions in the OpenAI format (`POST {base}/chat/completions` with `stream: true`),
// spoken by OpenAI, Azure OpenAI (deployment URL, `api-key` header, `api-version`), OpenRouter,
// Ollama's /v1, llama.cpp's server, vLLM and LM Studio; the kind only changes defaults.
#pragma once

#include "commands/llm/HttpProvider.h"

namespace gloss::llm {

class OpenAiProvider final : public HttpProvider {
 public:
  using HttpProvider::HttpProvider;

 protected:
  HttpRequest chatRequest(const ChatRequest& request) const override;
  HttpRequest healthRequest() const override;
  void applyEvent(const SseEvent& event, AnswerBuilder& answer) const override;
  void applyJsonBody(const boost::json::value& body, AnswerBuilder& answer) const override;

 private:
  HeaderList requestHeaders() const;
  boost::json::object requestBody(const ChatRequest& request) const;
  // Reads one chunk (streamed) or a whole completion; both carry model, choices and usage.
  void applyCompletion(const boost::json::value& completion, std::string_view choicePart,
                       AnswerBuilder& answer) const;
};

}  // namespace gloss::llm
