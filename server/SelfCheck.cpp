#include "server/SelfCheck.h"

#include <chrono>
#include <filesystem>
#include <iostream>
#include <thread>

#include "protocol/Uri.h"
#include "server/LoopbackClient.h"

namespace gloss::server {
namespace {

bool indexBusy(const json::value& status) {
  const json::value& index = status.at("index");
  const json::value& state = index.at("state");
  if (state == json::value("starting") || state == json::value("indexing")) return true;
  const json::value* pending = index.as_object().if_contains("pendingJobs");
  return pending && *pending != json::value(0);
}

}  // namespace

int runSelfCheck(const std::vector<std::string>& args, std::size_t first) {
  bool asJson = false;
  for (std::size_t i = first; i < args.size(); ++i) {
    if (args[i] == "--json") {
      asJson = true;
    } else {
      std::cerr << "gloss status: bad argument '" << args[i] << "'\n";
      return 2;
    }
  }
  ServerOptions options;
  options.logLevel = LogLevel::Warning;
  LoopbackClient client(options);
  std::string root = std::filesystem::current_path().string();
  auto init =
      client.call("initialize", json::object{{"processId", nullptr},
                                             {"rootUri", protocol::pathToUri(root)},
                                             {"clientInfo", json::object{{"name", "gloss status"}}},
                                             {"capabilities", json::object()}});
  if (!init) {
    std::cerr << "gloss status: initialize failed: " << init.error().message << "\n";
    return 1;
  }
  client.notify("initialized", json::object());
  // The index builds in the background; poll until its first pass is over.
  auto status = client.call("gloss/status", json::object());
  for (int i = 0; i < 600 && status && indexBusy(*status); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    status = client.call("gloss/status", json::object());
  }
  auto shutdown = client.call("shutdown", nullptr);
  client.notify("exit", nullptr);
  int exitStatus = client.finish();
  if (!status || !shutdown || exitStatus != 0) {
    std::cerr << "gloss status: the server did not complete the round trip"
              << (status ? "" : ": " + status.error().message) << "\n";
    return 1;
  }
  if (asJson) {
    std::cout << json::serialize(*status) << "\n";
    return 0;
  }
  const json::object& s = status->as_object();
  std::cout << "gloss " << s.at("version").as_string().c_str() << ": initialize, gloss/status and "
            << "shutdown answered over LSP framing\n"
            << "  workspace: " << root << "\n"
            << "  server: " << json::serialize(init->as_object().at("serverInfo")) << "\n";
  const json::object& index = s.at("index").as_object();
  std::cout << "  index: " << index.at("state").as_string().c_str();
  if (index.contains("files")) {
    std::cout << ", " << index.at("files").as_int64() << " files, " << index.at("chunks").as_int64()
              << " chunks, " << index.at("symbols").as_int64() << " symbols ("
              << index.at("database").as_string().c_str() << ")";
  }
  std::cout << "\n";
  return 0;
}

}  // namespace gloss::server
