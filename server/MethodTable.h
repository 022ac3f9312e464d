// The method table: typed handlers registered by name, so registration reads like an index of
// what the server can do (after clangd's LSPBinder). Params are parsed into the handler's type;
// a parse failure becomes -32602 with the JSON path of the bad field.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>

#include "protocol/Expected.h"
#include "protocol/JsonRpc.h"
#include "protocol/LspTypes.h"
#include "server/Cancellation.h"
#include "server/Client.h"

namespace gloss::server {

using HandlerResult = gloss::Expected<json::value, protocol::RpcError>;

// What a request handler gets besides its params.
struct RequestContext {
  protocol::RequestId id;
  CancellationToken cancel;
  protocol::ProgressTokens progress;
  Client& client;
  bool cancelled() const { return cancel.cancelled(); }
};

inline HandlerResult cancelledResult() {
  return gloss::unexpected(
      protocol::makeError(protocol::ErrorCode::RequestCancelled, "request cancelled"));
}

// Inline handlers run on the reader thread, in order with notifications (lifecycle, cheap
// state changes); Worker handlers run on the pool.
enum class Execution { Inline, Worker };

class MethodTable {
 public:
  using CallHandler = std::function<HandlerResult(const json::value&, RequestContext&)>;
  using NotifyHandler = std::function<void(const json::value&)>;
  // Parses a method's params as its handler would, without running it; the error names the
  // JSON path. Kept per name so every method's parsing can be exercised (tests/fuzz/params).
  using ParamsParser = std::function<std::optional<std::string>(const json::value&)>;

  struct Method {
    CallHandler handler;
    Execution execution;
  };

  template <typename Params, typename Self>
  void method(std::string name, Self* self,
              HandlerResult (Self::*fn)(const Params&, RequestContext&),
              Execution execution = Execution::Worker) {
    parsers_[name] = parserFor<Params>();
    calls_[std::move(name)] =
        Method{[self, fn](const json::value& raw, RequestContext& ctx) -> HandlerResult {
                 Params params{};
                 if (auto error = protocol::parseParams(raw, params)) {
                   return gloss::unexpected(
                       protocol::makeError(protocol::ErrorCode::InvalidParams, *error));
                 }
                 return (self->*fn)(params, ctx);
               },
               execution};
  }

  template <typename Params>
  void method(std::string name, std::function<HandlerResult(const Params&, RequestContext&)> fn,
              Execution execution = Execution::Worker) {
    parsers_[name] = parserFor<Params>();
    calls_[std::move(name)] =
        Method{[fn = std::move(fn)](const json::value& raw, RequestContext& ctx) -> HandlerResult {
                 Params params{};
                 if (auto error = protocol::parseParams(raw, params)) {
                   return gloss::unexpected(
                       protocol::makeError(protocol::ErrorCode::InvalidParams, *error));
                 }
                 return fn(params, ctx);
               },
               execution};
  }

  // A notification with typed params; bad params are logged through `onBadParams`.
  template <typename Params, typename Self>
  void notification(std::string name, Self* self, void (Self::*fn)(const Params&)) {
    parsers_[name] = parserFor<Params>();
    notifications_[name] = [self, fn, name](const json::value& raw) {
      Params params{};
      if (auto error = protocol::parseParams(raw, params)) {
        self->onBadNotification(name, *error);
        return;
      }
      (self->*fn)(params);
    };
  }

  const Method* findCall(const std::string& name) const {
    auto it = calls_.find(name);
    return it == calls_.end() ? nullptr : &it->second;
  }
  const NotifyHandler* findNotification(const std::string& name) const {
    auto it = notifications_.find(name);
    return it == notifications_.end() ? nullptr : &it->second;
  }
  // Every registered call and notification by name.
  const std::map<std::string, ParamsParser>& paramsParsers() const { return parsers_; }

 private:
  template <typename Params>
  static ParamsParser parserFor() {
    return [](const json::value& raw) {
      Params params{};
      return protocol::parseParams(raw, params);
    };
  }

  std::map<std::string, Method> calls_;
  std::map<std::string, NotifyHandler> notifications_;
  std::map<std::string, ParamsParser> parsers_;
};

// Methods whose params are ignored or free-form take this.
struct NoParams {};
inline bool fromJSON(const json::value&, NoParams&, protocol::JsonPath) {
  return true;
}

}  // namespace gloss::server
