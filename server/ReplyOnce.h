// Every request is answered exactly once: the reply goes through this object, and if a handler
// path drops it without answering, the destructor answers with an internal error.
#pragma once

#include <atomic>
#include <string>

#include "protocol/Transport.h"
#include "server/Cancellation.h"

namespace gloss::server {

namespace json = boost::json;

class ReplyOnce {
 public:
  ReplyOnce(protocol::Transport& transport, CancellationRegistry& registry, protocol::RequestId id,
            CancellationToken token)
      : transport_(&transport),
        registry_(&registry),
        id_(std::move(id)),
        key_(protocol::idKey(id_)),
        token_(std::move(token)) {}
  ReplyOnce(ReplyOnce&& other) noexcept { *this = std::move(other); }
  ReplyOnce& operator=(ReplyOnce&& other) noexcept {
    transport_ = other.transport_;
    registry_ = other.registry_;
    id_ = std::move(other.id_);
    key_ = std::move(other.key_);
    token_ = other.token_;
    replied_ = other.replied_;
    other.replied_ = true;
    return *this;
  }
  ReplyOnce(const ReplyOnce&) = delete;
  ~ReplyOnce() {
    if (!replied_) {
      send(gloss::unexpected(protocol::makeError(protocol::ErrorCode::InternalError,
                                                 "the server dropped this request")));
    }
  }

  // A request cancelled before it is answered gets -32800, whatever the handler produced.
  void send(gloss::Expected<json::value, protocol::RpcError> result) {
    if (replied_) return;
    replied_ = true;
    registry_->remove(key_);
    if (token_.cancelled() &&
        (result.ok() || result.error().code != protocol::ErrorCode::RequestCancelled)) {
      result = gloss::unexpected(
          protocol::makeError(protocol::ErrorCode::RequestCancelled, "request cancelled"));
    }
    transport_->reply(id_, std::move(result));
  }

  const protocol::RequestId& id() const { return id_; }
  const CancellationToken& token() const { return token_; }

 private:
  protocol::Transport* transport_ = nullptr;
  CancellationRegistry* registry_ = nullptr;
  protocol::RequestId id_;
  std::string key_;
  CancellationToken token_;
  bool replied_ = false;
};

}  // namespace gloss::server
