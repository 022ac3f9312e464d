// What a chat request holds and what a provider answers, independent of any provider's wire
// format.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "commands/redact/Findings.h"

namespace gloss::llm {

struct ChatMessage {
  std::string role;  // "user" or "assistant"
  std::string content;
};

// A piece of code or text the context builder chose. The offline provider answers from these;
// the HTTP providers send only `system` and `messages`, where the builder puts the pieces too.
struct ContextPiece {
  std::string title;  // e.g. "src/parse.py:10-42 parse_args"
  std::string text;
};

struct ChatRequest {
  std::string task;  // a short name for logs and the offline answer, e.g. "explain"
  std::string system;
  std::vector<ChatMessage> messages;
  std::vector<ContextPiece> context;
  int maxOutputTokens = 0;  // 0: the provider's configured maximum
  std::optional<double> temperature;
  // What the offline provider answers instead of listing the context: a command's own
  // index-built answer (an explain card, a test skeleton, an outline). Never sent anywhere.
  std::string offlineAnswer;
};

struct Usage {
  int promptTokens = 0;
  int completionTokens = 0;
  bool estimated = false;  // true when the provider did not report one of the two counts
};

struct ProviderError {
  enum class Kind { Config, Connect, Timeout, RateLimited, Http, Protocol, Cancelled };
  Kind kind = Kind::Protocol;
  int httpStatus = 0;   // 0 when no HTTP status applies
  std::string message;  // a sentence for people; never holds a key
};

const char* toString(ProviderError::Kind kind);

struct ChatResult {
  std::string text;          // everything received, even when the answer is incomplete
  std::string model;         // as the provider reported it, else as configured
  std::string finishReason;  // "stop", "length", or the provider's own word; empty if unknown
  Usage usage;
  bool complete = false;  // the provider said the answer ended
  std::optional<ProviderError> error;
  int attempts = 0;  // HTTP requests made (retries included); 0 for the offline provider
  std::optional<std::chrono::milliseconds> firstToken;  // from the call to the first text
  std::chrono::milliseconds total{0};
  // Secrets taken out of the request before it left the machine (kinds and counts only).
  std::vector<redact::Finding> redactions;
};

// Receives each piece of text as it arrives, on the thread that called chat().
using DeltaSink = std::function<void(std::string_view)>;
// Polled during long work; returning true stops it (commands/ cannot see server/'s tokens).
using CancelCheck = std::function<bool()>;

}  // namespace gloss::llm
