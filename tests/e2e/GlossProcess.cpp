#include "GlossProcess.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <stdexcept>
#include <thread>

namespace gloss::test {

GlossProcess::GlossProcess(std::vector<std::string> args, std::string workingDir) {
  int inPipe[2], outPipe[2], errPipe[2];
  if (pipe(inPipe) || pipe(outPipe) || pipe(errPipe)) throw std::runtime_error("pipe failed");
  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    dup2(inPipe[0], 0);
    dup2(outPipe[1], 1);
    dup2(errPipe[1], 2);
    for (int fd : {inPipe[0], inPipe[1], outPipe[0], outPipe[1], errPipe[0], errPipe[1]}) close(fd);
    if (!workingDir.empty() && chdir(workingDir.c_str()) != 0) _exit(126);
    std::vector<char*> argv;
    std::string binary = GLOSS_BINARY;
    argv.push_back(binary.data());
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(binary.c_str(), argv.data());
    _exit(127);
  }
  close(inPipe[0]);
  close(outPipe[1]);
  close(errPipe[1]);
  in_ = inPipe[1];
  out_ = outPipe[0];
  err_ = errPipe[0];
  fcntl(err_, F_SETFL, O_NONBLOCK);
  signal(SIGPIPE, SIG_IGN);
}

GlossProcess::~GlossProcess() {
  closeStdin();
  if (wait(std::chrono::seconds(5)) == -1 && pid_ > 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  if (out_ >= 0) close(out_);
  if (err_ >= 0) close(err_);
}

void GlossProcess::sendRaw(std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::write(in_, bytes.data(), bytes.size());
    if (n <= 0) return;
    bytes.remove_prefix(static_cast<size_t>(n));
  }
}

void GlossProcess::send(const json::value& message) {
  sendRaw(protocol::encodeFrame(json::serialize(message)));
}

void GlossProcess::request(json::value id, std::string_view method, json::value params) {
  send(json::object{{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", params}});
}

void GlossProcess::notify(std::string_view method, json::value params) {
  send(json::object{{"jsonrpc", "2.0"}, {"method", method}, {"params", params}});
}

void GlossProcess::closeStdin() {
  if (in_ >= 0) close(in_);
  in_ = -1;
}

std::optional<json::value> GlossProcess::read(std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    while (auto event = decoder_.next()) {
      if (event->kind == protocol::FrameEvent::Kind::Body) return json::parse(event->body);
      throw std::runtime_error("server wrote a bad frame: " + event->detail);
    }
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return std::nullopt;
    pollfd p{out_, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(left.count())) <= 0) continue;
    char buf[65536];
    ssize_t n = ::read(out_, buf, sizeof buf);
    if (n <= 0) return std::nullopt;
    decoder_.feed(std::string_view(buf, static_cast<size_t>(n)));
  }
}

std::optional<json::value> GlossProcess::responseTo(const json::value& id,
                                                    std::chrono::milliseconds timeout) {
  for (auto it = pending_.begin(); it != pending_.end(); ++it) {
    if (it->as_object().at("id") == id) {
      json::value found = *it;
      pending_.erase(it);
      return found;
    }
  }
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    auto message = read(left);
    if (!message) return std::nullopt;
    const json::object& o = message->as_object();
    if (o.contains("id") && o.contains("method")) {
      // A request from the server (e.g. creating a progress token): accept it, as editors do.
      send(json::object{{"jsonrpc", "2.0"}, {"id", o.at("id")}, {"result", nullptr}});
      notifications_.push_back(*message);
    } else if (!o.contains("id") || o.contains("method")) {
      notifications_.push_back(*message);
    } else if (o.at("id") == id) {
      return message;
    } else {
      pending_.push_back(*message);
    }
  }
  return std::nullopt;
}

void GlossProcess::killHard() {
  if (pid_ > 0 && status_ == -1) {
    kill(pid_, SIGKILL);
    wait(std::chrono::seconds(10));
  }
}

int GlossProcess::wait(std::chrono::milliseconds timeout) {
  if (status_ != -1 || pid_ <= 0) return status_;
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    int raw = 0;
    pid_t r = waitpid(pid_, &raw, WNOHANG);
    if (r == pid_) {
      status_ = WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
      return status_;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return -1;
}

std::string GlossProcess::stderrText() {
  char buf[4096];
  for (ssize_t n; (n = ::read(err_, buf, sizeof buf)) > 0;)
    stderr_.append(buf, static_cast<size_t>(n));
  return stderr_;
}

const std::string& emptyWorkspace() {
  // Made on first use, removed when the test process exits.
  struct Folder {
    Folder() {
      std::string pattern = "/tmp/gloss-empty-XXXXXX";
      path = mkdtemp(pattern.data());
    }
    ~Folder() {
      std::error_code ec;
      std::filesystem::remove_all(path, ec);
    }
    std::string path;
  };
  static const Folder folder;
  return folder.path;
}

json::value initializeParams(const std::string& rootPath) {
  return json::object{{"processId", nullptr},
                      {"rootUri", "file://" + rootPath},
                      {"capabilities", json::object()},
                      {"clientInfo", json::object{{"name", "gloss-e2e"}}}};
}

bool waitForIndexReady(GlossProcess& gloss, int firstId, int attempts) {
  for (int i = 0; i < attempts; ++i) {
    gloss.request(firstId + i, "gloss/status");
    auto status = gloss.responseTo(firstId + i);
    if (!status) return false;
    const json::value& index = status->at("result").at("index");
    if (index.at("state") == json::value("ready") && index.at("pendingJobs") == json::value(0)) {
      return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  return false;
}

}  // namespace gloss::test
