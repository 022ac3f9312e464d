// A process-wide limit on provider requests in flight (setting `maxConcurrentLlmRequests`), so
// that a burst of chats cannot open dozens of connections to a rate-limited or local model
// server. Requests beyond the limit wait their turn in arrival order, stay cancellable while
// they wait, and can tell their client that they are waiting. SlottedProvider puts any provider
// behind the limit and caps its prompt budget (setting `maxPromptTokens`).
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>

#include "commands/llm/Provider.h"

namespace gloss::llm {

// Told once, when a request has to wait, how many requests hold a slot.
using SlotWaitSink = std::function<void(std::size_t inFlight)>;

class RequestSlots {
 public:
  explicit RequestSlots(std::size_t capacity) : capacity_(capacity ? capacity : 1) {}

  // A larger capacity lets waiting requests go at once; a smaller one lets running ones finish.
  void setCapacity(std::size_t capacity);
  // Takes a slot, waiting while `cancelled` (may be empty) says no; false when cancelled first.
  bool acquire(const CancelCheck& cancelled, const SlotWaitSink& onWait);
  void release();

  struct Usage {
    std::size_t capacity = 0;
    std::size_t inFlight = 0;
    std::size_t waiting = 0;
  };
  Usage usage() const;

 private:
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::size_t capacity_;
  std::size_t inFlight_ = 0;
  std::deque<std::uint64_t> queue_;  // tickets of waiting requests, oldest first
  std::uint64_t nextTicket_ = 0;
};

// `inner` behind `slots`, with the prompt budget of `config` (see withPromptCap). The offline
// provider never leaves the machine and takes no slot.
class SlottedProvider : public Provider {
 public:
  SlottedProvider(ProviderConfig config, std::shared_ptr<const Provider> inner,
                  std::shared_ptr<RequestSlots> slots, SlotWaitSink onWait = {});

  ChatResult chat(const ChatRequest& request, const DeltaSink& onDelta,
                  const CancelCheck& cancelled) const override;
  Health checkHealth(const CancelCheck& cancelled) const override;

 private:
  std::shared_ptr<const Provider> inner_;
  std::shared_ptr<RequestSlots> slots_;
  SlotWaitSink onWait_;
};

}  // namespace gloss::llm
