#include "commands/llm/SseParser.h"

#include <algorithm>
#include <utility>

namespace gloss::llm {

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

bool allDigits(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

bool SseParser::feed(std::string_view bytes, const SseEventSink& sink) {
  if (failed()) return false;
  if (!bomDecided_ && !takeBom(bytes, sink)) return !failed();
  feedLines(bytes, sink);
  return !failed();
}

bool SseParser::finish(const SseEventSink& sink) {
  if (failed()) return false;
  if (!bomDecided_) {
    bomDecided_ = true;
    feedLines(std::exchange(bomPrefix_, {}), sink);
  }
  if (!line_.empty()) processLine(std::exchange(line_, {}), sink);
  dispatch(sink);
  skipNextLf_ = false;
  return !failed();
}

bool SseParser::takeBom(std::string_view& bytes, const SseEventSink& sink) {
  while (!bytes.empty() && bomPrefix_.size() < kBom.size() &&
         bytes.front() == kBom[bomPrefix_.size()]) {
    bomPrefix_ += bytes.front();
    bytes.remove_prefix(1);
  }
  if (bomPrefix_.size() == kBom.size()) {
    bomDecided_ = true;
    bomPrefix_.clear();
    return true;
  }
  if (bytes.empty()) return false;  // still a possible BOM; wait for more bytes
  bomDecided_ = true;
  feedLines(std::exchange(bomPrefix_, {}), sink);
  return !failed();
}

void SseParser::feedLines(std::string_view bytes, const SseEventSink& sink) {
  while (!bytes.empty() && !failed()) {
    if (skipNextLf_) {
      skipNextLf_ = false;
      if (bytes.front() == '\n') {
        bytes.remove_prefix(1);
        continue;
      }
    }
    std::size_t end = bytes.find_first_of("\r\n");
    if (end == std::string_view::npos) {
      line_.append(bytes);
      checkLimit();
      return;
    }
    line_.append(bytes.substr(0, end));
    skipNextLf_ = bytes[end] == '\r';
    bytes.remove_prefix(end + 1);
    if (!checkLimit()) return;
    processLine(line_, sink);
    line_.clear();
  }
}

void SseParser::processLine(std::string_view line, const SseEventSink& sink) {
  if (line.empty()) {
    dispatch(sink);
    return;
  }
  if (line.front() == ':') return;  // a comment, often a keep-alive
  std::size_t colon = line.find(':');
  if (colon == std::string_view::npos) {
    processField(line, {});
    return;
  }
  std::string_view value = line.substr(colon + 1);
  if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  processField(line.substr(0, colon), value);
}

void SseParser::processField(std::string_view name, std::string_view value) {
  if (name == "event") {
    eventType_ = value;
  } else if (name == "data") {
    data_.append(value);
    data_ += '\n';
    checkLimit();
  } else if (name == "id") {
    // The standard ignores ids holding NUL, since they could not round-trip through a header.
    if (value.find('\0') == std::string_view::npos) lastId_ = value;
  } else if (name == "retry") {
    if (allDigits(value) && value.size() <= 18) retryMs_ = std::stoll(std::string(value));
  }
}

void SseParser::dispatch(const SseEventSink& sink) {
  if (data_.empty()) {
    eventType_.clear();
    return;
  }
  data_.pop_back();
  SseEvent event{eventType_.empty() ? std::string("message") : std::move(eventType_),
                 std::move(data_), lastId_};
  eventType_.clear();
  data_.clear();
  sink(event);
}

bool SseParser::checkLimit() {
  if (line_.size() + data_.size() <= maxBuffered_) return true;
  error_ = "the event stream holds a line or event longer than " + std::to_string(maxBuffered_) +
           " bytes";
  data_.clear();
  return false;
}

}  // namespace gloss::llm
