// The real binary over pipes: lifecycle, errors, hostile input.
#include <gtest/gtest.h>

#include "GlossProcess.h"

namespace gloss::test {
namespace {

int errorCode(const std::optional<json::value>& response) {
  if (!response || !response->as_object().contains("error")) return 0;
  return static_cast<int>(response->at("error").at("code").as_int64());
}

// The next message that is not a notification.
std::optional<json::value> nextResponse(GlossProcess& gloss) {
  auto m = gloss.read();
  while (m && m->as_object().contains("method")) m = gloss.read();
  return m;
}

void initialize(GlossProcess& gloss) {
  gloss.request(0, "initialize", initializeParams());
  auto init = gloss.responseTo(0);
  ASSERT_TRUE(init.has_value());
  ASSERT_TRUE(init->as_object().contains("result")) << json::serialize(*init);
  gloss.notify("initialized");
}

TEST(Lifecycle, InitializeShutdownExitEndsWithStatusZero) {
  GlossProcess gloss({"serve"});
  gloss.request(1, "initialize", initializeParams());
  auto init = gloss.responseTo(1);
  ASSERT_TRUE(init);
  EXPECT_EQ(init->at("result").at("serverInfo").at("name"), json::value("gloss"));
  EXPECT_TRUE(init->at("result").at("serverInfo").at("version").is_string());
  gloss.notify("initialized");
  gloss.request(2, "shutdown", nullptr);
  auto shutdown = gloss.responseTo(2);
  ASSERT_TRUE(shutdown);
  EXPECT_TRUE(shutdown->at("result").is_null());
  gloss.notify("exit", nullptr);
  EXPECT_EQ(gloss.wait(), 0);
}

TEST(Lifecycle, ExitWithoutShutdownEndsWithStatusOne) {
  GlossProcess gloss({});
  initialize(gloss);
  gloss.notify("exit", nullptr);
  EXPECT_EQ(gloss.wait(), 1);
}

TEST(Lifecycle, ClosingStdinEndsTheProcess) {
  GlossProcess gloss({});
  initialize(gloss);
  gloss.closeStdin();
  EXPECT_EQ(gloss.wait(), 1);
}

TEST(Lifecycle, RequestBeforeInitializeGetsMinus32002) {
  GlossProcess gloss({});
  gloss.request(1, "gloss/status");
  EXPECT_EQ(errorCode(gloss.responseTo(1)), -32002);
  initialize(gloss);
  gloss.request(2, "gloss/status");
  auto status = gloss.responseTo(2);
  ASSERT_TRUE(status);
  EXPECT_EQ(errorCode(status), 0);
}

TEST(Errors, UnknownMethodGetsMinus32601AndBadParamsNameThePath) {
  GlossProcess gloss({"--test-methods"});
  initialize(gloss);
  gloss.request("u", "gloss/unknown");
  EXPECT_EQ(errorCode(gloss.responseTo("u")), -32601);
  gloss.request("p", "gloss/test/sleep", json::object{{"ms", json::array{1}}});
  auto bad = gloss.responseTo("p");
  EXPECT_EQ(errorCode(bad), -32602);
  EXPECT_EQ(bad->at("error").at("message"), json::value("params.ms: expected integer"));
  gloss.request("m", "gloss/test/sleep", json::object());
  EXPECT_EQ(gloss.responseTo("m")->at("error").at("message"),
            json::value("params.ms: missing required field"));
}

TEST(Errors, GarbageThenAValidMessageIsStillAnswered) {
  GlossProcess gloss({});
  initialize(gloss);
  gloss.sendRaw("\x00\x01 this is not LSP \r\n\r\n{{{{");
  gloss.sendRaw("Content-Length: nope\r\n\r\n");
  gloss.request(5, "gloss/status");
  auto status = gloss.responseTo(5);
  ASSERT_TRUE(status);
  EXPECT_TRUE(status->as_object().contains("result"));
  EXPECT_NE(gloss.stderrText().find("protocol error"), std::string::npos);
}

TEST(Errors, MalformedJsonGetsParseErrorAndServingContinues) {
  GlossProcess gloss({});
  initialize(gloss);
  gloss.sendRaw(protocol::encodeFrame("{\"jsonrpc\":\"2.0\",\"id\":9,"));
  auto parseError = nextResponse(gloss);
  ASSERT_TRUE(parseError);
  EXPECT_EQ(errorCode(parseError), -32700);
  EXPECT_TRUE(parseError->at("id").is_null());
  gloss.sendRaw(protocol::encodeFrame(R"({"jsonrpc":"2.0","id":10,"method":5})"));
  EXPECT_EQ(errorCode(gloss.responseTo(10)), -32600);
  gloss.sendRaw(protocol::encodeFrame("{\"jsonrpc\":\"2.0\",\"id\":11,\"method\":\"\xff\"}"));
  EXPECT_EQ(errorCode(nextResponse(gloss)), -32700);
  gloss.request(12, "gloss/status");
  EXPECT_EQ(errorCode(gloss.responseTo(12)), 0);
}

TEST(Errors, OversizedMessageIsRefusedAndTheStreamResyncs) {
  GlossProcess gloss({"--max-message-bytes", "4096"});
  initialize(gloss);
  gloss.request(20, "gloss/status", json::object{{"pad", std::string(100000, 'x')}});
  auto refused = gloss.responseTo(20);
  EXPECT_EQ(errorCode(refused), -32600);
  EXPECT_NE(json::serialize(*refused).find("exceeds the limit"), std::string::npos);
  gloss.request(21, "gloss/status");
  EXPECT_EQ(errorCode(gloss.responseTo(21)), 0);
}

TEST(Errors, NotificationsNeverGetResponses) {
  GlossProcess gloss({});
  initialize(gloss);
  gloss.notify("textDocument/unknownThing", json::object{{"x", 1}});
  gloss.notify("$/cancelRequest", json::object{{"id", 12345}});
  gloss.notify("$/setTrace", json::object{{"value", 42}});  // bad params: logged only
  gloss.request(30, "gloss/status");
  auto next = gloss.read();
  ASSERT_TRUE(next);
  // The first message after the notifications is the status answer (or a log notification),
  // never a response to a notification.
  while (next && next->as_object().contains("method")) next = gloss.read();
  ASSERT_TRUE(next);
  EXPECT_EQ(next->at("id"), json::value(30));
}

TEST(Concurrency, CancelASlowRequest) {
  GlossProcess gloss({"--test-methods"});
  initialize(gloss);
  gloss.request(40, "gloss/test/sleep", json::object{{"ms", 60000}});
  gloss.request(41, "gloss/test/sleep", json::object{{"ms", 1}});
  ASSERT_TRUE(gloss.responseTo(41));  // the slow one is running by now
  auto sent = std::chrono::steady_clock::now();
  gloss.notify("$/cancelRequest", json::object{{"id", 40}});
  auto cancelled = gloss.responseTo(40, std::chrono::seconds(5));
  EXPECT_EQ(errorCode(cancelled), -32800);
  EXPECT_LT(std::chrono::steady_clock::now() - sent, std::chrono::seconds(5));
}

TEST(Concurrency, ConcurrentRequestsAreAnsweredOutOfOrderWithTheRightIds) {
  GlossProcess gloss({"--test-methods", "--workers", "4"});
  initialize(gloss);
  gloss.request("slow", "gloss/test/sleep", json::object{{"ms", 500}});
  gloss.request("mid", "gloss/test/sleep", json::object{{"ms", 150}});
  gloss.request("fast", "gloss/test/sleep", json::object{{"ms", 0}});
  std::vector<std::string> order;
  for (int i = 0; i < 3; ++i) {
    auto m = gloss.read();
    ASSERT_TRUE(m);
    if (m->as_object().contains("method")) {
      --i;
      continue;
    }
    order.push_back(std::string(m->at("id").as_string()));
    EXPECT_EQ(m->at("result").at("slept"), json::value(order.back() == "slow"  ? 500
                                                       : order.back() == "mid" ? 150
                                                                               : 0));
  }
  EXPECT_EQ(order, (std::vector<std::string>{"fast", "mid", "slow"}));
}

TEST(Streaming, PartialResultsArriveBeforeTheResponse) {
  GlossProcess gloss({"--test-methods"});
  initialize(gloss);
  gloss.request(50, "gloss/test/stream",
                json::object{{"count", 5}, {"delayMs", 5}, {"partialResultToken", "p"}});
  auto response = gloss.responseTo(50);
  ASSERT_TRUE(response);
  std::vector<json::value> streamed;
  for (const auto& n : gloss.notifications()) {
    if (n.at("method") == json::value("$/progress") &&
        n.at("params").at("token") == json::value("p")) {
      streamed.push_back(n.at("params").at("value").at(0));
    }
  }
  EXPECT_EQ(streamed, (std::vector<json::value>{0, 1, 2, 3, 4}));
  EXPECT_EQ(response->at("result").as_array().size(), 5u);
}

TEST(Cli, VersionAndHelp) {
  GlossProcess version({"--version"});
  EXPECT_EQ(version.wait(), 0);
  GlossProcess help({"--help"});
  EXPECT_EQ(help.wait(), 0);
  GlossProcess bad({"serve", "--workers", "zero"});
  EXPECT_EQ(bad.wait(), 2);
  EXPECT_NE(bad.stderrText().find("bad argument"), std::string::npos);
}

}  // namespace
}  // namespace gloss::test
