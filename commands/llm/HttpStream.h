// One HTTP request over libcurl whose response body is handed over as it arrives, for streamed
// answers. The transfer runs on the calling thread; it polls the handler often enough (every
// kHttpPollInterval) for cancellation and the caller's own timeouts to take effect promptly.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "commands/llm/ProviderConfig.h"

namespace gloss::llm {

inline constexpr std::chrono::milliseconds kHttpPollInterval{20};

struct HttpRequest {
  enum class Method { Get, Post };
  Method method = Method::Post;
  std::string url;
  HeaderList headers;
  std::string body;
};

struct HttpHead {
  long status = 0;
  std::string contentType;
  std::optional<std::chrono::milliseconds> retryAfter;  // Retry-After or retry-after-ms
};

// Receives the response; called on the thread that called performHttp().
class HttpHandler {
 public:
  virtual ~HttpHandler() = default;
  // Once, when the headers are complete (before the first body bytes).
  virtual void onHead(const HttpHead& head) = 0;
  virtual void onBody(std::string_view bytes) = 0;
  // Polled during the whole transfer and after each piece of body; true aborts the transfer.
  virtual bool shouldStop() = 0;
};

enum class HttpEnd {
  Completed,        // the server sent the whole response
  ConnectFailed,    // no connection (refused, unresolved host, TLS handshake failed)
  ConnectTimedOut,  // no connection within the connect timeout
  TransferFailed,   // the connection broke or the response was malformed
  Stopped,          // the handler asked to stop
};

struct HttpOutcome {
  HttpEnd end = HttpEnd::TransferFailed;
  std::optional<HttpHead> head;  // missing when no response arrived
  std::string detail;            // libcurl's description of a failure; holds no header
};

// Performs `request`. libcurl's process-wide initialisation happens once, on first use, under
// std::call_once; it is never undone because other threads may still use libcurl at exit.
HttpOutcome performHttp(const HttpRequest& request, std::chrono::milliseconds connectTimeout,
                        HttpHandler& handler);

}  // namespace gloss::llm
