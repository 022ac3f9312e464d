#include "ProcessRun.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <sstream>

namespace gloss::test {
namespace {

struct Pipe {
  int read = -1, write = -1;
  Pipe() {
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) == 0) {
      read = fds[0];
      write = fds[1];
    }
  }
  ~Pipe() {
    closeRead();
    closeWrite();
  }
  void closeRead() {
    if (read >= 0) close(read);
    read = -1;
  }
  void closeWrite() {
    if (write >= 0) close(write);
    write = -1;
  }
};

// Only async-signal-safe calls between fork and exec: the parent prepared everything.
[[noreturn]] void execChild(const std::string& path, std::vector<char*>& argv,
                            const std::string& workingDir, Pipe& out, Pipe& err, Pipe& status) {
  int devNull = open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (devNull < 0 || dup2(devNull, 0) < 0 || dup2(out.write, 1) < 0 || dup2(err.write, 2) < 0 ||
      (!workingDir.empty() && chdir(workingDir.c_str()) != 0)) {
    int e = errno;
    (void)!write(status.write, &e, sizeof e);
    _exit(127);
  }
  execv(path.c_str(), argv.data());
  int e = errno;
  (void)!write(status.write, &e, sizeof e);
  _exit(127);
}

// Drains both pipes until the child closes them or the deadline passes; false at the deadline.
bool drain(Pipe& out, Pipe& err, ProcessResult& result,
           std::chrono::steady_clock::time_point deadline) {
  while (out.read >= 0 || err.read >= 0) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd fds[2] = {{out.read, POLLIN, 0}, {err.read, POLLIN, 0}};
    if (poll(fds, 2, static_cast<int>(left.count())) < 0 && errno != EINTR) return false;
    std::pair<Pipe*, std::string*> streams[2] = {{&out, &result.out}, {&err, &result.err}};
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      char buf[65536];
      ssize_t n = ::read(fds[i].fd, buf, sizeof buf);
      if (n > 0) {
        streams[i].second->append(buf, static_cast<size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        streams[i].first->closeRead();
      }
    }
  }
  return true;
}

}  // namespace

std::string findOnPath(const std::string& program) {
  const char* path = std::getenv("PATH");
  std::istringstream dirs(path ? path : "/usr/local/bin:/usr/bin:/bin");
  for (std::string dir; std::getline(dirs, dir, ':');) {
    std::string candidate = (dir.empty() ? "." : dir) + "/" + program;
    struct stat st;
    if (stat(candidate.c_str(), &st) == 0 && S_ISREG(st.st_mode) &&
        access(candidate.c_str(), X_OK) == 0) {
      return candidate;
    }
  }
  return {};
}

ProcessResult runProcess(const std::vector<std::string>& args, const std::string& workingDir,
                         std::chrono::milliseconds timeout) {
  ProcessResult result;
  if (args.empty()) {
    result.failure = "no program given";
    return result;
  }
  std::string path = args[0].find('/') == std::string::npos ? findOnPath(args[0]) : args[0];
  if (path.empty()) {
    result.failure = "'" + args[0] + "' is not on PATH";
    return result;
  }
  std::vector<std::string> argStorage = args;
  std::vector<char*> argv;
  for (auto& a : argStorage) argv.push_back(a.data());
  argv.push_back(nullptr);

  Pipe out, err, status;
  if (out.read < 0 || err.read < 0 || status.read < 0) {
    result.failure = "pipe failed";
    return result;
  }
  signal(SIGPIPE, SIG_IGN);
  pid_t pid = fork();
  if (pid < 0) {
    result.failure = "fork failed";
    return result;
  }
  if (pid == 0) execChild(path, argv, workingDir, out, err, status);
  out.closeWrite();
  err.closeWrite();
  status.closeWrite();

  // The status pipe closes on a successful exec (O_CLOEXEC) or carries the child's errno.
  int childErrno = 0;
  if (::read(status.read, &childErrno, sizeof childErrno) == sizeof childErrno) {
    waitpid(pid, nullptr, 0);
    result.failure = "cannot run " + path + ": " + std::strerror(childErrno);
    return result;
  }

  bool finished = drain(out, err, result, std::chrono::steady_clock::now() + timeout);
  if (!finished) kill(pid, SIGKILL);
  int raw = 0;
  while (waitpid(pid, &raw, 0) < 0 && errno == EINTR) {
  }
  if (!finished) {
    result.failure = path + " killed after " + std::to_string(timeout.count()) + " ms";
    return result;
  }
  result.exitStatus = WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
  return result;
}

}  // namespace gloss::test
