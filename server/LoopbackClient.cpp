#include "server/LoopbackClient.h"

namespace gloss::server {

LoopbackClient::LoopbackClient(ServerOptions options) {
  auto [serverEnd, clientEnd] = protocol::makeMemoryChannelPair();
  serverTransport_ = std::make_unique<protocol::FramedTransport>(std::move(serverEnd));
  clientTransport_ = std::make_unique<protocol::FramedTransport>(std::move(clientEnd));
  server_ = std::make_unique<Server>(*serverTransport_, options);
  serverThread_ = std::thread([this] {
    exitStatus_ = server_->run();
    serverTransport_->closeOutput();
  });
  readerThread_ = std::thread([this] { clientTransport_->loop(*this); });
}

LoopbackClient::~LoopbackClient() {
  finish();
}

int LoopbackClient::finish() {
  if (!finished_) {
    finished_ = true;
    clientTransport_->closeOutput();
    serverThread_.join();
    readerThread_.join();
  }
  return exitStatus_;
}

json::value LoopbackClient::send(std::string_view method, json::value params) {
  json::value id;
  {
    std::lock_guard lock(mutex_);
    id = nextId_++;
  }
  clientTransport_->call(method, std::move(params), id);
  return id;
}

gloss::Expected<json::value, protocol::RpcError> LoopbackClient::wait(
    const json::value& id, std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  std::string key = protocol::idKey(id);
  if (!changed_.wait_for(lock, timeout, [&] { return replies_.count(key) != 0; })) {
    return gloss::unexpected(protocol::RpcError{protocol::ErrorCode(0), "timed out", std::nullopt});
  }
  auto node = replies_.extract(key);
  return std::move(node.mapped());
}

gloss::Expected<json::value, protocol::RpcError> LoopbackClient::call(
    std::string_view method, json::value params, std::chrono::milliseconds timeout) {
  return wait(send(method, std::move(params)), timeout);
}

void LoopbackClient::notify(std::string_view method, json::value params) {
  clientTransport_->notify(method, std::move(params));
}

std::vector<json::value> LoopbackClient::notifications(std::string_view method) {
  std::lock_guard lock(mutex_);
  std::vector<json::value> out;
  for (const auto& [name, params] : notifications_) {
    if (name == method) out.push_back(params);
  }
  return out;
}

bool LoopbackClient::onNotify(const std::string& method, json::value params) {
  {
    std::lock_guard lock(mutex_);
    notifications_.emplace_back(method, std::move(params));
  }
  changed_.notify_all();
  return true;
}

bool LoopbackClient::onCall(const std::string&, json::value, protocol::RequestId id) {
  // Accept what the server asks of an editor (e.g. creating a progress token).
  clientTransport_->reply(std::move(id), json::value(nullptr));
  return true;
}

bool LoopbackClient::onReply(protocol::RequestId id,
                             gloss::Expected<json::value, protocol::RpcError> result) {
  {
    std::lock_guard lock(mutex_);
    replies_.insert_or_assign(protocol::idKey(id), std::move(result));
  }
  changed_.notify_all();
  return true;
}

}  // namespace gloss::server
