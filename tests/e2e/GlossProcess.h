// The real `gloss` binary as a child process on pipes, for end-to-end tests: send raw bytes or
// framed messages, read framed messages with a deadline, collect the exit status.
#pragma once

#include <sys/types.h>

#include <boost/json.hpp>
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "protocol/Framing.h"

namespace gloss::test {

namespace json = boost::json;

class GlossProcess {
 public:
  explicit GlossProcess(std::vector<std::string> args, std::string workingDir = {});
  ~GlossProcess();

  void sendRaw(std::string_view bytes);
  void send(const json::value& message);
  void request(json::value id, std::string_view method, json::value params = json::object());
  void notify(std::string_view method, json::value params = json::object());
  void closeStdin();
  // SIGKILL, as a crash or `kill -9` would end it, and reaps it.
  void killHard();

  // The next message from the server, or nothing at the deadline / end of output.
  std::optional<json::value> read(std::chrono::milliseconds timeout = std::chrono::seconds(10));
  // Reads until the response with `id`, keeping the notifications seen on the way.
  std::optional<json::value> responseTo(
      const json::value& id, std::chrono::milliseconds timeout = std::chrono::seconds(10));
  const std::vector<json::value>& notifications() const { return notifications_; }

  // Waits for the process to end; returns its exit status, or -1 at the deadline.
  int wait(std::chrono::milliseconds timeout = std::chrono::seconds(10));
  std::string stderrText();
  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
  int in_ = -1, out_ = -1, err_ = -1;
  int status_ = -1;
  protocol::FrameDecoder decoder_{256 * 1024 * 1024};
  std::vector<json::value> pending_;
  std::vector<json::value> notifications_;
  std::string stderr_;
};

// Polls gloss/status (request ids from `firstId` on, 25 ms apart, at most `attempts` times) until
// the index is ready with no job pending; false if it never is.
bool waitForIndexReady(GlossProcess& gloss, int firstId, int attempts);

// Initialize params for a workspace at `rootPath`; by default an empty folder made for this test
// process, so that lifecycle tests do not index anything real.
const std::string& emptyWorkspace();
json::value initializeParams(const std::string& rootPath = emptyWorkspace());

}  // namespace gloss::test
