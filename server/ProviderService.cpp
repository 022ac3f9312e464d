#include "server/ProviderService.h"

#include "commands/llm/RedactingProvider.h"

namespace gloss::server {

ProviderService::ProviderService(llm::ConfigLayer commandLine, llm::EnvLookup env)
    : commandLine_(std::move(commandLine)),
      env_(std::move(env)),
      redactor_(std::make_shared<const redact::SecretRedactor>()) {
  configure(json::object());
  checker_ = std::thread([this] { checkLoop(); });
}

ProviderService::~ProviderService() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  checker_.join();
}

std::optional<std::string> ProviderService::configure(const json::value& settings) {
  auto fromSettings = llm::layerFromSettings(settings);
  auto fromEnvironment = llm::layerFromEnvironment(env_);
  std::optional<std::string> error;
  std::shared_ptr<const llm::Provider> provider;
  if (!fromSettings) {
    error = fromSettings.error();
  } else if (!fromEnvironment) {
    error = fromEnvironment.error();
  } else {
    auto config = llm::resolveProviderConfig({commandLine_, *fromSettings, *fromEnvironment}, env_);
    if (!config) {
      error = config.error();
    } else {
      provider = llm::makeRedactedProvider(*config, redactor_);
    }
  }
  std::lock_guard lock(mutex_);
  configError_ = error.value_or("");
  if (!provider && !provider_) {
    // Nothing usable yet: the offline provider always works.
    auto offline = llm::resolveProviderConfig(
        {}, [](std::string_view) { return std::optional<std::string>(); });
    if (offline) provider = llm::makeProvider(*offline);
  }
  if (provider) {
    provider_ = std::move(provider);
    health_.reset();
    ++generation_;
    wake_.notify_all();
  }
  return error;
}

std::shared_ptr<const llm::Provider> ProviderService::current() const {
  std::lock_guard lock(mutex_);
  return provider_;
}

void ProviderService::checkLoop() {
  std::unique_lock lock(mutex_);
  while (true) {
    wake_.wait(lock, [&] { return stopping_ || checked_ != generation_; });
    if (stopping_) return;
    std::uint64_t generation = generation_;
    auto provider = provider_;
    lock.unlock();
    llm::Health health = provider->checkHealth([&] {
      std::lock_guard inner(mutex_);
      return stopping_ || generation != generation_;
    });
    lock.lock();
    checked_ = generation;
    if (generation == generation_) health_ = std::move(health);
  }
}

json::object ProviderService::status() const {
  std::lock_guard lock(mutex_);
  json::object out{{"name", provider_->name()},
                   {"model", provider_->model()},
                   {"offline", provider_->isOffline()},
                   {"contextLimit", provider_->contextLimit()},
                   {"promptBudget", provider_->promptBudget()},
                   {"config", provider_->describe()}};
  if (health_) {
    out["health"] = json::object{{"ok", health_->ok},
                                 {"message", health_->message},
                                 {"latencyMs", health_->latency.count()}};
  } else {
    out["health"] = json::object{{"ok", nullptr}, {"message", "checking"}};
  }
  if (!configError_.empty()) out["configError"] = configError_;
  return out;
}

}  // namespace gloss::server
