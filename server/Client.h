// The server's view of the connected editor: notifications, server-to-client requests with
// their replies, and log messages. Safe to use from any thread.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <mutex>
#include <string>

#include "protocol/LspTypes.h"
#include "protocol/Transport.h"

namespace gloss::server {

namespace json = boost::json;
using ReplyCallback = std::function<void(gloss::Expected<json::value, protocol::RpcError>)>;

enum class LogLevel { Error = 0, Warning = 1, Info = 2, Debug = 3 };
bool parseLogLevel(std::string_view text, LogLevel& out);

class Client {
 public:
  explicit Client(protocol::Transport& transport) : transport_(transport) {}

  void notify(std::string_view method, json::value params);
  // Sends a request to the editor; `onReply` runs on the reader thread when it answers.
  void call(std::string_view method, json::value params, ReplyCallback onReply);
  // Routes a reply from the editor; false when no call with that id is pending.
  bool deliverReply(const protocol::RequestId& id,
                    gloss::Expected<json::value, protocol::RpcError> result);
  // A fresh token for `window/workDoneProgress/create`.
  json::value newProgressToken() {
    return json::value("gloss-progress-" + std::to_string(++nextToken_));
  }
  // Fails every pending call and every later one at once: no answer can arrive any more.
  void abandonCalls();

  // Logs to stderr and, once the session is up, to the editor as `window/logMessage`.
  void log(LogLevel level, const std::string& message);
  void showMessage(protocol::MessageType type, const std::string& message);
  void setLogLevel(LogLevel level) { level_ = level; }
  void setForwardLogs(bool on) { forwardLogs_ = on; }

 private:
  protocol::Transport& transport_;
  std::mutex callsMutex_;
  std::map<std::string, ReplyCallback> pending_;
  bool closed_ = false;
  std::int64_t nextId_ = 1;
  std::atomic<std::int64_t> nextToken_{0};
  std::atomic<LogLevel> level_{LogLevel::Info};
  std::atomic<bool> forwardLogs_{false};
  std::mutex stderrMutex_;
};

}  // namespace gloss::server
