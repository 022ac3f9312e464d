// Calls to the editor once the connection is closing: pending ones fail, and a call made after
// that fails at once instead of waiting for an answer that cannot come (a handler waiting on
// workspace/applyEdit would otherwise hold up the daemon's exit).
#include "server/Client.h"

#include <gtest/gtest.h>

#include <optional>
#include <vector>

namespace gloss::server {
namespace {

// Records what the client sends; nothing ever answers.
class SilentTransport : public protocol::Transport {
 public:
  void notify(std::string_view, json::value) override {}
  void call(std::string_view method, json::value, protocol::RequestId) override {
    calls.emplace_back(method);
  }
  void reply(protocol::RequestId, gloss::Expected<json::value, protocol::RpcError>) override {}
  protocol::LoopEnd loop(protocol::MessageHandler&) override {
    return protocol::LoopEnd::EndOfInput;
  }
  std::vector<std::string> calls;
};

using Answer = std::optional<gloss::Expected<json::value, protocol::RpcError>>;

TEST(Client, AbandonFailsPendingCallsAndLaterOnesAtOnce) {
  SilentTransport transport;
  Client client(transport);
  Answer pending;
  client.call("workspace/applyEdit", json::object{}, [&](auto result) { pending = result; });
  ASSERT_EQ(transport.calls.size(), 1u);
  EXPECT_FALSE(pending.has_value());

  client.abandonCalls();
  ASSERT_TRUE(pending.has_value());
  ASSERT_FALSE(pending->ok());
  EXPECT_EQ(pending->error().code, protocol::ErrorCode::RequestCancelled);

  Answer late;
  client.call("workspace/applyEdit", json::object{}, [&](auto result) { late = result; });
  EXPECT_EQ(transport.calls.size(), 1u);  // never sent
  ASSERT_TRUE(late.has_value());
  ASSERT_FALSE(late->ok());
  EXPECT_EQ(late->error().message, "connection closed");
}

TEST(Client, RepliesAreRoutedToTheirCallOnce) {
  SilentTransport transport;
  Client client(transport);
  Answer answer;
  client.call("window/showDocument", json::object{}, [&](auto result) { answer = result; });
  EXPECT_FALSE(client.deliverReply(json::value("gloss-99"), json::value(true)));
  EXPECT_TRUE(client.deliverReply(json::value("gloss-1"), json::value(true)));
  ASSERT_TRUE(answer.has_value() && answer->ok());
  EXPECT_EQ(answer->value(), json::value(true));
  EXPECT_FALSE(client.deliverReply(json::value("gloss-1"), json::value(true)));
}

}  // namespace
}  // namespace gloss::server
