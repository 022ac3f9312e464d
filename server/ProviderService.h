// The server's language-model provider: resolved from the command line, the client's settings
// and the environment (commands/llm/ConfigSources.h gives the order), replaced when settings
// change, and checked for health in the background so that `gloss/status` never waits on the
// network.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "commands/llm/ConfigSources.h"
#include "commands/llm/Provider.h"
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

  std::shared_ptr<const llm::Provider> current() const;
  // Provider, model, limits, configuration (no key) and the last health check.
  json::object status() const;

 private:
  void checkLoop();

  llm::ConfigLayer commandLine_;
  llm::EnvLookup env_;
  std::shared_ptr<const redact::SecretRedactor> redactor_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::shared_ptr<const llm::Provider> provider_;
  std::string configError_;
  std::optional<llm::Health> health_;
  std::uint64_t generation_ = 0;  // bumped per provider; a stale check result is dropped
  std::uint64_t checked_ = 0;
  bool stopping_ = false;
  std::thread checker_;
};

}  // namespace gloss::server
