// Faults against the loopback server: retries (only before the first token), timeouts,
// cancellation latency, broken streams. Timing bounds are generous for a busy machine.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <thread>

#include "llm_provider_fixture.h"

namespace gloss::llm::test {
namespace {

using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

class LlmFaultsTest : public LlmServerTest {
 protected:
  ChatResult chat(const ProviderConfig& config, DeltaSink sink = nullptr,
                  CancelCheck cancelled = nullptr) {
    ChatResult result = makeProvider(config)->chat(simpleRequest(), sink, cancelled);
    expectNoKey(result);
    return result;
  }
  std::string errorText(const ChatResult& result) {
    return result.error ? result.error->message : std::string("(no error)");
  }
};

// Sets a cancel flag `delay` after `start` becomes true (or after `delay` if no start is given)
// and remembers when, so the test can measure how long the provider took to return.
class Canceller {
 public:
  Canceller(milliseconds delay, std::atomic<bool>* start = nullptr)
      : thread_([this, delay, start] {
          while (start && !*start) std::this_thread::sleep_for(milliseconds(5));
          std::this_thread::sleep_for(delay);
          at_ = Clock::now();
          flag_ = true;
        }) {}
  ~Canceller() { thread_.join(); }
  CancelCheck check() {
    return [this] { return flag_.load(); };
  }
  long long millisSinceCancel() const { return millisBetween(at_, Clock::now()); }

 private:
  std::atomic<bool> flag_ = false;
  Clock::time_point at_;
  std::thread thread_;
};

long long receivedAt(const json::value& request) {
  return request.at("receivedAt").to_number<long long>();
}

TEST_F(LlmFaultsTest, RetriesA429AfterTheTimeItAsksFor) {
  server().script(json::array{
      {{"status", 429}, {"headers", {{"Retry-After", "1"}}}, {"errorMessage", "Slow down."}},
      json::object{}});
  ChatResult result = chat(configFor(ProviderKind::OpenAi));
  EXPECT_EQ(result.text, "Hello, world!");
  EXPECT_FALSE(result.error) << errorText(result);
  EXPECT_EQ(result.attempts, 2);
  json::array requests = server().requests();
  ASSERT_EQ(requests.size(), 2u);
  long long gap = receivedAt(requests[1]) - receivedAt(requests[0]);
  std::printf("[ measured ] Retry-After: 1 -> retried after %lld ms\n", gap);
  EXPECT_GE(gap, 900);
}

TEST_F(LlmFaultsTest, RetriesServerErrorsBeforeTheFirstToken) {
  server().script(json::array{{{"status", 500}}, {{"status", 503}}, json::object{}});
  ChatResult result = chat(configFor(ProviderKind::OpenAi));
  EXPECT_EQ(result.text, "Hello, world!");
  EXPECT_EQ(result.attempts, 3);
  EXPECT_EQ(server().requests().size(), 3u);
}

TEST_F(LlmFaultsTest, GivesUpAfterTheLastRetryWithTheProvidersMessage) {
  json::object failing{{"status", 500}, {"errorMessage", "The engine is on fire."}};
  server().script(json::array{failing, failing, failing, failing});
  ChatResult result = chat(configFor(ProviderKind::OpenAi));
  ASSERT_TRUE(result.error);
  EXPECT_EQ(result.error->kind, ProviderError::Kind::Http);
  EXPECT_EQ(result.error->httpStatus, 500);
  EXPECT_NE(errorText(result).find("answered HTTP 500 (Internal Server Error): The engine is on "
                                   "fire. Gave up after 3 attempts."),
            std::string::npos)
      << errorText(result);
  EXPECT_EQ(result.attempts, 3);
  EXPECT_EQ(server().requests().size(), 3u);
}

TEST_F(LlmFaultsTest, DoesNotRetryARequestTheProviderRejected) {
  server().script(
      json::array{{{"status", 400}, {"errorMessage", "Unknown model."}}, json::object{}});
  ChatResult result = chat(configFor(ProviderKind::OpenAi));
  ASSERT_TRUE(result.error);
  EXPECT_EQ(result.error->httpStatus, 400);
  EXPECT_EQ(server().requests().size(), 1u);
}

TEST_F(LlmFaultsTest, ADropAfterTextIsNotRetriedAndKeepsWhatArrived) {
  server().script(json::array{{{"dropAfter", 2}}, json::object{}});
  ChatResult result = chat(configFor(ProviderKind::OpenAi));
  EXPECT_EQ(result.text, "Hello, ");
  EXPECT_FALSE(result.complete);
  ASSERT_TRUE(result.error);
  EXPECT_EQ(result.error->kind, ProviderError::Kind::Connect);
  EXPECT_NE(errorText(result).find("broke after 7 characters"), std::string::npos)
      << errorText(result);
  EXPECT_NE(errorText(result).find("the answer is incomplete"), std::string::npos);
  EXPECT_EQ(result.attempts, 1);
  EXPECT_EQ(server().requests().size(), 1u);
}

TEST_F(LlmFaultsTest, ADropBeforeTheFirstTokenIsRetried) {
  server().script(json::array{{{"dropAfter", 0}}, json::object{}});
  ChatResult result = chat(configFor(ProviderKind::Anthropic));
  EXPECT_EQ(result.text, "Hello, world!");
  EXPECT_FALSE(result.error) << errorText(result);
  EXPECT_EQ(result.attempts, 2);
}

TEST_F(LlmFaultsTest, RefusedConnectionsAreRetriedAndExplained) {
  ProviderConfig config = configFor(ProviderKind::OpenAi);
  config.baseUrl = "http://127.0.0.1:1/v1";
  ChatResult result = chat(config);
  ASSERT_TRUE(result.error);
  EXPECT_EQ(result.error->kind, ProviderError::Kind::Connect);
  EXPECT_TRUE(errorText(result).starts_with(
      "Could not connect to the openai provider at http://127.0.0.1:1/v1: "))
      << errorText(result);
  EXPECT_EQ(result.attempts, 3);
}

// A port whose listening socket never accepts and whose backlog is full: the kernel drops new
// connection attempts, so connecting hangs until the client's own timeout.
class UnansweredPort {
 public:
  UnansweredPort() {
    listener_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address);
    listen(listener_, 0);
    socklen_t length = sizeof address;
    getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
    for (int i = 0; i < 4; ++i) {
      int filler = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
      connect(filler, reinterpret_cast<sockaddr*>(&address), sizeof address);
      fillers_.push_back(filler);
    }
    std::this_thread::sleep_for(milliseconds(100));
  }
  ~UnansweredPort() {
    for (int fd : fillers_) close(fd);
    close(listener_);
  }
  int port() const { return port_; }

 private:
  int listener_ = -1, port_ = 0;
  std::vector<int> fillers_;
};

TEST_F(LlmFaultsTest, AConnectTimeoutIsRetriedThenReported) {
  UnansweredPort port;
  ProviderConfig config = configFor(ProviderKind::OpenAi);
  config.baseUrl = "http://127.0.0.1:" + std::to_string(port.port()) + "/v1";
  config.timeouts.connect = milliseconds(300);
  config.retry.maxRetries = 1;
  auto start = Clock::now();
  ChatResult result = chat(config);
  ASSERT_TRUE(result.error);
  EXPECT_EQ(result.error->kind, ProviderError::Kind::Timeout) << errorText(result);
  EXPECT_NE(errorText(result).find("within 0.3 s"), std::string::npos) << errorText(result);
  EXPECT_EQ(result.attempts, 2);
  EXPECT_LT(millisBetween(start, Clock::now()), 5000);
}

TEST_F(LlmFaultsTest, AFirstTokenTimeoutIsNotRetried) {
  server().script(json::array{{{"firstByteDelayMs", 30000}}, json::object{}});
  ProviderConfig config = configFor(ProviderKind::OpenAi);
  config.timeouts.firstToken = milliseconds(500);
  auto start = Clock::now();
  ChatResult result = chat(config);
  ASSERT_TRUE(result.error);
  EXPECT_EQ(result.error->kind, ProviderError::Kind::Timeout);
  EXPECT_NE(errorText(result).find("sent no answer within 0.5 s"), std::string::npos)
      << errorText(result);
  EXPECT_EQ(result.attempts, 1);
  EXPECT_LT(millisBetween(start, Clock::now()), 5000);
}

TEST_F(LlmFaultsTest, KeepAlivesDoNotCountAsTheFirstToken) {
  server().script(json::array{{{"keepAliveMs", 30000}}});
  ProviderConfig config = configFor(ProviderKind::OpenAi);
  config.timeouts.firstToken = milliseconds(600);
  ChatResult result = chat(config);
  ASSERT_TRUE(result.error);
  EXPECT_EQ(result.error->kind, ProviderError::Kind::Timeout) << errorText(result);
  EXPECT_TRUE(result.text.empty());
}

TEST_F(LlmFaultsTest, AnIdleTimeoutKeepsWhatArrivedAndMarksItIncomplete) {
  server().script(json::array{{{"stallAfter", 2}, {"stallMs", 30000}}});
  ProviderConfig config = configFor(ProviderKind::Anthropic);
  config.timeouts.idle = milliseconds(500);
  ChatResult result = chat(config);
  EXPECT_EQ(result.text, "Hello, ");
  EXPECT_FALSE(result.complete);
  ASSERT_TRUE(result.error);
  EXPECT_EQ(result.error->kind, ProviderError::Kind::Timeout);
  EXPECT_NE(errorText(result).find("sent nothing for 0.5 s after 7 characters"), std::string::npos)
      << errorText(result);
  EXPECT_EQ(result.attempts, 1);
}

TEST_F(LlmFaultsTest, CancellingMidStreamAbortsTheTransferPromptly) {
  server().script(json::array{{{"stallAfter", 1}, {"stallMs", 30000}}});
  std::atomic<bool> firstDelta = false;
  Canceller canceller(milliseconds(200), &firstDelta);
  ChatResult result = chat(
      configFor(ProviderKind::OpenAi), [&](std::string_view) { firstDelta = true; },
      canceller.check());
  long long latency = canceller.millisSinceCancel();
  std::printf("[ measured ] cancellation mid-stream answered in %lld ms\n", latency);
  EXPECT_LT(latency, 1000);
  EXPECT_EQ(result.text, "Hello");
  EXPECT_FALSE(result.complete);
  ASSERT_TRUE(result.error);
  EXPECT_EQ(result.error->kind, ProviderError::Kind::Cancelled);
  // The server sees the connection closed: the transfer was aborted, not abandoned.
  bool closed = false;
  for (int i = 0; i < 100 && !closed; ++i) {
    closed = server().requests()[0].as_object().contains("clientClosedAt");
    if (!closed) std::this_thread::sleep_for(milliseconds(20));
  }
  EXPECT_TRUE(closed);
}

TEST_F(LlmFaultsTest, CancellingBeforeTheFirstByteAnswersPromptly) {
  server().script(json::array{{{"firstByteDelayMs", 30000}}});
  Canceller canceller(milliseconds(300));
  ChatResult result = chat(configFor(ProviderKind::Anthropic), nullptr, canceller.check());
  long long latency = canceller.millisSinceCancel();
  std::printf("[ measured ] cancellation before the first byte answered in %lld ms\n", latency);
  EXPECT_LT(latency, 1000);
  ASSERT_TRUE(result.error);
  EXPECT_EQ(result.error->kind, ProviderError::Kind::Cancelled);
  EXPECT_EQ(result.attempts, 1);
}

TEST_F(LlmFaultsTest, CancellingDuringARetryWaitAnswersPromptly) {
  server().script(json::array{{{"status", 429}, {"headers", {{"Retry-After", "30"}}}}});
  Canceller canceller(milliseconds(300));
  ChatResult result = chat(configFor(ProviderKind::OpenAi), nullptr, canceller.check());
  long long latency = canceller.millisSinceCancel();
  std::printf("[ measured ] cancellation during a retry wait answered in %lld ms\n", latency);
  EXPECT_LT(latency, 1000);
  ASSERT_TRUE(result.error);
  EXPECT_EQ(result.error->kind, ProviderError::Kind::Cancelled);
  EXPECT_EQ(server().requests().size(), 1u);
}

TEST_F(LlmFaultsTest, ARetryAfterLongerThanGlossWaitsIsReportedNotWaitedFor) {
  server().script(json::array{{{"status", 429}, {"headers", {{"Retry-After", "120"}}}}});
  ChatResult result = chat(configFor(ProviderKind::OpenAi));
  ASSERT_TRUE(result.error);
  EXPECT_EQ(result.error->kind, ProviderError::Kind::RateLimited);
  EXPECT_NE(errorText(result).find("It asks to wait 120 s"), std::string::npos)
      << errorText(result);
  EXPECT_EQ(server().requests().size(), 1u);
}

TEST_F(LlmFaultsTest, AMalformedEventStreamIsAProtocolError) {
  server().script(json::array{{{"mode", "raw"}, {"raw", "this is not\nan event stream\n\n"}}});
  ChatResult result = chat(configFor(ProviderKind::OpenAi));
  EXPECT_TRUE(result.text.empty());
  EXPECT_FALSE(result.complete);
  ASSERT_TRUE(result.error);
  EXPECT_EQ(result.error->kind, ProviderError::Kind::Protocol);
  EXPECT_NE(errorText(result).find("without saying the answer was complete"), std::string::npos)
      << errorText(result);
}

TEST_F(LlmFaultsTest, InvalidJsonInAChunkStopsTheAnswerThere) {
  server().script(json::array{{{"invalidJsonAt", 1}}, json::object{}});
  ChatResult result = chat(configFor(ProviderKind::OpenAi));
  EXPECT_EQ(result.text, "Hello");
  EXPECT_FALSE(result.complete);
  ASSERT_TRUE(result.error);
  EXPECT_EQ(result.error->kind, ProviderError::Kind::Protocol);
  EXPECT_NE(errorText(result).find("sent a stream event that is not a JSON object"),
            std::string::npos)
      << errorText(result);
  EXPECT_EQ(server().requests().size(), 1u);
}

TEST_F(LlmFaultsTest, AStreamEndingWithoutItsEndMarkerIsIncomplete) {
  server().script(json::array{{{"noEnd", true}}});
  ChatResult result = chat(configFor(ProviderKind::Anthropic));
  EXPECT_EQ(result.text, "Hello, world!");
  EXPECT_FALSE(result.complete);
  ASSERT_TRUE(result.error);
  EXPECT_EQ(result.error->kind, ProviderError::Kind::Protocol);
}

TEST_F(LlmFaultsTest, ABodyThatIsNeitherStreamNorJsonIsAProtocolError) {
  server().script(
      json::array{{{"mode", "raw"}, {"contentType", "application/json"}, {"raw", "{oops"}}});
  ChatResult result = chat(configFor(ProviderKind::OpenAi));
  ASSERT_TRUE(result.error);
  EXPECT_NE(errorText(result).find("neither an event stream nor valid JSON"), std::string::npos)
      << errorText(result);
}

}  // namespace
}  // namespace gloss::llm::test
