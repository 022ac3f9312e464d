// The server driven in-process through LoopbackClient: same framing and dispatch as stdio.
#include <gtest/gtest.h>

#include <thread>

#include "server/LoopbackClient.h"

namespace gloss::server {
namespace {

using protocol::ErrorCode;

ServerOptions testOptions() {
  ServerOptions options;
  options.workerThreads = 4;
  options.testMethods = true;
  options.logLevel = LogLevel::Error;
  options.indexing = false;  // these tests are about the protocol, not the index
  return options;
}

json::value initializeParams(json::object capabilities = {}) {
  return json::object{{"processId", nullptr},
                      {"rootUri", "file:///tmp/ws"},
                      {"capabilities", std::move(capabilities)},
                      {"initializationOptions", json::object{{"logLevel", "error"}}}};
}

ErrorCode codeOf(const gloss::Expected<json::value, protocol::RpcError>& r) {
  EXPECT_FALSE(r.ok());
  return r.ok() ? ErrorCode(0) : r.error().code;
}

TEST(Server, LifecycleShutdownThenExitIsStatusZero) {
  LoopbackClient client(testOptions());
  auto init = client.call("initialize", initializeParams());
  ASSERT_TRUE(init.ok());
  EXPECT_EQ(init->at("serverInfo").at("name"), json::value("gloss"));
  EXPECT_EQ(init->at("capabilities").at("positionEncoding"), json::value("utf-16"));
  client.notify("initialized", json::object());
  auto shutdown = client.call("shutdown", nullptr);
  ASSERT_TRUE(shutdown.ok());
  EXPECT_TRUE(shutdown->is_null());
  EXPECT_EQ(codeOf(client.call("gloss/status", nullptr)), ErrorCode::InvalidRequest);
  client.notify("exit", nullptr);
  EXPECT_EQ(client.finish(), 0);
}

TEST(Server, ExitWithoutShutdownIsStatusOne) {
  LoopbackClient client(testOptions());
  ASSERT_TRUE(client.call("initialize", initializeParams()).ok());
  client.notify("exit", nullptr);
  EXPECT_EQ(client.finish(), 1);
}

TEST(Server, EndOfInputWithoutShutdownIsStatusOne) {
  LoopbackClient client(testOptions());
  ASSERT_TRUE(client.call("initialize", initializeParams()).ok());
  EXPECT_EQ(client.finish(), 1);
}

TEST(Server, RequestsBeforeInitializeGetServerNotInitialized) {
  LoopbackClient client(testOptions());
  EXPECT_EQ(codeOf(client.call("gloss/status", nullptr)), ErrorCode::ServerNotInitialized);
  EXPECT_EQ(codeOf(client.call("shutdown", nullptr)), ErrorCode::ServerNotInitialized);
  ASSERT_TRUE(client.call("initialize", initializeParams()).ok());
  EXPECT_EQ(codeOf(client.call("initialize", initializeParams())), ErrorCode::InvalidRequest);
  EXPECT_TRUE(client.call("gloss/status", nullptr).ok());
}

TEST(Server, UnknownMethodAndBadParams) {
  LoopbackClient client(testOptions());
  ASSERT_TRUE(client.call("initialize", initializeParams()).ok());
  auto unknown = client.call("gloss/nothing", json::object());
  EXPECT_EQ(codeOf(unknown), ErrorCode::MethodNotFound);
  EXPECT_NE(unknown.error().message.find("gloss/nothing"), std::string::npos);
  auto bad = client.call("gloss/test/sleep", json::object{{"ms", "soon"}});
  EXPECT_EQ(codeOf(bad), ErrorCode::InvalidParams);
  EXPECT_EQ(bad.error().message, "params.ms: expected integer");
  // Unknown notifications are ignored and the server keeps serving.
  client.notify("custom/whatever", json::object());
  client.notify("$/unknownThing", json::object());
  EXPECT_TRUE(client.call("gloss/status", nullptr).ok());
}

TEST(Server, CancelledRequestAnswersRequestCancelled) {
  LoopbackClient client(testOptions());
  ASSERT_TRUE(client.call("initialize", initializeParams()).ok());
  json::value id = client.send("gloss/test/sleep", json::object{{"ms", 30000}});
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  client.notify("$/cancelRequest", json::object{{"id", id}});
  auto result = client.wait(id, std::chrono::seconds(5));
  EXPECT_EQ(codeOf(result), ErrorCode::RequestCancelled);
}

TEST(Server, SlowRequestDoesNotBlockOthersAndIdsMatch) {
  LoopbackClient client(testOptions());
  ASSERT_TRUE(client.call("initialize", initializeParams()).ok());
  json::value slow = client.send("gloss/test/sleep", json::object{{"ms", 400}});
  json::value fast = client.send("gloss/test/sleep", json::object{{"ms", 1}});
  auto fastResult = client.wait(fast);
  ASSERT_TRUE(fastResult.ok());
  EXPECT_EQ(fastResult->at("slept"), json::value(1));
  auto slowResult = client.wait(slow);
  ASSERT_TRUE(slowResult.ok());
  EXPECT_EQ(slowResult->at("slept"), json::value(400));
}

TEST(Server, FullQueueIsRefusedWithRequestFailed) {
  ServerOptions options = testOptions();
  options.workerThreads = 1;
  options.maxQueuedRequests = 2;
  LoopbackClient client(options);
  ASSERT_TRUE(client.call("initialize", initializeParams()).ok());
  std::vector<json::value> ids;
  for (int i = 0; i < 6; ++i)
    ids.push_back(client.send("gloss/test/sleep", json::object{{"ms", 200}}));
  int refused = 0, served = 0;
  for (const auto& id : ids) {
    auto r = client.wait(id);
    if (r.ok())
      ++served;
    else if (r.error().code == ErrorCode::RequestFailed)
      ++refused;
  }
  EXPECT_GE(refused, 1);
  EXPECT_GE(served, 2);
  EXPECT_EQ(refused + served, 6);
}

TEST(Server, StreamsPartialResultsAndWorkDoneProgress) {
  LoopbackClient client(testOptions());
  ASSERT_TRUE(client.call("initialize", initializeParams()).ok());
  auto result = client.call(
      "gloss/test/stream",
      json::object{
          {"count", 3}, {"delayMs", 1}, {"workDoneToken", "wd"}, {"partialResultToken", "pr"}});
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(*result, json::value(json::array{0, 1, 2}));
  std::vector<json::value> partial, kinds;
  for (const auto& p : client.notifications("$/progress")) {
    if (p.at("token") == json::value("pr")) partial.push_back(p.at("value"));
    if (p.at("token") == json::value("wd")) kinds.push_back(p.at("value").at("kind"));
  }
  EXPECT_EQ(partial, (std::vector<json::value>{json::array{0}, json::array{1}, json::array{2}}));
  ASSERT_GE(kinds.size(), 2u);
  EXPECT_EQ(kinds.front(), json::value("begin"));
  EXPECT_EQ(kinds.back(), json::value("end"));
}

TEST(Server, SettingsAndWorkspaceFoldersAreApplied) {
  LoopbackClient client(testOptions());
  ASSERT_TRUE(client.call("initialize", initializeParams()).ok());
  client.notify(
      "workspace/didChangeWorkspaceFolders",
      json::object{
          {"event",
           json::object{
               {"added",
                json::array{json::object{{"uri", "file:///tmp/other"}, {"name", "other"}}}},
               {"removed", json::array{json::object{{"uri", "file:///tmp/ws"}, {"name", ""}}}}}}});
  client.notify("$/setTrace", json::object{{"value", "verbose"}});
  auto status = client.call("gloss/status", nullptr);
  ASSERT_TRUE(status.ok());
  const auto& folders = status->at("workspaceFolders").as_array();
  ASSERT_EQ(folders.size(), 1u);
  EXPECT_EQ(folders[0].at("uri"), json::value("file:///tmp/other"));
  EXPECT_EQ(status->at("trace"), json::value("verbose"));
}

TEST(Server, Utf8PositionEncodingIsChosenWhenOffered) {
  LoopbackClient client(testOptions());
  auto init = client.call(
      "initialize",
      initializeParams(json::object{
          {"general", json::object{{"positionEncodings", json::array{"utf-16", "utf-8"}}}}}));
  ASSERT_TRUE(init.ok());
  EXPECT_EQ(init->at("capabilities").at("positionEncoding"), json::value("utf-8"));
}

TEST(Server, LogsReachTheEditorOnceInitialized) {
  ServerOptions options = testOptions();
  LoopbackClient client(options);
  ASSERT_TRUE(client.call("initialize", initializeParams()).ok());
  client.notify("initialized", json::object());
  // A bad notification is logged as a warning; the session's level was set to error, so
  // nothing reaches the editor until the setting allows it.
  client.notify("workspace/didChangeConfiguration",
                json::object{{"settings", json::object{{"logLevel", "warning"}}}});
  client.notify("$/setTrace", json::object{{"value", "loud"}});
  ASSERT_TRUE(client.call("gloss/status", nullptr).ok());
  auto logs = client.notifications("window/logMessage");
  ASSERT_FALSE(logs.empty());
  EXPECT_NE(json::serialize(logs.back()).find("params.value"), std::string::npos);
}

}  // namespace
}  // namespace gloss::server
