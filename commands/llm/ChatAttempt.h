// One HTTP exchange of a chat: reads the response as an event stream or, from servers that ignore
// `stream: true`, as one JSON body; enforces the first-token and idle timeouts; stops on
// cancellation or on the first protocol error.
#pragma once

#include <boost/json.hpp>
#include <chrono>
#include <string>

#include "commands/llm/AnswerBuilder.h"
#include "commands/llm/HttpStream.h"
#include "commands/llm/SseParser.h"

namespace gloss::llm {

// How one provider's responses read.
class ResponseDecoder {
 public:
  virtual void applyEvent(const SseEvent& event, AnswerBuilder& answer) const = 0;
  virtual void applyJsonBody(const boost::json::value& body, AnswerBuilder& answer) const = 0;

 protected:
  ~ResponseDecoder() = default;
};

class ChatAttempt final : public HttpHandler {
 public:
  enum class Stop { None, Ended, Cancelled, FirstTokenTimeout, IdleTimeout, Failed };

  // `where` names the provider in messages ("The openai provider at https://...").
  ChatAttempt(const ResponseDecoder& decoder, AnswerBuilder& answer, const Timeouts& timeouts,
              const CancelCheck& cancelled, std::string where);

  void onHead(const HttpHead& head) override;
  void onBody(std::string_view bytes) override;
  bool shouldStop() override;
  // After the transfer: delivers a last unterminated event, or decodes a buffered JSON body.
  void finishBody(const HttpOutcome& outcome);

  Stop stop() const { return stop_; }
  // The body of a response with an error status (at most 64 KiB of it).
  const std::string& errorBody() const { return buffered_; }

 private:
  enum class Body { Undecided, Sse, Json, Error };

  void decideFromFirstByte(std::string_view bytes);
  void feedEvents(std::string_view bytes);
  void deliver(const SseEvent& event);
  void bufferBody(std::string_view bytes);

  const ResponseDecoder& decoder_;
  AnswerBuilder& answer_;
  const Timeouts& timeouts_;
  const CancelCheck& cancelled_;
  std::string where_;
  Body body_ = Body::Undecided;
  SseParser parser_;
  std::string buffered_;
  bool progressed_ = false;  // text arrived, or a non-streamed body began: idle timeout applies
  std::chrono::steady_clock::time_point start_, lastByte_;
  Stop stop_ = Stop::None;
};

}  // namespace gloss::llm
