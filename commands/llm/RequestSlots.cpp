#include "commands/llm/RequestSlots.h"

#include <algorithm>
#include <chrono>

namespace gloss::llm {
namespace {

// How often a waiting request looks at its cancellation (the check is a plain callback).
constexpr auto kCancelPoll = std::chrono::milliseconds(20);

}  // namespace

void RequestSlots::setCapacity(std::size_t capacity) {
  {
    std::lock_guard lock(mutex_);
    capacity_ = capacity ? capacity : 1;
  }
  changed_.notify_all();
}

bool RequestSlots::acquire(const CancelCheck& cancelled, const SlotWaitSink& onWait) {
  std::unique_lock lock(mutex_);
  if (queue_.empty() && inFlight_ < capacity_) {
    ++inFlight_;
    return true;
  }
  const std::uint64_t ticket = nextTicket_++;
  queue_.push_back(ticket);
  if (onWait) {
    std::size_t inFlight = inFlight_;
    lock.unlock();
    onWait(inFlight);
    lock.lock();
  }
  while (true) {
    if (queue_.front() == ticket && inFlight_ < capacity_) {
      queue_.pop_front();
      ++inFlight_;
      // The next in line may fit too (the capacity may have grown).
      changed_.notify_all();
      return true;
    }
    if (cancelled && cancelled()) {
      queue_.erase(std::find(queue_.begin(), queue_.end(), ticket));
      changed_.notify_all();
      return false;
    }
    changed_.wait_for(lock, kCancelPoll);
  }
}

void RequestSlots::release() {
  {
    std::lock_guard lock(mutex_);
    if (inFlight_ > 0) --inFlight_;
  }
  changed_.notify_all();
}

RequestSlots::Usage RequestSlots::usage() const {
  std::lock_guard lock(mutex_);
  return {capacity_, inFlight_, queue_.size()};
}

SlottedProvider::SlottedProvider(ProviderConfig config, std::shared_ptr<const Provider> inner,
                                 std::shared_ptr<RequestSlots> slots, SlotWaitSink onWait)
    : Provider(std::move(config)),
      inner_(std::move(inner)),
      slots_(std::move(slots)),
      onWait_(std::move(onWait)) {}

ChatResult SlottedProvider::chat(const ChatRequest& request, const DeltaSink& onDelta,
                                 const CancelCheck& cancelled) const {
  if (inner_->isOffline()) return inner_->chat(request, onDelta, cancelled);
  if (!slots_->acquire(cancelled, onWait_)) {
    ChatResult result;
    result.model = inner_->model();
    result.error = ProviderError{ProviderError::Kind::Cancelled, 0,
                                 "cancelled while waiting for a free request slot"};
    return result;
  }
  struct Release {
    RequestSlots& slots;
    ~Release() { slots.release(); }
  } release{*slots_};
  return inner_->chat(request, onDelta, cancelled);
}

Health SlottedProvider::checkHealth(const CancelCheck& cancelled) const {
  return inner_->checkHealth(cancelled);
}

}  // namespace gloss::llm
