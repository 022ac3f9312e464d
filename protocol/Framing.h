// LSP base protocol framing: `Content-Length` headers, CRLF, then a body.
//
// FrameDecoder is incremental and never trusts its input: bytes may arrive split anywhere,
// garbage between messages is skipped up to the next header, and an oversized message is
// refused and skipped without being buffered, so one bad frame never ends the stream.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace gloss::protocol {

struct FrameEvent {
  enum class Kind {
    Body,       // `body` holds one complete message body
    Oversized,  // a message over the size limit was skipped; `recoveredId` if its id was seen
    BadHeader,  // a header block without a usable Content-Length was dropped
    Garbage,    // bytes that were not a header were skipped
  };
  Kind kind = Kind::Body;
  std::string body;
  std::string detail;                      // human-readable reason for the non-Body kinds
  std::optional<std::string> recoveredId;  // raw JSON text of the id, for Oversized
};

class FrameDecoder {
 public:
  static constexpr std::size_t kMaxHeaderBytes = 8 * 1024;

  explicit FrameDecoder(std::size_t maxBodyBytes) : maxBody_(maxBodyBytes) {}

  void feed(std::string_view bytes);
  // The next complete event, or nothing until more bytes are fed.
  std::optional<FrameEvent> next();
  // True when a message has started but not finished (a truncated frame at EOF).
  bool midMessage() const;

 private:
  enum class State { Header, Body, Skip };
  std::optional<FrameEvent> nextHeader();
  std::optional<FrameEvent> nextBody();
  std::optional<FrameEvent> nextSkip();
  void compact();

  std::size_t maxBody_;
  std::string buffer_;
  std::size_t pos_ = 0;  // consumed prefix of buffer_
  State state_ = State::Header;
  std::size_t bodyLength_ = 0;
  std::size_t skipRemaining_ = 0;
  std::size_t skippedTotal_ = 0;
  std::string skipPrefix_;  // first bytes of a skipped body, to recover its id
};

// Frames one body for sending.
std::string encodeFrame(std::string_view body);

// Finds the top-level "id" member in the first bytes of a JSON object without parsing the
// whole text; returns its raw JSON (a number or a quoted string). Used for oversized messages.
std::optional<std::string> scanTopLevelId(std::string_view jsonPrefix);

}  // namespace gloss::protocol
