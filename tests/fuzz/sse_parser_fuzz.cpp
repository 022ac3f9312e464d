// Fuzzes SseParser: whatever the bytes, it must not crash, must give the same events however the
// stream is split into reads, and must never put a line break where a line ends a field.
//
// Input: the first byte chooses the read size (1-16 bytes); the rest is the stream.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "commands/llm/SseParser.h"

namespace {

using gloss::llm::SseEvent;
using gloss::llm::SseParser;

constexpr std::size_t kLimit = 4096;  // small, so that the size limit is exercised too

struct Parsed {
  std::vector<SseEvent> events;
  bool failed = false;
  bool operator==(const Parsed&) const = default;
};

Parsed parseInReads(std::string_view stream, std::size_t readSize) {
  SseParser parser(kLimit);
  Parsed parsed;
  auto sink = [&](const SseEvent& e) { parsed.events.push_back(e); };
  for (std::size_t at = 0; at < stream.size(); at += readSize)
    parser.feed(stream.substr(at, readSize), sink);
  parser.finish(sink);
  parsed.failed = parser.failed();
  return parsed;
}

bool holdsLineBreak(std::string_view text) {
  return text.find_first_of("\r\n") != std::string_view::npos;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  std::size_t readSize = data[0] % 16 + 1;
  std::string_view stream(reinterpret_cast<const char*>(data + 1), size - 1);
  Parsed whole = parseInReads(stream, stream.size() + 1);
  Parsed split = parseInReads(stream, readSize);
  if (!(whole == split)) __builtin_trap();
  for (const SseEvent& e : whole.events) {
    if (holdsLineBreak(e.event) || holdsLineBreak(e.id) || e.data.find('\r') != std::string::npos)
      __builtin_trap();
  }
  return 0;
}
