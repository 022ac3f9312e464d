// An in-process LSP client wired to a Server through an in-memory channel pair. The server runs
// on its own thread exactly as it does on stdio (same framing, same dispatch); `gloss status`
// and the server's unit tests drive it through this.
#pragma once

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include "protocol/Transport.h"
#include "server/Server.h"

namespace gloss::server {

class LoopbackClient : private protocol::MessageHandler {
 public:
  explicit LoopbackClient(ServerOptions options);
  ~LoopbackClient() override;

  // Sends a request and waits for its answer (an RpcError with code 0 on timeout).
  gloss::Expected<json::value, protocol::RpcError> call(
      std::string_view method, json::value params,
      std::chrono::milliseconds timeout = std::chrono::seconds(30));
  // Sends a request without waiting; returns its id for `wait`.
  json::value send(std::string_view method, json::value params);
  gloss::Expected<json::value, protocol::RpcError> wait(
      const json::value& id, std::chrono::milliseconds timeout = std::chrono::seconds(30));
  void notify(std::string_view method, json::value params);
  // Notifications received so far with this method.
  std::vector<json::value> notifications(std::string_view method);
  // Closes the client side of the stream and returns the server's exit status.
  int finish();

 private:
  bool onNotify(const std::string& method, json::value params) override;
  bool onCall(const std::string& method, json::value params, protocol::RequestId id) override;
  bool onReply(protocol::RequestId id,
               gloss::Expected<json::value, protocol::RpcError> result) override;
  void onProtocolError(const std::string&) override {}

  std::unique_ptr<protocol::FramedTransport> serverTransport_;
  std::unique_ptr<protocol::FramedTransport> clientTransport_;
  std::unique_ptr<Server> server_;
  std::thread serverThread_;
  std::thread readerThread_;
  int exitStatus_ = -1;
  bool finished_ = false;

  std::mutex mutex_;
  std::condition_variable changed_;
  std::int64_t nextId_ = 1;
  std::map<std::string, gloss::Expected<json::value, protocol::RpcError>> replies_;
  std::vector<std::pair<std::string, json::value>> notifications_;
};

}  // namespace gloss::server
