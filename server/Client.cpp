#include "server/Client.h"

#include <cstdio>

namespace gloss::server {
namespace {

gloss::Expected<json::value, protocol::RpcError> connectionClosed() {
  return gloss::unexpected(
      protocol::makeError(protocol::ErrorCode::RequestCancelled, "connection closed"));
}

}  // namespace

bool parseLogLevel(std::string_view text, LogLevel& out) {
  static constexpr std::pair<std::string_view, LogLevel> kLevels[] = {
      {"error", LogLevel::Error},
      {"warning", LogLevel::Warning},
      {"info", LogLevel::Info},
      {"debug", LogLevel::Debug}};
  for (const auto& [name, level] : kLevels) {
    if (name == text) {
      out = level;
      return true;
    }
  }
  return false;
}

void Client::notify(std::string_view method, json::value params) {
  transport_.notify(method, std::move(params));
}

void Client::call(std::string_view method, json::value params, ReplyCallback onReply) {
  json::value id;
  {
    std::lock_guard lock(callsMutex_);
    if (!closed_) {
      id = json::value("gloss-" + std::to_string(nextId_++));
      pending_[protocol::idKey(id)] = std::move(onReply);
    }
  }
  if (id.is_null()) {
    onReply(connectionClosed());
    return;
  }
  transport_.call(method, std::move(params), id);
}

bool Client::deliverReply(const protocol::RequestId& id,
                          gloss::Expected<json::value, protocol::RpcError> result) {
  ReplyCallback callback;
  {
    std::lock_guard lock(callsMutex_);
    auto it = pending_.find(protocol::idKey(id));
    if (it == pending_.end()) return false;
    callback = std::move(it->second);
    pending_.erase(it);
  }
  callback(std::move(result));
  return true;
}

void Client::abandonCalls() {
  std::map<std::string, ReplyCallback> pending;
  {
    std::lock_guard lock(callsMutex_);
    closed_ = true;
    pending.swap(pending_);
  }
  for (auto& [key, callback] : pending) callback(connectionClosed());
}

void Client::log(LogLevel level, const std::string& message) {
  if (level > level_.load()) return;
  static constexpr const char* kNames[] = {"error", "warning", "info", "debug"};
  {
    std::lock_guard lock(stderrMutex_);
    std::fprintf(stderr, "gloss[%s] %s\n", kNames[static_cast<int>(level)], message.c_str());
    std::fflush(stderr);
  }
  if (!forwardLogs_) return;
  // LSP's MessageType numbers run Error=1 .. Log=4, one more than LogLevel.
  notify("window/logMessage",
         json::object{{"type", static_cast<int>(level) + 1}, {"message", message}});
}

void Client::showMessage(protocol::MessageType type, const std::string& message) {
  notify("window/showMessage",
         json::object{{"type", static_cast<int>(type)}, {"message", message}});
}

}  // namespace gloss::server
