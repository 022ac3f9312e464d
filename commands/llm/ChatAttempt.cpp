#include "commands/llm/ChatAttempt.h"

namespace gloss::llm {

namespace {

namespace json = boost::json;

constexpr std::size_t kLongestJsonBody = 8 * 1024 * 1024;
constexpr std::size_t kLongestErrorBody = 64 * 1024;

bool contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

}  // namespace

ChatAttempt::ChatAttempt(const ResponseDecoder& decoder, AnswerBuilder& answer,
                         const Timeouts& timeouts, const CancelCheck& cancelled, std::string where)
    : decoder_(decoder),
      answer_(answer),
      timeouts_(timeouts),
      cancelled_(cancelled),
      where_(std::move(where)),
      start_(std::chrono::steady_clock::now()),
      lastByte_(start_) {}

void ChatAttempt::onHead(const HttpHead& head) {
  if (head.status < 200 || head.status >= 300) {
    body_ = Body::Error;
  } else if (contains(head.contentType, "event-stream")) {
    body_ = Body::Sse;
  } else if (contains(head.contentType, "json")) {
    body_ = Body::Json;
  }
  progressed_ = body_ == Body::Error || body_ == Body::Json;
}

void ChatAttempt::onBody(std::string_view bytes) {
  lastByte_ = std::chrono::steady_clock::now();
  if (body_ == Body::Undecided) decideFromFirstByte(bytes);
  if (body_ == Body::Sse) {
    feedEvents(bytes);
  } else {
    bufferBody(bytes);
  }
}

// A server that labels its stream oddly (text/plain, or nothing) still shows what it sends.
void ChatAttempt::decideFromFirstByte(std::string_view bytes) {
  std::size_t first = bytes.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return;
  body_ = bytes[first] == '{' ? Body::Json : Body::Sse;
  progressed_ = body_ == Body::Json;
}

void ChatAttempt::feedEvents(std::string_view bytes) {
  if (answer_.failed() || answer_.streamEnded()) return;
  if (!parser_.feed(bytes, [this](const SseEvent& event) { deliver(event); }))
    answer_.fail({ProviderError::Kind::Protocol, 0,
                  where_ + " sent a malformed event stream: " + *parser_.error() + "."});
  if (answer_.hasText()) progressed_ = true;
}

void ChatAttempt::deliver(const SseEvent& event) {
  if (!answer_.failed() && !answer_.streamEnded()) decoder_.applyEvent(event, answer_);
}

void ChatAttempt::bufferBody(std::string_view bytes) {
  std::size_t limit = body_ == Body::Error ? kLongestErrorBody : kLongestJsonBody;
  if (buffered_.size() + bytes.size() <= limit) {
    buffered_.append(bytes);
  } else if (body_ == Body::Error) {
    buffered_.append(bytes.substr(0, limit - buffered_.size()));
  } else {
    answer_.fail({ProviderError::Kind::Protocol, 0,
                  where_ + " sent a response larger than " +
                      std::to_string(kLongestJsonBody / (1024 * 1024)) + " MiB."});
  }
}

bool ChatAttempt::shouldStop() {
  if (stop_ != Stop::None) return true;
  auto now = std::chrono::steady_clock::now();
  if (cancelled_ && cancelled_()) {
    stop_ = Stop::Cancelled;
  } else if (answer_.failed()) {
    stop_ = Stop::Failed;
  } else if (answer_.streamEnded()) {
    stop_ = Stop::Ended;
  } else if (!progressed_ && now - start_ > timeouts_.firstToken) {
    stop_ = Stop::FirstTokenTimeout;
  } else if (progressed_ && now - lastByte_ > timeouts_.idle) {
    stop_ = Stop::IdleTimeout;
  }
  return stop_ != Stop::None;
}

void ChatAttempt::finishBody(const HttpOutcome& outcome) {
  if (body_ == Body::Sse && outcome.end == HttpEnd::Completed)
    parser_.finish([this](const SseEvent& event) { deliver(event); });
  if (body_ != Body::Json || outcome.end != HttpEnd::Completed || answer_.failed()) return;
  boost::system::error_code ec;
  json::value parsed = json::parse(buffered_, ec);
  if (ec) {
    answer_.fail({ProviderError::Kind::Protocol, 0,
                  where_ + " sent a response that is neither an event stream nor valid JSON."});
    return;
  }
  decoder_.applyJsonBody(parsed, answer_);
}

}  // namespace gloss::llm
