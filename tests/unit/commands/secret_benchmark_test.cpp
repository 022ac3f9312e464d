// Throughput of SecretRedactor::redact, printed, never asserted (machines differ). Run with
//   gloss_commands_tests --gtest_filter='SecretBenchmark*'
// Ordinary source is gloss's own C++ (1 MiB of it, repeated as needed); the other inputs show
// the cost when many rules match: config-style assignments, and text dense with secrets.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "secret_test_support.h"

namespace gloss::redact {
namespace {

namespace fs = std::filesystem;
using testing::loadCorpus;
using testing::sharedRedactor;

constexpr std::size_t kInputBytes = std::size_t{1} << 20;
constexpr int kRounds = 5;

std::string repeatTo(std::string_view piece, std::size_t bytes) {
  std::string out;
  while (out.size() < bytes) out.append(piece);
  return out;
}

// The C++ sources of gloss's own layers; grammar packages are left out.
std::string ownSources() {
  fs::path root = fs::path(GLOSS_TEST_DATA_DIR).parent_path().parent_path();
  std::vector<fs::path> files;
  for (std::string_view layer : {"protocol", "indexer", "server", "commands"}) {
    for (const auto& entry : fs::recursive_directory_iterator(root / layer)) {
      std::string path = entry.path().string();
      if (path.find("node_modules") != path.npos || !entry.is_regular_file()) continue;
      std::string extension = entry.path().extension().string();
      if (extension == ".cpp" || extension == ".h") files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  std::string text;
  for (const fs::path& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    text += content.str();
  }
  return text;
}

std::string configAssignments() {
  return repeatTo(
      "service_name = \"orders\"\nretry_count = 3\ncache_key = \"user:42:profile\"\n"
      "token_type = \"Bearer\"\nmax_tokens = 4096\npassword_min_length = 12\n"
      "api_base = \"https://api.example.test/v1\"\nsecret_name = \"orders-db\"\n",
      kInputBytes);
}

std::string denseSecrets() {
  std::string corpus;
  for (const auto& c : loadCorpus("true_positives.txt")) {
    if (c.title.find("redacted to its end") == std::string::npos) corpus += c.text + "\n";
  }
  return repeatTo(corpus, kInputBytes);
}

void measure(const char* label, const std::string& text) {
  double best = 1e9;
  std::size_t redactions = 0;
  for (int round = 0; round < kRounds; ++round) {
    auto start = std::chrono::steady_clock::now();
    Redaction result = sharedRedactor().redact(text);
    std::chrono::duration<double, std::milli> elapsed = std::chrono::steady_clock::now() - start;
    best = std::min(best, elapsed.count());
    redactions = result.spans.size();
  }
  double megabytes = static_cast<double>(text.size()) / (1 << 20);
  std::printf("%-26s %7.2f MiB %8.2f ms %8.1f MiB/s %7zu redactions\n", label, megabytes, best,
              megabytes / (best / 1000), redactions);
}

TEST(SecretBenchmark, Throughput) {
  std::string sources = ownSources();
  ASSERT_GT(sources.size(), 100'000u);
  std::string ordinary = repeatTo(sources, kInputBytes);
  measure("ordinary source (C++)", ordinary);
  measure("config assignments", configAssignments());
  measure("dense secrets", denseSecrets());
  measure("small message (200 B)", std::string(ordinary.substr(0, 200)));
}

}  // namespace
}  // namespace gloss::redact
