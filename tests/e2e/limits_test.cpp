// Resource limits through the real binary: a flood of pipelined requests while every worker is
// busy is answered -32803 "server busy" for the surplus, every request exactly once, with the
// daemon's memory bounded; a storm of full-text didChange notifications queues nothing and the
// daemon keeps answering with the latest text; with maxConcurrentLlmRequests 1 the provider sees
// one request at a time, the others report that they wait and stay cancellable.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <thread>

#include "GlossProcess.h"
#include "TempWorkspace.h"
#include "llm_test_server.h"
#include "tests/sanitizers/SanitizerBuild.h"

namespace gloss::test {
namespace {

constexpr long kMemoryBoundKiB = 200 * 1024;

// AddressSanitizer keeps up to 256 MiB of freed blocks in quarantine to catch use-after-free, so
// in that build the daemon's memory measures the sanitizer: it is printed, not judged.
void expectWithinMemoryBound(long kib) {
  if (kAddressSanitizer) {
    std::cout << "memory bound not judged under AddressSanitizer: " << kib << " KiB\n";
    return;
  }
  EXPECT_LT(kib, kMemoryBoundKiB);
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// A field of /proc/<pid>/status in KiB (VmRSS now, VmHWM the peak so far); -1 if absent.
long statusKiB(pid_t pid, const std::string& field) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(field + ":", 0) == 0) return std::stol(line.substr(field.size() + 1));
  }
  return -1;
}

std::unique_ptr<GlossProcess> startServer(std::vector<std::string> args,
                                          const std::string& root = emptyWorkspace(),
                                          json::object options = {}) {
  args.insert(args.begin(), "serve");
  auto gloss = std::make_unique<GlossProcess>(std::move(args));
  json::value params = initializeParams(root);
  if (!options.empty()) params.as_object()["initializationOptions"] = std::move(options);
  gloss->request(0, "initialize", params);
  EXPECT_TRUE(gloss->responseTo(0));
  gloss->notify("initialized");
  return gloss;
}

// Reads until a `$/progress` on `token` whose value passes `accept`.
bool waitForProgress(GlossProcess& gloss, const std::string& token,
                     const std::function<bool(const json::value&)>& accept) {
  auto seen = [&](const json::value& m) {
    const json::object& o = m.as_object();
    return o.contains("method") && o.at("method") == "$/progress" &&
           o.at("params").at("token") == json::value(token) && accept(o.at("params").at("value"));
  };
  for (const auto& m : gloss.notifications())
    if (seen(m)) return true;
  while (auto message = gloss.read(std::chrono::seconds(20))) {
    if (seen(*message)) return true;
  }
  return false;
}

TEST(LimitsE2E, AFloodGetsServerBusyForTheSurplusAndMemoryStaysBounded) {
  constexpr int kQueue = 8;
  constexpr int kFlood = 5000;
  auto gloss = startServer(
      {"--no-index", "--test-methods", "--workers", "2", "--max-queued", std::to_string(kQueue)});
  // Both workers busy, and known to be running (each has streamed once).
  for (int i = 0; i < 2; ++i) {
    std::string token = "busy-" + std::to_string(i);
    gloss->request(100 + i, "gloss/test/stream",
                   json::object{{"count", 100000}, {"delayMs", 20}, {"partialResultToken", token}});
    ASSERT_TRUE(waitForProgress(*gloss, token, [](const json::value&) { return true; }));
  }
  // The answers are read while the requests are written, as a pipelining client would.
  std::thread writer([&] {
    std::string batch;
    for (int id = 1000; id < 1000 + kFlood; ++id) {
      batch +=
          protocol::encodeFrame(json::serialize(json::object{{"jsonrpc", "2.0"},
                                                             {"id", id},
                                                             {"method", "gloss/test/sleep"},
                                                             {"params", json::object{{"ms", 0}}}}));
    }
    gloss->sendRaw(batch);
  });
  std::map<std::int64_t, int> answers;
  int busy = 0;
  auto readAnswer = [&] {
    auto message = gloss->read(std::chrono::seconds(30));
    if (!message) return false;
    const json::object& o = message->as_object();
    if (!o.contains("id") || o.contains("method")) return true;
    ++answers[o.at("id").to_number<std::int64_t>()];
    if (o.contains("error") && o.at("error").at("code") == json::value(-32803)) {
      ++busy;
      EXPECT_TRUE(contains(std::string(o.at("error").at("message").as_string()), "server busy"));
    }
    return true;
  };
  while (busy < kFlood - kQueue && readAnswer()) {
  }
  writer.join();
  long peakDuringFlood = statusKiB(gloss->pid(), "VmHWM");
  EXPECT_EQ(busy, kFlood - kQueue);
  // Freeing the workers lets the queued requests run.
  for (int i = 0; i < 2; ++i) gloss->notify("$/cancelRequest", json::object{{"id", 100 + i}});
  while (answers.size() < static_cast<std::size_t>(kFlood + 2) && readAnswer()) {
  }
  ASSERT_EQ(answers.size(), static_cast<std::size_t>(kFlood + 2));
  for (const auto& [id, count] : answers) EXPECT_EQ(count, 1) << "request " << id;
  gloss->request(1, "gloss/status");
  auto status = gloss->responseTo(1);
  ASSERT_TRUE(status && status->as_object().contains("result"));
  long rss = statusKiB(gloss->pid(), "VmRSS");
  std::cout << "flood: VmHWM " << peakDuringFlood << " KiB, VmRSS after " << rss << " KiB\n";
  EXPECT_GT(peakDuringFlood, 0);
  expectWithinMemoryBound(peakDuringFlood);
  expectWithinMemoryBound(rss);
}

TEST(LimitsE2E, ADidChangeStormQueuesNothingAndTheLatestTextWins) {
  constexpr int kChanges = 3000;
  TempWorkspace ws;
  ws.write("storm.py", "def start():\n    pass\n");
  auto gloss = startServer({"--no-index"}, ws.root());
  std::string uri = ws.uri("storm.py");
  gloss->notify("textDocument/didOpen",
                json::object{{"textDocument", json::object{{"uri", uri},
                                                           {"languageId", "python"},
                                                           {"version", 0},
                                                           {"text", "def start():\n    pass\n"}}}});
  std::string padding(16 * 1024, '#');
  std::string batch;
  for (int v = 1; v <= kChanges; ++v) {
    std::string text = "# " + padding + "\ndef version_" + std::to_string(v) + "():\n    pass\n";
    batch += protocol::encodeFrame(json::serialize(json::object{
        {"jsonrpc", "2.0"},
        {"method", "textDocument/didChange"},
        {"params", json::object{{"textDocument", json::object{{"uri", uri}, {"version", v}}},
                                {"contentChanges", json::array{json::object{{"text", text}}}}}}}));
    if (batch.size() > (1 << 20)) {
      gloss->sendRaw(batch);
      batch.clear();
    }
  }
  gloss->sendRaw(batch);
  gloss->request(1, "textDocument/documentSymbol",
                 json::object{{"textDocument", json::object{{"uri", uri}}}});
  auto symbols = gloss->responseTo(1, std::chrono::seconds(60));
  ASSERT_TRUE(symbols && symbols->as_object().contains("result"))
      << (symbols ? *symbols : json::value());
  const json::array& list = symbols->at("result").as_array();
  ASSERT_EQ(list.size(), 1u) << *symbols;
  EXPECT_EQ(list[0].at("name"), json::value("version_" + std::to_string(kChanges)));
  long peak = statusKiB(gloss->pid(), "VmHWM");
  std::cout << "didChange storm: VmHWM " << peak << " KiB\n";
  expectWithinMemoryBound(peak);
  gloss->request(2, "gloss/status");
  EXPECT_TRUE(gloss->responseTo(2));
}

TEST(LimitsE2E, LimitSettingsBoundGrepSymbolsAndBuffers) {
  TempWorkspace ws;
  std::string many;
  for (int i = 0; i < 30; ++i) many += "def limit_fn_" + std::to_string(i) + "():\n    pass\n";
  ws.write("many.py", many);
  ws.write("big.txt", "limit_big_marker\n" + std::string(4000, 'x') + "\n");
  json::object settings{{"maxResults", 5},
                        {"maxSymbolResults", 3},
                        {"grepMaxFileSize", 2000},
                        {"maxFileSize", 1000},
                        {"maxPromptTokens", 0}};
  auto gloss = startServer({}, ws.root(), settings);
  ASSERT_TRUE(waitForIndexReady(*gloss, 50000, 800));
  auto call = [&](int id, const std::string& method, json::value params) {
    gloss->request(id, method, std::move(params));
    auto response = gloss->responseTo(id, std::chrono::seconds(30));
    EXPECT_TRUE(response && response->as_object().contains("result")) << method;
    return response ? response->at("result") : json::value();
  };
  json::value grep = call(1, "gloss/grep", json::object{{"pattern", "limit_fn_"}});
  EXPECT_EQ(grep.at("matches").as_array().size(), 5u);
  EXPECT_EQ(grep.at("truncated"), json::value(true));
  json::value asked =
      call(2, "gloss/grep", json::object{{"pattern", "limit_fn_"}, {"maxResults", 100}});
  EXPECT_EQ(asked.at("matches").as_array().size(), 30u);  // a request may ask for more
  json::value big = call(3, "gloss/grep", json::object{{"pattern", "limit_big_marker"}});
  EXPECT_EQ(big.at("matches").as_array().size(), 0u);
  EXPECT_EQ(big.at("filesTooLarge"), json::value(1));
  EXPECT_EQ(call(4, "workspace/symbol", json::object{{"query", "limit_fn"}}).as_array().size(), 3u);
  // An unsaved buffer over maxFileSize is kept (grep sees it) but not chunked.
  std::string huge = "def huge_buffer_fn():\n    pass\n# " + std::string(5000, 'y') + "\n";
  gloss->notify("textDocument/didOpen",
                json::object{{"textDocument", json::object{{"uri", ws.uri("huge.py")},
                                                           {"languageId", "python"},
                                                           {"version", 1},
                                                           {"text", huge}}}});
  json::value outline =
      call(5, "textDocument/documentSymbol",
           json::object{{"textDocument", json::object{{"uri", ws.uri("huge.py")}}}});
  EXPECT_EQ(outline, json::value(json::array()));
  json::value buffered = call(6, "gloss/grep", json::object{{"pattern", "huge_buffer_fn"}});
  EXPECT_EQ(buffered.at("matches").as_array().size(), 1u);
  // maxPromptTokens 0 was refused with a warning naming it, and the default stayed.
  json::value status = call(7, "gloss/status", json::object{});
  EXPECT_EQ(status.at("provider").at("maxPromptTokens"), json::value(32768));
  // Settings from initialize are read before logs reach the editor: the warning is on stderr.
  EXPECT_TRUE(contains(gloss->stderrText(), "settings.maxPromptTokens")) << gloss->stderrText();
}

class LlmLimitE2E : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    setenv("NO_PROXY", "127.0.0.1,localhost", 1);
    loopback_ = std::make_unique<llm::test::LoopbackProvider>();
  }
  static void TearDownTestSuite() { loopback_.reset(); }
  void SetUp() override { loopback_->reset(); }

  int chatRequests() {
    int n = 0;
    for (const auto& r : loopback_->requests())
      if (contains(std::string(r.at("url").as_string()), "chat/completions")) ++n;
    return n;
  }

  static std::unique_ptr<llm::test::LoopbackProvider> loopback_;
};
std::unique_ptr<llm::test::LoopbackProvider> LlmLimitE2E::loopback_;

TEST_F(LlmLimitE2E, WithOneSlotTheProviderSeesOneRequestAtATime) {
  // Enough workers that the waiting requests run and wait on the slot, not on a worker.
  auto gloss =
      startServer({"--no-index", "--test-methods", "--workers", "4"}, emptyWorkspace(),
                  json::object{{"maxConcurrentLlmRequests", 1},
                               {"maxPromptTokens", 3000},
                               {"llm", json::object{{"provider", "openai"},
                                                    {"baseUrl", loopback_->origin() + "/v1"},
                                                    {"model", "gpt-4o"},
                                                    {"apiKey", "sk-e2e-limits-0000"}}}});
  // The health check is a request too: let it pass before scripting the chats.
  for (int i = 0; i < 400; ++i) {
    gloss->request(900 + i, "gloss/status");
    auto status = gloss->responseTo(900 + i);
    ASSERT_TRUE(status);
    const json::value& provider = status->at("result").at("provider");
    if (!provider.at("health").at("ok").is_null()) {
      EXPECT_EQ(provider.at("promptBudget"), json::value(3000));
      EXPECT_EQ(provider.at("requests").at("limit"), json::value(1));
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  loopback_->script(json::array{json::object{{"waitForReleaseAfter", 1}}, json::object{}});
  auto isWaiting = [](const json::value& v) {
    const json::object& o = v.as_object();
    return o.contains("message") &&
           contains(std::string(o.at("message").as_string()), "waiting for a free slot");
  };
  gloss->request(1, "gloss/test/chat",
                 json::object{{"message", "first"}, {"partialResultToken", "first"}});
  ASSERT_TRUE(waitForProgress(*gloss, "first", [](const json::value&) { return true; }));
  gloss->request(2, "gloss/test/chat",
                 json::object{{"message", "second"}, {"workDoneToken", "w2"}});
  ASSERT_TRUE(waitForProgress(*gloss, "w2", isWaiting));
  gloss->request(3, "gloss/test/chat", json::object{{"message", "third"}, {"workDoneToken", "w3"}});
  ASSERT_TRUE(waitForProgress(*gloss, "w3", isWaiting));
  EXPECT_EQ(chatRequests(), 1);
  gloss->notify("$/cancelRequest", json::object{{"id", 3}});
  auto third = gloss->responseTo(3, std::chrono::seconds(20));
  ASSERT_TRUE(third);
  EXPECT_EQ(third->at("error").at("code"), json::value(-32800)) << *third;
  EXPECT_EQ(chatRequests(), 1);
  loopback_->release();
  for (int id : {1, 2}) {
    auto done = gloss->responseTo(id, std::chrono::seconds(30));
    ASSERT_TRUE(done);
    EXPECT_EQ(done->at("result").at("complete"), json::value(true)) << *done;
  }
  EXPECT_EQ(chatRequests(), 2);  // the cancelled one never reached the provider
}

}  // namespace
}  // namespace gloss::test
