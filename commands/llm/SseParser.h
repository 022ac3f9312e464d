// An incremental Server-Sent Events parser (the WHATWG "event stream" format), fed with whatever
// the network delivered: an event may be split at any byte, lines may end in LF, CRLF or CR, and a
// leading byte-order mark is dropped. Comments (`: keep-alive`) are skipped.
//
// One deliberate difference from a browser: finish() delivers a last event that lacks its closing
// blank line, because some servers close the connection right after `data: [DONE]`.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace gloss::llm {

struct SseEvent {
  std::string event;  // "message" when the stream did not name the event
  std::string data;   // `data:` lines joined with '\n'
  std::string id;     // the last event id seen so far (it persists across events)

  bool operator==(const SseEvent&) const = default;
};

using SseEventSink = std::function<void(const SseEvent&)>;

class SseParser {
 public:
  // A line or event longer than `maxBufferedBytes` stops the parser (a hostile or broken server
  // must not make us buffer without limit).
  explicit SseParser(std::size_t maxBufferedBytes = 16 * 1024 * 1024)
      : maxBuffered_(maxBufferedBytes) {}

  // Parses `bytes`, calling `sink` for each complete event. Returns false once the parser has
  // failed (see error()); later calls do nothing.
  bool feed(std::string_view bytes, const SseEventSink& sink);
  // The stream ended: delivers a pending event that has data but no closing blank line.
  bool finish(const SseEventSink& sink);

  bool failed() const { return error_.has_value(); }
  const std::optional<std::string>& error() const { return error_; }
  // The reconnection delay the server asked for with `retry:`, in milliseconds.
  std::optional<long long> retryMs() const { return retryMs_; }

 private:
  // Holds back the first bytes until they are known to be (or not to be) a byte-order mark.
  bool takeBom(std::string_view& bytes, const SseEventSink& sink);
  void feedLines(std::string_view bytes, const SseEventSink& sink);
  void processLine(std::string_view line, const SseEventSink& sink);
  void processField(std::string_view name, std::string_view value);
  void dispatch(const SseEventSink& sink);
  bool checkLimit();

  std::size_t maxBuffered_;
  std::string line_;       // the current line, without its terminator
  std::string bomPrefix_;  // leading bytes held back until we know whether they are a BOM
  bool bomDecided_ = false;
  bool skipNextLf_ = false;  // the previous chunk ended in CR; a leading LF completes a CRLF
  std::string eventType_;
  std::string data_;  // each data line followed by '\n', as the standard describes it
  std::string lastId_;
  std::optional<long long> retryMs_;
  std::optional<std::string> error_;
};

}  // namespace gloss::llm
