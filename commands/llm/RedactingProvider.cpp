#include "commands/llm/RedactingProvider.h"

namespace gloss::llm {

RedactingProvider::RedactingProvider(const ProviderConfig& config, std::unique_ptr<Provider> inner,
                                     std::shared_ptr<const redact::SecretRedactor> redactor)
    : Provider(config), inner_(std::move(inner)), redactor_(std::move(redactor)) {}

ChatResult RedactingProvider::chat(const ChatRequest& request, const DeltaSink& onDelta,
                                   const CancelCheck& cancelled) const {
  ChatRequest clean = request;
  std::vector<std::string> texts;
  texts.push_back(std::move(clean.system));
  for (auto& message : clean.messages) texts.push_back(std::move(message.content));
  for (auto& piece : clean.context) {
    texts.push_back(std::move(piece.title));
    texts.push_back(std::move(piece.text));
  }
  std::vector<redact::Finding> findings = redactor_->redactInPlace(texts);
  std::size_t next = 0;
  clean.system = std::move(texts[next++]);
  for (auto& message : clean.messages) message.content = std::move(texts[next++]);
  for (auto& piece : clean.context) {
    piece.title = std::move(texts[next++]);
    piece.text = std::move(texts[next++]);
  }
  ChatResult result = inner_->chat(clean, onDelta, cancelled);
  result.redactions = std::move(findings);
  return result;
}

Health RedactingProvider::checkHealth(const CancelCheck& cancelled) const {
  return inner_->checkHealth(cancelled);
}

std::unique_ptr<Provider> makeRedactedProvider(
    const ProviderConfig& config, std::shared_ptr<const redact::SecretRedactor> redactor) {
  std::unique_ptr<Provider> provider = makeProvider(config);
  if (provider->isOffline()) return provider;
  return std::make_unique<RedactingProvider>(config, std::move(provider), std::move(redactor));
}

}  // namespace gloss::llm
