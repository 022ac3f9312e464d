// The seam between framing and dispatch (after clangd's Transport.h): send notifications,
// calls and replies; receive them through a MessageHandler until it asks to stop or the stream
// ends. Tests plug an in-memory client into the same interface.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "protocol/ByteChannel.h"
#include "protocol/Expected.h"
#include "protocol/Framing.h"
#include "protocol/JsonRpc.h"

namespace gloss::protocol {

class MessageHandler {
 public:
  virtual ~MessageHandler() = default;
  // Each returns false to end the read loop (how `exit` stops the server).
  virtual bool onNotify(const std::string& method, json::value params) = 0;
  virtual bool onCall(const std::string& method, json::value params, RequestId id) = 0;
  virtual bool onReply(RequestId id, Expected<json::value, RpcError> result) = 0;
  // A frame or body that could not be used; the transport has already answered it if it could.
  virtual void onProtocolError(const std::string& what) = 0;
};

enum class LoopEnd {
  Stopped,     // a handler returned false
  EndOfInput,  // the peer closed the stream between messages
  Truncated,   // the stream ended inside a message
  ReadError,
};

class Transport {
 public:
  virtual ~Transport() = default;
  virtual void notify(std::string_view method, json::value params) = 0;
  virtual void call(std::string_view method, json::value params, RequestId id) = 0;
  virtual void reply(RequestId id, Expected<json::value, RpcError> result) = 0;
  virtual LoopEnd loop(MessageHandler& handler) = 0;
};

// Transport over any ByteChannel with LSP framing. Writes from any thread go through one mutex,
// so messages never interleave.
class FramedTransport : public Transport {
 public:
  static constexpr std::size_t kDefaultMaxMessageBytes = 64 * 1024 * 1024;

  explicit FramedTransport(std::unique_ptr<ByteChannel> channel,
                           std::size_t maxMessageBytes = kDefaultMaxMessageBytes)
      : channel_(std::move(channel)), maxMessageBytes_(maxMessageBytes) {}

  void notify(std::string_view method, json::value params) override;
  void call(std::string_view method, json::value params, RequestId id) override;
  void reply(RequestId id, Expected<json::value, RpcError> result) override;
  LoopEnd loop(MessageHandler& handler) override;

  // Ends the outgoing stream (the peer sees EOF).
  void closeOutput();

 private:
  bool dispatch(const FrameEvent& event, MessageHandler& handler);
  void send(const std::string& body);

  std::unique_ptr<ByteChannel> channel_;
  std::size_t maxMessageBytes_;
  std::mutex writeMutex_;
};

}  // namespace gloss::protocol
