// Boost.Process v1 with std::filesystem, so the commands library needs no Boost.Filesystem.
#define BOOST_PROCESS_USE_STD_FS
#include "commands/diff/GitRunner.h"

#include <array>
#include <boost/asio.hpp>
#include <boost/process.hpp>
#include <functional>
#include <memory>

namespace gloss::commands::diff {

namespace {

namespace asio = boost::asio;
namespace bp = boost::process;

// Reads a pipe to its end into `text`, stopping (and calling `onFull`) at `limit` bytes.
class PipeReader : public std::enable_shared_from_this<PipeReader> {
 public:
  PipeReader(bp::async_pipe& pipe, std::string& text, std::size_t limit,
             std::function<void()> onFull)
      : pipe_(pipe), text_(text), limit_(limit), onFull_(std::move(onFull)) {}

  void start() {
    auto self = shared_from_this();
    pipe_.async_read_some(
        asio::buffer(buffer_), [self](const boost::system::error_code& error, std::size_t n) {
          if (n > 0) {
            std::size_t room = self->limit_ - std::min(self->limit_, self->text_.size());
            self->text_.append(self->buffer_.data(), std::min(n, room));
            if (n > room) {
              self->onFull_();
              return;
            }
          }
          if (!error) self->start();
        });
  }

 private:
  bp::async_pipe& pipe_;
  std::string& text_;
  std::size_t limit_;
  std::function<void()> onFull_;
  std::array<char, 65536> buffer_{};
};

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' '))
    text.pop_back();
  return text;
}

}  // namespace

GitRunner::GitRunner(std::string workingDir, std::chrono::milliseconds timeout)
    : workingDir_(std::move(workingDir)), timeout_(timeout) {}

gloss::Expected<GitOutput, std::string> GitRunner::run(const std::vector<std::string>& args,
                                                       const std::string& input,
                                                       std::size_t maxOutputBytes) const {
  std::filesystem::path git = bp::search_path("git");
  if (git.empty()) return gloss::unexpected(std::string("git was not found on PATH"));
  std::vector<std::string> argv{"-c", "core.quotepath=off"};
  argv.insert(argv.end(), args.begin(), args.end());
  bp::environment environment = boost::this_process::environment();
  environment["GIT_TERMINAL_PROMPT"] = "0";  // never wait for a password in CI
  environment["GIT_OPTIONAL_LOCKS"] = "0";   // a diff must not take the index lock
  environment["LC_ALL"] = "C";               // messages users can search for

  asio::io_context io;
  bp::async_pipe out(io), err(io), in(io);
  GitOutput result;
  std::error_code startError;
  bp::child child(git, bp::args(argv), bp::start_dir(workingDir_), bp::env(environment),
                  bp::std_out > out, bp::std_err > err, bp::std_in < in, bp::error(startError));
  if (startError) return gloss::unexpected("cannot run git: " + startError.message());
  auto stop = [&] {
    result.truncated = true;
    std::error_code ignored;
    child.terminate(ignored);
  };
  std::make_shared<PipeReader>(out, result.out, maxOutputBytes, stop)->start();
  std::make_shared<PipeReader>(err, result.err, std::size_t{1} << 20, [] {})->start();
  if (input.empty()) {
    in.close();
  } else {
    asio::async_write(in, asio::buffer(input),
                      [&in](const boost::system::error_code&, std::size_t) { in.close(); });
  }
  io.run_for(timeout_);
  bool finished = io.stopped();
  std::error_code waitError;
  if (!finished) child.terminate(waitError);
  child.wait(waitError);
  if (!finished)
    return gloss::unexpected("git " + (args.empty() ? std::string() : args.front()) +
                             " did not finish within " + std::to_string(timeout_.count() / 1000) +
                             " s");
  result.exitCode = result.truncated ? 0 : child.exit_code();
  return result;
}

std::string GitRunner::message(const GitOutput& output) {
  std::string text = trimmed(output.err);
  std::string line;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    std::string part = text.substr(start, end == std::string::npos ? end : end - start);
    if (part.starts_with("fatal: ")) part.erase(0, 7);
    if (part.starts_with("error: ")) part.erase(0, 7);
    if (!part.empty() && !part.starts_with("hint: ")) line += (line.empty() ? "" : "; ") + part;
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return line.empty() ? "git exited with status " + std::to_string(output.exitCode) : line;
}

}  // namespace gloss::commands::diff
