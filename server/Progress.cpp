#include "server/Progress.h"

#include <algorithm>

namespace gloss::server {
namespace {
constexpr auto kReportInterval = std::chrono::milliseconds(100);
}  // namespace

std::shared_ptr<WorkDoneProgress> WorkDoneProgress::begin(Client& client,
                                                          std::optional<json::value> clientToken,
                                                          bool canCreate, std::string title,
                                                          bool cancellable) {
  auto progress = std::make_shared<WorkDoneProgress>(client, std::move(title), cancellable);
  if (clientToken) {
    progress->token_ = *clientToken;
    progress->onCreated(true);
  } else if (canCreate) {
    progress->token_ = client.newProgressToken();
    // The callback keeps the progress alive: work that ends before the editor answers still
    // sends its begin and end once the token exists.
    client.call("window/workDoneProgress/create", json::object{{"token", progress->token_}},
                [progress](gloss::Expected<json::value, protocol::RpcError> reply) {
                  progress->onCreated(reply.ok());
                });
  } else {
    progress->onCreated(false);
  }
  return progress;
}

void WorkDoneProgress::onCreated(bool ok) {
  std::lock_guard lock(mutex_);
  if (!ok) {
    state_ = State::Refused;
    return;
  }
  state_ = State::Ready;
  sendLocked(json::object{{"kind", "begin"}, {"title", title_}, {"cancellable", cancellable_}});
  flushLocked();
}

void WorkDoneProgress::flushLocked() {
  if (pendingReport_) {
    sendLocked(std::move(*pendingReport_));
    pendingReport_.reset();
  }
  if (pendingEnd_) {
    json::object value{{"kind", "end"}};
    if (!pendingEnd_->empty()) value["message"] = *pendingEnd_;
    sendLocked(std::move(value));
    pendingEnd_.reset();
    state_ = State::Ended;
  }
}

void WorkDoneProgress::sendLocked(json::object value) {
  client_.notify("$/progress", json::object{{"token", token_}, {"value", std::move(value)}});
}

void WorkDoneProgress::report(const std::string& message, std::optional<int> percent) {
  std::lock_guard lock(mutex_);
  if (state_ == State::Refused || state_ == State::Ended || pendingEnd_) return;
  json::object value{{"kind", "report"}, {"message", message}};
  if (percent) value["percentage"] = std::clamp(*percent, 0, 100);
  if (state_ == State::Creating) {
    pendingReport_ = std::move(value);
    return;
  }
  auto now = std::chrono::steady_clock::now();
  bool percentChanged = percent && percent != lastPercent_;
  if (now - lastReport_ < kReportInterval && !percentChanged) return;
  lastReport_ = now;
  lastPercent_ = percent;
  sendLocked(std::move(value));
}

void WorkDoneProgress::end(const std::string& message) {
  std::lock_guard lock(mutex_);
  if (state_ == State::Refused || state_ == State::Ended) return;
  pendingEnd_ = message;
  if (state_ == State::Ready) flushLocked();
}

bool WorkDoneProgress::active() const {
  std::lock_guard lock(mutex_);
  return state_ == State::Creating || state_ == State::Ready;
}

void PartialResults::send(json::value value) {
  if (!token_) return;
  client_.notify("$/progress", json::object{{"token", *token_}, {"value", std::move(value)}});
}

}  // namespace gloss::server
