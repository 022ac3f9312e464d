// What the OpenAI-compatible and Anthropic providers share: one streamed HTTP exchange per
// attempt, retries with backoff before the first token only, timeouts, cancellation, error
// sentences without the key, and the health check. Subclasses say how requests are built and
// how responses read.
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>

#include "commands/llm/ChatAttempt.h"
#include "commands/llm/HttpStream.h"
#include "commands/llm/Provider.h"

namespace gloss::llm {

class HttpProvider : public Provider, protected ResponseDecoder {
 public:
  using Provider::Provider;

  ChatResult chat(const ChatRequest& request, const DeltaSink& onDelta,
                  const CancelCheck& cancelled) const final;
  Health checkHealth(const CancelCheck& cancelled) const final;

 protected:
  virtual HttpRequest chatRequest(const ChatRequest& request) const = 0;
  virtual HttpRequest healthRequest() const = 0;

  // "the openai provider at https://api.openai.com/v1", for messages.
  std::string where() const;
  // A protocol error naming this provider.
  ProviderError protocolError(const std::string& problem) const;
  // An error the provider reported in a stream or a JSON body.
  ProviderError reportedError(std::string_view providerMessage) const;
  // `defaults` plus the configured extra headers, which replace defaults of the same name.
  HeaderList withExtraHeaders(HeaderList defaults) const;

 private:
  struct Verdict {
    std::optional<ProviderError> error = std::nullopt;
    bool retryable = false;
    std::optional<std::chrono::milliseconds> retryAfter = std::nullopt;
  };
  Verdict judge(const HttpOutcome& outcome, const ChatAttempt& attempt,
                const AnswerBuilder& answer) const;
  // The delay before the next attempt, or nothing when this failure is final.
  std::optional<std::chrono::milliseconds> nextDelay(Verdict& verdict, int attempt,
                                                     const AnswerBuilder& answer,
                                                     double unitRandom) const;
};

}  // namespace gloss::llm
