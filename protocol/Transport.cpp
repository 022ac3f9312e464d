#include "protocol/Transport.h"

#include <variant>

namespace gloss::protocol {

void FramedTransport::send(const std::string& body) {
  std::string frame = encodeFrame(body);
  std::lock_guard lock(writeMutex_);
  channel_->write(frame);
}

void FramedTransport::notify(std::string_view method, json::value params) {
  send(encodeNotification(method, params));
}

void FramedTransport::call(std::string_view method, json::value params, RequestId id) {
  send(encodeRequest(id, method, params));
}

void FramedTransport::reply(RequestId id, Expected<json::value, RpcError> result) {
  send(result ? encodeResult(id, result.value()) : encodeError(id, result.error()));
}

void FramedTransport::closeOutput() {
  std::lock_guard lock(writeMutex_);
  channel_->closeWrite();
}

LoopEnd FramedTransport::loop(MessageHandler& handler) {
  FrameDecoder decoder(maxMessageBytes_);
  std::string buffer(64 * 1024, '\0');
  for (;;) {
    long n = channel_->read(buffer.data(), buffer.size());
    if (n < 0) return LoopEnd::ReadError;
    if (n == 0) return decoder.midMessage() ? LoopEnd::Truncated : LoopEnd::EndOfInput;
    decoder.feed(std::string_view(buffer.data(), static_cast<std::size_t>(n)));
    while (std::optional<FrameEvent> event = decoder.next()) {
      if (!dispatch(*event, handler)) return LoopEnd::Stopped;
    }
  }
}

bool FramedTransport::dispatch(const FrameEvent& event, MessageHandler& handler) {
  switch (event.kind) {
    case FrameEvent::Kind::Garbage:
    case FrameEvent::Kind::BadHeader:
      handler.onProtocolError(event.detail);
      return true;
    case FrameEvent::Kind::Oversized: {
      handler.onProtocolError(event.detail);
      // Answer the request if its id could be read, so the client does not wait forever.
      if (event.recoveredId) {
        boost::system::error_code ec;
        json::value id = json::parse(*event.recoveredId, ec);
        if (!ec && isValidRequestId(id)) {
          reply(id, unexpected(makeError(ErrorCode::InvalidRequest, event.detail)));
        }
      }
      return true;
    }
    case FrameEvent::Kind::Body:
      break;
  }
  auto decoded = decodeMessage(event.body);
  if (auto* failure = std::get_if<DecodeFailure>(&decoded)) {
    handler.onProtocolError(failure->error.message);
    reply(failure->id, unexpected(failure->error));
    return true;
  }
  Message& message = std::get<Message>(decoded);
  if (auto* request = std::get_if<Request>(&message)) {
    return handler.onCall(request->method, std::move(request->params), std::move(request->id));
  }
  if (auto* notification = std::get_if<Notification>(&message)) {
    return handler.onNotify(notification->method, std::move(notification->params));
  }
  auto& response = std::get<Response>(message);
  if (response.error) return handler.onReply(std::move(response.id), unexpected(*response.error));
  return handler.onReply(std::move(response.id), std::move(*response.result));
}

}  // namespace gloss::protocol
