// Progress reporting, usable by every long command:
// - WorkDoneProgress: a small state machine (create -> begin -> report* -> end) on a token the
//   client sent (`workDoneToken`) or one the server creates with `window/workDoneProgress/create`
//   when the client supports it; it goes quiet if the client refuses.
// - PartialResults: `$/progress` values on the client's `partialResultToken`.
#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "server/Client.h"

namespace gloss::server {

class WorkDoneProgress : public std::enable_shared_from_this<WorkDoneProgress> {
 public:
  // `clientToken` is the request's workDoneToken, if any; without one a token is created only
  // when `canCreate` (the client announced window.workDoneProgress).
  static std::shared_ptr<WorkDoneProgress> begin(Client& client,
                                                 std::optional<json::value> clientToken,
                                                 bool canCreate, std::string title,
                                                 bool cancellable = false);
  // Reports are throttled; the end always goes out (once the token is ready).
  void report(const std::string& message, std::optional<int> percent = std::nullopt);
  void end(const std::string& message = {});
  bool active() const;

  WorkDoneProgress(Client& client, std::string title, bool cancellable)
      : client_(client), title_(std::move(title)), cancellable_(cancellable) {}

 private:
  enum class State { Creating, Ready, Refused, Ended };
  void onCreated(bool ok);
  void sendLocked(json::object value);
  void flushLocked();

  Client& client_;
  std::string title_;
  bool cancellable_;
  mutable std::mutex mutex_;
  State state_ = State::Creating;
  json::value token_;
  std::optional<json::object> pendingReport_;
  std::optional<std::string> pendingEnd_;
  std::chrono::steady_clock::time_point lastReport_{};
  std::optional<int> lastPercent_;
};

class PartialResults {
 public:
  PartialResults(Client& client, std::optional<json::value> token)
      : client_(client), token_(std::move(token)) {}
  bool active() const { return token_.has_value(); }
  // Sends one partial result; does nothing without a token.
  void send(json::value value);

 private:
  Client& client_;
  std::optional<json::value> token_;
};

}  // namespace gloss::server
