// The server's language-model provider: resolved from the command line, the client's settings
// and the environment (commands/llm/ConfigSources.h gives the order), replaced when settings
// change, and checked for health in the background so that `gloss/status` never waits on the
// network. Every provider it hands out sits behind one process-wide RequestSlots limit and
// the prompt cap (settings `maxConcurrentLlmRequests`, `maxPromptTokens`).
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "commands/llm/ConfigSources.h"
#include "commands/llm/Provider.h"
#include "commands/llm/RequestSlots.h"
#include "commands/redact/SecretRedactor.h"

namespace gloss::server {

namespace json = boost::json;

class ProviderService {
 public:
  ProviderService(llm::ConfigLayer commandLine, llm::EnvLookup env);
  ~ProviderService();
  ProviderService(const ProviderService&) = delete;
  ProviderService& operator=(const ProviderService&) = delete;

  // Resolves again with these settings (the whole effective settings object). On a bad
  // configuration the previous provider stays and the error is returned (and shown in status).
  std::optional<std::string> configure(const json::value& settings);

  // The limits every provider handed out works within; takes effect at once.
  void setLimits(std::size_t maxConcurrentRequests, int maxPromptTokens);

  std::shared_ptr<const llm::Provider> current() const;
  // The current provider for one request: `onWait` hears when the request waits for a slot.
  std::shared_ptr<const llm::Provider> forRequest(llm::SlotWaitSink onWait) const;
  // Provider, model, limits, configuration (no key) and the last health check.
  json::object status() const;
  // The redactor every outgoing request goes through, for anything else that must not keep a
  // secret (compiling its rules is the costly part of starting a server).
  const redact::SecretRedactor& redactor() const { return *redactor_; }

 private:
  void checkLoop();
  // provider_ rebuilt around inner_ with the current cap; under mutex_.
  void wrapLocked();

  llm::ConfigLayer commandLine_;
  llm::EnvLookup env_;
  std::shared_ptr<const redact::SecretRedactor> redactor_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::shared_ptr<llm::RequestSlots> slots_ = std::make_shared<llm::RequestSlots>(4);
  int maxPromptTokens_ = 32768;
  std::shared_ptr<const llm::Provider> inner_;     // as configured (redacted when it sends)
  llm::ProviderConfig config_;                     // inner_'s configuration
  std::shared_ptr<const llm::Provider> provider_;  // inner_ behind the slots and the cap
  std::string configError_;
  std::optional<llm::Health> health_;
  std::uint64_t generation_ = 0;  // bumped per provider; a stale check result is dropped
  std::uint64_t checked_ = 0;
  bool stopping_ = false;
  std::thread checker_;
};

}  // namespace gloss::server
