#include "protocol/Framing.h"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace gloss::protocol {
namespace {

constexpr std::string_view kLengthHeader = "content-length";
constexpr std::size_t kIdScanBytes = 4096;

bool iequalsPrefix(std::string_view text, std::string_view lowerPrefix) {
  if (text.size() < lowerPrefix.size()) return false;
  for (std::size_t i = 0; i < lowerPrefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) != lowerPrefix[i]) return false;
  }
  return true;
}

std::size_t findHeaderStart(std::string_view text) {
  for (std::size_t i = 0; i + kLengthHeader.size() <= text.size(); ++i) {
    if (iequalsPrefix(text.substr(i), kLengthHeader)) return i;
  }
  return std::string_view::npos;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

// Parses the header lines of one block. Returns the Content-Length or an error text.
std::optional<std::size_t> parseHeaders(std::string_view block, std::string& error) {
  std::optional<std::size_t> length;
  while (!block.empty()) {
    std::size_t eol = block.find('\n');
    std::string_view line = trim(block.substr(0, eol));
    block = eol == std::string_view::npos ? std::string_view() : block.substr(eol + 1);
    if (line.empty()) continue;
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) {
      error = "malformed header line";
      return std::nullopt;
    }
    std::string_view name = trim(line.substr(0, colon));
    std::string_view value = trim(line.substr(colon + 1));
    if (name.size() == kLengthHeader.size() && iequalsPrefix(name, kLengthHeader)) {
      std::size_t n = 0;
      auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
      if (value.empty() || ec != std::errc() || end != value.data() + value.size()) {
        error = "invalid Content-Length '" + std::string(value.substr(0, 32)) + "'";
        return std::nullopt;
      }
      length = n;
    }
  }
  if (!length) error = "missing Content-Length header";
  return length;
}

}  // namespace

void FrameDecoder::feed(std::string_view bytes) {
  compact();
  buffer_.append(bytes);
}

void FrameDecoder::compact() {
  if (pos_ == 0) return;
  buffer_.erase(0, pos_);
  pos_ = 0;
}

bool FrameDecoder::midMessage() const {
  if (state_ != State::Header) return true;
  std::string_view rest(buffer_.data() + pos_, buffer_.size() - pos_);
  return findHeaderStart(rest) != std::string_view::npos;
}

std::optional<FrameEvent> FrameDecoder::next() {
  switch (state_) {
    case State::Header:
      return nextHeader();
    case State::Body:
      return nextBody();
    case State::Skip:
      return nextSkip();
  }
  return std::nullopt;
}

std::optional<FrameEvent> FrameDecoder::nextHeader() {
  std::string_view rest(buffer_.data() + pos_, buffer_.size() - pos_);
  std::size_t start = findHeaderStart(rest);
  if (start == std::string_view::npos) {
    // Wait for the length header, but bound what is kept: past the header limit the bytes are
    // garbage, except a tail that may be the beginning of a split "Content-Length".
    if (rest.size() <= kMaxHeaderBytes) return std::nullopt;
    std::size_t drop = rest.size() - (kLengthHeader.size() - 1);
    pos_ += drop;
    return FrameEvent{FrameEvent::Kind::Garbage,
                      {},
                      "skipped " + std::to_string(drop) + " bytes that were not a message header",
                      std::nullopt};
  }
  std::optional<FrameEvent> garbage;
  if (start > 0) {
    std::string_view before = rest.substr(0, start);
    bool headerLike = iequalsPrefix(before, "content-type") && before.back() == '\n';
    bool blank = std::all_of(before.begin(), before.end(),
                             [](char c) { return c == '\r' || c == '\n' || c == ' '; });
    if (!headerLike && !blank) {
      garbage =
          FrameEvent{FrameEvent::Kind::Garbage,
                     {},
                     "skipped " + std::to_string(start) + " bytes that were not a message header",
                     std::nullopt};
    }
    pos_ += start;
    rest.remove_prefix(start);
    if (garbage) return garbage;
  }
  std::size_t end = rest.find("\r\n\r\n");
  std::size_t sepLen = 4;
  std::size_t lfEnd = rest.find("\n\n");
  if (lfEnd != std::string_view::npos && (end == std::string_view::npos || lfEnd < end)) {
    end = lfEnd;
    sepLen = 2;
  }
  if (end == std::string_view::npos) {
    if (rest.size() > kMaxHeaderBytes) {
      pos_ += rest.size();
      return FrameEvent{FrameEvent::Kind::BadHeader, {}, "header block too long", std::nullopt};
    }
    return std::nullopt;
  }
  std::string error;
  std::optional<std::size_t> length = parseHeaders(rest.substr(0, end), error);
  // On a bad block, skip only the header name so that a real header after it is still found.
  if (!length) {
    pos_ += kLengthHeader.size();
    return FrameEvent{FrameEvent::Kind::BadHeader, {}, error, std::nullopt};
  }
  pos_ += end + sepLen;
  if (*length > maxBody_) {
    state_ = State::Skip;
    skipRemaining_ = *length;
    skippedTotal_ = *length;
    skipPrefix_.clear();
    return nextSkip();
  }
  state_ = State::Body;
  bodyLength_ = *length;
  return nextBody();
}

std::optional<FrameEvent> FrameDecoder::nextBody() {
  if (buffer_.size() - pos_ < bodyLength_) return std::nullopt;
  FrameEvent event{FrameEvent::Kind::Body, buffer_.substr(pos_, bodyLength_), {}, std::nullopt};
  pos_ += bodyLength_;
  state_ = State::Header;
  return event;
}

std::optional<FrameEvent> FrameDecoder::nextSkip() {
  std::size_t available = std::min(buffer_.size() - pos_, skipRemaining_);
  if (skipPrefix_.size() < kIdScanBytes) {
    std::size_t take = std::min(available, kIdScanBytes - skipPrefix_.size());
    skipPrefix_.append(buffer_, pos_, take);
  }
  pos_ += available;
  skipRemaining_ -= available;
  compact();
  if (skipRemaining_ > 0) return std::nullopt;
  state_ = State::Header;
  return FrameEvent{FrameEvent::Kind::Oversized,
                    {},
                    "message of " + std::to_string(skippedTotal_) + " bytes exceeds the limit of " +
                        std::to_string(maxBody_) + " bytes",
                    scanTopLevelId(skipPrefix_)};
}

std::string encodeFrame(std::string_view body) {
  std::string out = "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
  out.append(body);
  return out;
}

std::optional<std::string> scanTopLevelId(std::string_view text) {
  int depth = 0;
  bool inString = false;
  bool escaped = false;
  std::size_t stringStart = 0;
  std::string_view lastKey;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (inString) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        inString = false;
        lastKey = text.substr(stringStart, i + 1 - stringStart);
      }
      continue;
    }
    if (c == '"') {
      inString = true;
      stringStart = i;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      --depth;
    } else if (c == ':' && depth == 1 && lastKey == "\"id\"") {
      std::size_t v = text.find_first_not_of(" \t\r\n", i + 1);
      if (v == std::string_view::npos) return std::nullopt;
      std::size_t e = v;
      if (text[v] == '"') {
        for (e = v + 1; e < text.size() && text[e] != '"'; ++e) {
          if (text[e] == '\\') ++e;
        }
        if (e >= text.size()) return std::nullopt;
        ++e;
      } else {
        while (e < text.size() &&
               (std::isdigit(static_cast<unsigned char>(text[e])) || text[e] == '-')) {
          ++e;
        }
        if (e == v || e == text.size()) return std::nullopt;
      }
      return std::string(text.substr(v, e - v));
    } else if (c == ',') {
      lastKey = {};
    }
  }
  return std::nullopt;
}

}  // namespace gloss::protocol
