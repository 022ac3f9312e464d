#include "protocol/Transport.h"

#include <gtest/gtest.h>

#include <thread>

namespace gloss::protocol {
namespace {

// Records what arrives; stops when told to.
struct Recorder : MessageHandler {
  std::vector<std::string> calls, notes, errors;
  std::vector<json::value> replies;
  bool onNotify(const std::string& method, json::value) override {
    notes.push_back(method);
    return method != "stop";
  }
  bool onCall(const std::string& method, json::value, RequestId) override {
    calls.push_back(method);
    return true;
  }
  bool onReply(RequestId id, Expected<json::value, RpcError>) override {
    replies.push_back(id);
    return true;
  }
  void onProtocolError(const std::string& what) override { errors.push_back(what); }
};

TEST(Transport, MemoryPairCarriesMessagesBothWays) {
  auto [a, b] = makeMemoryChannelPair();
  FramedTransport left(std::move(a)), right(std::move(b));
  left.call("m/one", json::object{}, json::value(1));
  left.notify("n/two", nullptr);
  left.reply(json::value("x"), json::value(3));
  left.notify("stop", nullptr);
  Recorder recorder;
  EXPECT_EQ(right.loop(recorder), LoopEnd::Stopped);
  EXPECT_EQ(recorder.calls, std::vector<std::string>{"m/one"});
  EXPECT_EQ(recorder.notes, (std::vector<std::string>{"n/two", "stop"}));
  EXPECT_EQ(recorder.replies, std::vector<json::value>{json::value("x")});
}

TEST(Transport, BadBodiesAreAnsweredAndTheLoopGoesOn) {
  auto [serverEnd, clientEnd] = makeMemoryChannelPair();
  FramedTransport server(std::move(serverEnd));
  auto clientRaw = std::move(clientEnd);
  clientRaw->write(encodeFrame("{not json"));
  clientRaw->write(encodeFrame(R"({"jsonrpc":"2.0","id":5,"method":7})"));
  clientRaw->write(encodeFrame(R"({"jsonrpc":"2.0","method":"stop"})"));
  Recorder recorder;
  EXPECT_EQ(server.loop(recorder), LoopEnd::Stopped);
  EXPECT_EQ(recorder.errors.size(), 2u);
  server.closeOutput();
  std::string out;
  char buf[4096];
  for (long n; (n = clientRaw->read(buf, sizeof buf)) > 0;) out.append(buf, n);
  EXPECT_NE(out.find(R"("id":null,"error":{"code":-32700)"), std::string::npos) << out;
  EXPECT_NE(out.find(R"("id":5,"error":{"code":-32600)"), std::string::npos) << out;
}

TEST(Transport, OversizedRequestIsAnsweredWithItsId) {
  auto [serverEnd, clientEnd] = makeMemoryChannelPair();
  FramedTransport server(std::move(serverEnd), 64);
  auto clientRaw = std::move(clientEnd);
  clientRaw->write(encodeFrame(R"({"jsonrpc":"2.0","id":11,"method":"big","params":{"s":")" +
                               std::string(500, 'x') + "\"}}"));
  clientRaw->closeWrite();
  Recorder recorder;
  EXPECT_EQ(server.loop(recorder), LoopEnd::EndOfInput);
  EXPECT_TRUE(recorder.calls.empty());
  server.closeOutput();
  std::string out;
  char buf[4096];
  for (long n; (n = clientRaw->read(buf, sizeof buf)) > 0;) out.append(buf, n);
  EXPECT_NE(out.find(R"("id":11,"error":{"code":-32600)"), std::string::npos) << out;
}

TEST(Transport, TruncatedMessageAtEofIsReported) {
  auto [serverEnd, clientEnd] = makeMemoryChannelPair();
  FramedTransport server(std::move(serverEnd));
  clientEnd->write("Content-Length: 100\r\n\r\n{\"jsonrpc\"");
  clientEnd->closeWrite();
  Recorder recorder;
  EXPECT_EQ(server.loop(recorder), LoopEnd::Truncated);
}

TEST(Transport, ConcurrentWritersNeverInterleave) {
  auto [a, b] = makeMemoryChannelPair();
  FramedTransport left(std::move(a)), right(std::move(b));
  std::vector<std::thread> writers;
  for (int t = 0; t < 4; ++t) {
    writers.emplace_back([&left, t] {
      for (int i = 0; i < 200; ++i) {
        left.notify("n", json::object{{"t", t}, {"pad", std::string(300, 'p')}});
      }
    });
  }
  for (auto& w : writers) w.join();
  left.notify("stop", nullptr);
  Recorder recorder;
  EXPECT_EQ(right.loop(recorder), LoopEnd::Stopped);
  EXPECT_EQ(recorder.notes.size(), 801u);
  EXPECT_TRUE(recorder.errors.empty());
}

}  // namespace
}  // namespace gloss::protocol
