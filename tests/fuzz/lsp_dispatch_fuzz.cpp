// Fuzzes the front door: the input is the byte stream an editor would write to gloss's stdin. It
// goes through the real framing (FramedTransport over an in-memory ByteChannel) into a real
// Server (one per input: one worker thread, indexing off, sessions in `:memory:`, the offline
// provider), which runs until `exit` or the end of the input. Then:
//   - every complete request with an id (and every undecodable body whose id could be read, and
//     every oversized one whose id was recovered) got exactly one response, except what follows
//     `exit`, which the specification lets the server ignore;
//   - bodies that could not be decoded without an id got one response with a null id each;
//   - everything written back is a well-framed, decodable JSON-RPC message.
// Workspace folders the input names are pointed at a small sandbox folder, so no request walks
// the machine's disk, and the sandbox must be left as it was.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <string_view>
#include <variant>

#include "protocol/ByteChannel.h"
#include "protocol/Framing.h"
#include "protocol/JsonRpc.h"
#include "protocol/Transport.h"
#include "server/Server.h"

namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using namespace gloss;

// Small, so that the oversized-message path is reachable from inputs of a few KB.
constexpr std::size_t kMaxMessageBytes = 3000;

struct Sandbox {
  fs::path base;  // removed when the process exits normally
  fs::path root;
  std::string rootUri;
  fs::path cache;  // XDG_CACHE_HOME: executeCommand writes its answers below it
  std::size_t entries = 0;
};

std::size_t countEntries(const fs::path& folder) {
  std::size_t n = 0;
  for (auto it = fs::recursive_directory_iterator(folder); it != fs::end(it); ++it) ++n;
  return n;
}

void writeFile(const fs::path& path, std::string_view text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

// Created once per process; the XDG folders point inside it so nothing lands in $HOME.
const Sandbox& sandbox() {
  static const Sandbox* box = [] {
    char pattern[] = "/tmp/gloss-fuzz-XXXXXX";
    if (!mkdtemp(pattern)) std::abort();
    auto* made = new Sandbox;
    fs::path base = pattern;
    made->base = base;
    made->root = base / "workspace";
    made->rootUri = "file://" + made->root.string();
    made->cache = base / "cache";
    writeFile(made->root / "src/shapes.py",
              "class Shape:\n    \"\"\"A figure.\"\"\"\n    def area(self):\n        return 0\n\n"
              "def parse_args(argv):\n    # TODO: flags\n    return argv[1:]\n");
    writeFile(made->root / "src/util.cpp",
              "#include <string>\nnamespace util {\n// Joins two words.\nstd::string join("
              "const std::string& a, const std::string& b) { return a + b; }\n}\n");
    writeFile(made->root / "tests/test_shapes.py",
              "from src.shapes import Shape\n\ndef test_area():\n    assert Shape().area() == 0\n");
    writeFile(made->root / ".gitignore", "build/\n*.o\n");
    writeFile(made->root / "README.md", "# sandbox\nA tiny workspace for the fuzzer.\n");
    made->entries = countEntries(made->root);
    setenv("XDG_CACHE_HOME", made->cache.c_str(), 1);
    setenv("XDG_DATA_HOME", (base / "data").c_str(), 1);
    std::atexit([] {
      std::error_code ec;
      fs::remove_all(sandbox().base, ec);
    });
    return made;
  }();
  return *box;
}

void pinUri(json::value& holder, std::string_view key, const std::string& to) {
  json::object* object = holder.if_object();
  if (!object) return;
  json::value* member = object->if_contains(key);
  if (member && member->is_string()) *member = json::string(to);
}

void pinFolders(json::value* folders) {
  if (!folders || !folders->is_array()) return;
  for (json::value& folder : folders->get_array()) pinUri(folder, "uri", sandbox().rootUri);
}

json::value* member(json::value& holder, std::string_view key) {
  json::object* object = holder.if_object();
  return object ? object->if_contains(key) : nullptr;
}

// Passes everything on, with the workspace folders of `initialize` and of folder changes
// replaced by the sandbox; non-string values stay as sent, so parse errors are still reached.
class SandboxedHandler : public protocol::MessageHandler {
 public:
  explicit SandboxedHandler(protocol::MessageHandler& inner) : inner_(inner) {}

  bool onNotify(const std::string& method, json::value params) override {
    if (method == "workspace/didChangeWorkspaceFolders") {
      if (json::value* event = member(params, "event")) pinFolders(member(*event, "added"));
    }
    return inner_.onNotify(method, std::move(params));
  }
  bool onCall(const std::string& method, json::value params, protocol::RequestId id) override {
    if (method == "initialize") {
      pinUri(params, "rootUri", sandbox().rootUri);
      pinUri(params, "rootPath", sandbox().root.string());
      pinFolders(member(params, "workspaceFolders"));
    }
    return inner_.onCall(method, std::move(params), std::move(id));
  }
  bool onReply(protocol::RequestId id,
               gloss::Expected<json::value, protocol::RpcError> result) override {
    return inner_.onReply(std::move(id), std::move(result));
  }
  void onProtocolError(const std::string& what) override { inner_.onProtocolError(what); }

 private:
  protocol::MessageHandler& inner_;
};

// The real transport with the sandboxing handler slipped in between framing and dispatch.
class SandboxedTransport : public protocol::Transport {
 public:
  explicit SandboxedTransport(protocol::FramedTransport& inner) : inner_(inner) {}
  void notify(std::string_view method, json::value params) override {
    inner_.notify(method, std::move(params));
  }
  void call(std::string_view method, json::value params, protocol::RequestId id) override {
    inner_.call(method, std::move(params), std::move(id));
  }
  void reply(protocol::RequestId id,
             gloss::Expected<json::value, protocol::RpcError> result) override {
    inner_.reply(std::move(id), std::move(result));
  }
  protocol::LoopEnd loop(protocol::MessageHandler& handler) override {
    SandboxedHandler sandboxed(handler);
    return inner_.loop(sandboxed);
  }

 private:
  protocol::FramedTransport& inner_;
};

// How many responses each id should get (by idKey), and how many with a null id.
struct Replies {
  std::map<std::string, int> byId;
  int nullIds = 0;
  bool operator==(const Replies&) const = default;
};

[[noreturn]] void fail(const char* what, const Replies& expected, const Replies& got) {
  std::fprintf(stderr, "lsp_dispatch: %s\n", what);
  for (const auto& [id, n] : expected.byId)
    std::fprintf(stderr, "  expected %s x%d\n", id.c_str(), n);
  for (const auto& [id, n] : got.byId) std::fprintf(stderr, "  got %s x%d\n", id.c_str(), n);
  std::fprintf(stderr, "  null ids: expected %d, got %d\n", expected.nullIds, got.nullIds);
  __builtin_trap();
}

Replies expectedReplies(std::string_view input) {
  Replies replies;
  protocol::FrameDecoder decoder(kMaxMessageBytes);
  decoder.feed(input);
  while (std::optional<protocol::FrameEvent> event = decoder.next()) {
    if (event->kind == protocol::FrameEvent::Kind::Oversized && event->recoveredId) {
      boost::system::error_code ec;
      json::value id = json::parse(*event->recoveredId, ec);
      if (!ec && protocol::isValidRequestId(id)) ++replies.byId[protocol::idKey(id)];
    }
    if (event->kind != protocol::FrameEvent::Kind::Body) continue;
    auto decoded = protocol::decodeMessage(event->body);
    if (auto* failure = std::get_if<protocol::DecodeFailure>(&decoded)) {
      if (failure->id.is_null()) {
        ++replies.nullIds;
      } else {
        ++replies.byId[protocol::idKey(failure->id)];
      }
      continue;
    }
    auto& message = std::get<protocol::Message>(decoded);
    if (auto* request = std::get_if<protocol::Request>(&message)) {
      ++replies.byId[protocol::idKey(request->id)];
    } else if (auto* note = std::get_if<protocol::Notification>(&message)) {
      if (note->method == "exit") break;
    }
  }
  return replies;
}

// Decodes what the server wrote; anything that is not a clean JSON-RPC message traps.
Replies receivedReplies(protocol::ByteChannel& clientEnd) {
  std::string output;
  char buffer[64 * 1024];
  for (long n; (n = clientEnd.read(buffer, sizeof buffer)) > 0;)
    output.append(buffer, static_cast<std::size_t>(n));
  protocol::FrameDecoder decoder(output.size() + 1);
  decoder.feed(output);
  Replies replies;
  while (std::optional<protocol::FrameEvent> event = decoder.next()) {
    if (event->kind != protocol::FrameEvent::Kind::Body) fail("badly framed output", {}, replies);
    auto decoded = protocol::decodeMessage(event->body);
    auto* message = std::get_if<protocol::Message>(&decoded);
    if (!message) fail(("undecodable output: " + event->body).c_str(), {}, replies);
    if (auto* response = std::get_if<protocol::Response>(message)) {
      if (response->result.has_value() == response->error.has_value())
        fail("a response needs exactly one of result and error", {}, replies);
      if (response->id.is_null()) {
        ++replies.nullIds;
      } else {
        ++replies.byId[protocol::idKey(response->id)];
      }
    }
  }
  if (decoder.midMessage()) fail("output ends inside a message", {}, replies);
  return replies;
}

server::ServerOptions serverOptions() {
  server::ServerOptions options;
  options.workerThreads = 1;
  options.indexing = false;
  options.sessionsPath = ":memory:";
  options.logLevel = server::LogLevel::Error;
  options.providerFlags.origin = "command line";
  options.providerFlags.kind = llm::ProviderKind::Offline;
  return options;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const Sandbox& box = sandbox();
  std::string_view input(reinterpret_cast<const char*>(data), size);
  auto [clientEnd, serverEnd] = protocol::makeMemoryChannelPair();
  clientEnd->write(input);
  clientEnd->closeWrite();
  protocol::FramedTransport framed(std::move(serverEnd), kMaxMessageBytes);
  {
    SandboxedTransport transport(framed);
    server::Server server(transport, serverOptions());
    server.run();
  }
  framed.closeOutput();
  Replies got = receivedReplies(*clientEnd);
  Replies expected = expectedReplies(input);
  if (!(got == expected)) fail("requests and responses do not pair up", expected, got);
  std::error_code ec;
  fs::remove_all(box.cache, ec);
  if (countEntries(box.root) != box.entries) fail("the sandbox workspace changed", {}, {});
  return 0;
}
