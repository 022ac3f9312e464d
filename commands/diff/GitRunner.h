// Runs `git` as a subprocess (Boost.Process, no shell: arguments go as a vector) in one
// repository, with a time limit and a cap on what it may print, and captures stdout and stderr
// separately so that git's own message can be shown when it refuses.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

#include "protocol/Expected.h"

namespace gloss::commands::diff {

struct GitOutput {
  int exitCode = -1;
  std::string out;
  std::string err;
  bool truncated = false;  // stdout reached the cap; git was stopped there
};

class GitRunner {
 public:
  GitRunner(std::string workingDir, std::chrono::milliseconds timeout);

  // `git -c core.quotepath=off ARGS...` run in the working folder with `input` on stdin (none
  // when empty). An error only when git cannot be started or overruns the time limit; a
  // non-zero exit is a normal result.
  gloss::Expected<GitOutput, std::string> run(const std::vector<std::string>& args,
                                              const std::string& input = {},
                                              std::size_t maxOutputBytes = kDefaultMaxOutput) const;

  // git's message from stderr, on one line, without the "fatal: " prefix.
  static std::string message(const GitOutput& output);

  static constexpr std::size_t kDefaultMaxOutput = std::size_t{512} << 20;

 private:
  std::string workingDir_;
  std::chrono::milliseconds timeout_;
};

}  // namespace gloss::commands::diff
