// Runs a program to completion and captures what it wrote, for tests that compare command-line
// tools: no shell in between, so patterns reach the program byte for byte.
#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace gloss::test {

struct ProcessResult {
  // The exit status, 128 + signal when killed, or -1 when the program could not be started or
  // was killed at the deadline (`failure` then says which).
  int exitStatus = -1;
  std::string out;
  std::string err;
  std::string failure;
};

// Runs argv[0] (looked up on PATH when it has no '/') in `workingDir` with stdin on /dev/null.
ProcessResult runProcess(const std::vector<std::string>& argv, const std::string& workingDir = {},
                         std::chrono::milliseconds timeout = std::chrono::seconds(60));

// The full path of `program` on PATH, or empty when it is not there.
std::string findOnPath(const std::string& program);

}  // namespace gloss::test
