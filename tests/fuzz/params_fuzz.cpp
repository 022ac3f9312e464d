// Fuzzes the typed params of every method the server registers, through the same mapping its
// method table runs before a handler (MethodTable::paramsParsers, so a new method is covered
// without touching this file). Whatever the JSON, parsing must not crash, must give the same
// answer twice, and a refusal must name the JSON path it is about ("params.position.line: ...").
//
// Input: a method name, a newline, then the params as JSON text. When the first line is not a
// registered name, the first byte picks a method and the whole input is the JSON text.
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <string>
#include <string_view>

#include "protocol/ByteChannel.h"
#include "protocol/Transport.h"
#include "server/Server.h"

namespace {

namespace json = boost::json;
using namespace gloss;

// A server that is never run, kept for the process: only its method table is used.
const server::MethodTable& methods() {
  static const server::MethodTable* table = [] {
    auto channels = protocol::makeMemoryChannelPair();
    auto* transport = new protocol::FramedTransport(std::move(channels.second));
    server::ServerOptions options;
    options.workerThreads = 1;
    options.indexing = false;
    options.testMethods = true;
    options.logLevel = server::LogLevel::Error;
    options.providerFlags.kind = llm::ProviderKind::Offline;
    auto* server = new server::Server(*transport, options);
    return &server->methods();
  }();
  return *table;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto& parsers = methods().paramsParsers();
  if (size == 0 || parsers.empty()) return 0;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::string_view text = input;
  auto parser = parsers.end();
  if (std::size_t newline = input.find('\n'); newline != std::string_view::npos) {
    parser = parsers.find(std::string(input.substr(0, newline)));
    if (parser != parsers.end()) text = input.substr(newline + 1);
  }
  if (parser == parsers.end()) parser = std::next(parsers.begin(), data[0] % parsers.size());

  boost::system::error_code ec;
  json::value params = json::parse(text, ec);
  if (ec) return 0;
  std::optional<std::string> error = parser->second(params);
  if (error != parser->second(params)) __builtin_trap();
  if (error && !error->starts_with("params")) __builtin_trap();
  if (error && error->find(": ") == std::string::npos) __builtin_trap();
  return 0;
}
