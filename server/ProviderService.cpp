#include "server/ProviderService.h"

#include "commands/llm/ModelLimits.h"
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
  llm::ProviderConfig resolved;
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
      resolved = *config;
    }
  }
  std::lock_guard lock(mutex_);
  configError_ = error.value_or("");
  if (!provider && !inner_) {
    // Nothing usable yet: the offline provider always works.
    auto offline = llm::resolveProviderConfig(
        {}, [](std::string_view) { return std::optional<std::string>(); });
    if (offline) {
      provider = llm::makeProvider(*offline);
      resolved = *offline;
    }
  }
  if (provider) {
    inner_ = std::move(provider);
    config_ = std::move(resolved);
    wrapLocked();
    health_.reset();
    ++generation_;
    wake_.notify_all();
  }
  return error;
}

void ProviderService::setLimits(std::size_t maxConcurrentRequests, int maxPromptTokens) {
  slots_->setCapacity(maxConcurrentRequests);
  std::lock_guard lock(mutex_);
  if (maxPromptTokens == maxPromptTokens_) return;
  maxPromptTokens_ = maxPromptTokens;
  if (inner_) wrapLocked();
}

void ProviderService::wrapLocked() {
  provider_ = std::make_shared<llm::SlottedProvider>(llm::withPromptCap(config_, maxPromptTokens_),
                                                     inner_, slots_);
}

std::shared_ptr<const llm::Provider> ProviderService::current() const {
  std::lock_guard lock(mutex_);
  return provider_;
}

std::shared_ptr<const llm::Provider> ProviderService::forRequest(llm::SlotWaitSink onWait) const {
  std::lock_guard lock(mutex_);
  return std::make_shared<llm::SlottedProvider>(llm::withPromptCap(config_, maxPromptTokens_),
                                                inner_, slots_, std::move(onWait));
}

void ProviderService::checkLoop() {
  std::unique_lock lock(mutex_);
  while (true) {
    wake_.wait(lock, [&] { return stopping_ || checked_ != generation_; });
    if (stopping_) return;
    std::uint64_t generation = generation_;
    auto provider = inner_;
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
  llm::RequestSlots::Usage slots = slots_->usage();
  json::object out{{"name", inner_->name()},
                   {"model", inner_->model()},
                   {"offline", inner_->isOffline()},
                   {"contextLimit", inner_->contextLimit()},
                   {"promptBudget", provider_->promptBudget()},
                   {"maxPromptTokens", maxPromptTokens_},
                   {"requests", json::object{{"limit", slots.capacity},
                                             {"inFlight", slots.inFlight},
                                             {"waiting", slots.waiting}}},
                   {"config", inner_->describe()}};
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
