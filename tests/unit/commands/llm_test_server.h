// The loopback provider (tests/llm-server/server.js, run by Node) as a child process, and the
// little HTTP client the tests use to script it and read what it received. The control client
// is plain libcurl, independent of the code under test.
#pragma once

#include <curl/curl.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>

#include "commands/llm/ProviderConfig.h"

namespace gloss::llm::test {

namespace json = boost::json;

inline size_t appendToString(char* data, size_t size, size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

// A blocking request to the control endpoints; throws when the server does not answer.
inline std::string controlRequest(const std::string& url, const std::string* postBody) {
  CURL* easy = curl_easy_init();
  std::string response;
  curl_easy_setopt(easy, CURLOPT_URL, url.c_str());
  curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, 10000L);
  curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, &appendToString);
  curl_easy_setopt(easy, CURLOPT_WRITEDATA, &response);
  if (postBody) curl_easy_setopt(easy, CURLOPT_POSTFIELDS, postBody->c_str());
  CURLcode code = curl_easy_perform(easy);
  curl_easy_cleanup(easy);
  if (code != CURLE_OK) throw std::runtime_error("control request failed: " + url);
  return response;
}

class LoopbackProvider {
 public:
  LoopbackProvider() {
    int inPipe[2], outPipe[2];
    if (pipe(inPipe) || pipe(outPipe)) throw std::runtime_error("pipe failed");
    pid_ = fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
      prctl(PR_SET_PDEATHSIG, SIGKILL);  // never outlive a crashed test binary
      dup2(inPipe[0], 0);
      dup2(outPipe[1], 1);
      for (int fd : {inPipe[0], inPipe[1], outPipe[0], outPipe[1]}) close(fd);
      execl(GLOSS_NODE_BINARY, GLOSS_NODE_BINARY, GLOSS_LLM_TEST_SERVER, nullptr);
      _exit(127);
    }
    close(inPipe[0]);
    close(outPipe[1]);
    stdin_ = inPipe[1];
    stdout_ = outPipe[0];
    port_ = readPort();
  }

  ~LoopbackProvider() {
    close(stdin_);  // the server exits when its stdin closes
    if (!waitForExit(std::chrono::seconds(3))) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    close(stdout_);
  }

  LoopbackProvider(const LoopbackProvider&) = delete;
  LoopbackProvider& operator=(const LoopbackProvider&) = delete;

  int port() const { return port_; }
  std::string origin() const { return "http://127.0.0.1:" + std::to_string(port_); }

  void script(json::array scenarios) {
    std::string body = json::serialize(json::object{{"scenarios", std::move(scenarios)}});
    controlRequest(origin() + "/__script", &body);
  }
  json::array requests() {
    return json::parse(controlRequest(origin() + "/__requests", nullptr)).as_array();
  }
  void release() {
    std::string empty;
    controlRequest(origin() + "/__release", &empty);
  }
  void reset() {
    std::string empty;
    controlRequest(origin() + "/__reset", &empty);
  }

 private:
  int readPort() {
    std::string text;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (text.find('\n') == std::string::npos) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      pollfd p{stdout_, POLLIN, 0};
      if (left.count() <= 0 || poll(&p, 1, static_cast<int>(left.count())) <= 0)
        throw std::runtime_error("the loopback provider did not start");
      char buf[256];
      ssize_t n = read(stdout_, buf, sizeof buf);
      if (n <= 0) throw std::runtime_error("the loopback provider exited at start");
      text.append(buf, static_cast<size_t>(n));
    }
    if (!text.starts_with("LISTENING ")) throw std::runtime_error("unexpected: " + text);
    return std::stoi(text.substr(10));
  }

  bool waitForExit(std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      if (waitpid(pid_, nullptr, WNOHANG) == pid_) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
  }

  pid_t pid_ = -1;
  int stdin_ = -1, stdout_ = -1;
  int port_ = 0;
};

}  // namespace gloss::llm::test
