// Anthropic's Messages API (`POST {base}/v1/messages` with `stream: true`), whose stream names
// its events: message_start (model, input tokens), content_block_delta (text), message_delta
// (stop reason, output tokens), message_stop, ping, error.
#pragma once

#include "commands/llm/HttpProvider.h"

namespace gloss::llm {

class AnthropicProvider final : public HttpProvider {
 public:
  using HttpProvider::HttpProvider;

 protected:
  HttpRequest chatRequest(const ChatRequest& request) const override;
  HttpRequest healthRequest() const override;
  void applyEvent(const SseEvent& event, AnswerBuilder& answer) const override;
  void applyJsonBody(const boost::json::value& body, AnswerBuilder& answer) const override;

 private:
  HeaderList requestHeaders() const;
};

}  // namespace gloss::llm
