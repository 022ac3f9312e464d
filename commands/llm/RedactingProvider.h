// Wraps a network provider so that nothing it sends can carry a secret: the system prompt,
// every message and every context piece go through the SecretRedactor first, and the result
// says what was taken out (kinds and counts, never the text). The offline provider is never
// wrapped: its text does not leave the machine.
#pragma once

#include <memory>

#include "commands/llm/Provider.h"
#include "commands/redact/SecretRedactor.h"

namespace gloss::llm {

class RedactingProvider : public Provider {
 public:
  RedactingProvider(const ProviderConfig& config, std::unique_ptr<Provider> inner,
                    std::shared_ptr<const redact::SecretRedactor> redactor);

  ChatResult chat(const ChatRequest& request, const DeltaSink& onDelta,
                  const CancelCheck& cancelled) const override;
  Health checkHealth(const CancelCheck& cancelled) const override;

 private:
  std::unique_ptr<Provider> inner_;
  std::shared_ptr<const redact::SecretRedactor> redactor_;
};

// makeProvider, with network providers wrapped in a RedactingProvider.
std::unique_ptr<Provider> makeRedactedProvider(
    const ProviderConfig& config, std::shared_ptr<const redact::SecretRedactor> redactor);

}  // namespace gloss::llm
