#include "protocol/JsonRpc.h"

#include <gtest/gtest.h>

namespace gloss::protocol {
namespace {

DecodeFailure failure(std::string_view body) {
  auto decoded = decodeMessage(body);
  EXPECT_TRUE(std::holds_alternative<DecodeFailure>(decoded)) << body;
  if (auto* f = std::get_if<DecodeFailure>(&decoded)) return *f;
  return {};
}

Message message(std::string_view body) {
  auto decoded = decodeMessage(body);
  EXPECT_TRUE(std::holds_alternative<Message>(decoded)) << body;
  if (auto* m = std::get_if<Message>(&decoded)) return *m;
  return Notification{};
}

TEST(JsonRpc, DecodesRequestWithNumberAndStringIds) {
  auto m = message(R"({"jsonrpc":"2.0","id":7,"method":"a/b","params":{"x":1}})");
  auto& r = std::get<Request>(m);
  EXPECT_EQ(r.id, json::value(7));
  EXPECT_EQ(r.method, "a/b");
  EXPECT_EQ(r.params.at("x"), json::value(1));
  auto s = message(R"({"jsonrpc":"2.0","id":"abc","method":"m"})");
  EXPECT_EQ(std::get<Request>(s).id, json::value("abc"));
  EXPECT_TRUE(std::get<Request>(s).params.is_null());
  auto nullParams = message(R"({"jsonrpc":"2.0","id":1,"method":"shutdown","params":null})");
  EXPECT_TRUE(std::get<Request>(nullParams).params.is_null());
}

TEST(JsonRpc, DecodesNotification) {
  auto m = message(R"({"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":1}})");
  EXPECT_EQ(std::get<Notification>(m).method, "$/cancelRequest");
}

TEST(JsonRpc, DecodesResultAndErrorResponses) {
  auto ok = std::get<Response>(message(R"({"jsonrpc":"2.0","id":1,"result":null})"));
  ASSERT_TRUE(ok.result.has_value());
  EXPECT_TRUE(ok.result->is_null());
  auto err = std::get<Response>(
      message(R"({"jsonrpc":"2.0","id":2,"error":{"code":-32601,"message":"nope","data":[1]}})"));
  ASSERT_TRUE(err.error.has_value());
  EXPECT_EQ(err.error->code, ErrorCode::MethodNotFound);
  EXPECT_EQ(err.error->message, "nope");
  EXPECT_EQ(*err.error->data, json::value(json::array{1}));
}

TEST(JsonRpc, ParseErrorsGetMinus32700AndNullId) {
  auto f = failure(R"({"jsonrpc":"2.0","id":1,"method":)");
  EXPECT_EQ(f.error.code, ErrorCode::ParseError);
  EXPECT_TRUE(f.id.is_null());
  auto bad = failure("{\"jsonrpc\":\"2.0\",\"method\":\"\xc3\x28\"}");
  EXPECT_EQ(bad.error.code, ErrorCode::ParseError);
  EXPECT_NE(bad.error.message.find("UTF-8"), std::string::npos);
}

TEST(JsonRpc, InvalidRequestsGetMinus32600WithTheirIdWhenReadable) {
  auto noVersion = failure(R"({"id":3,"method":"x"})");
  EXPECT_EQ(noVersion.error.code, ErrorCode::InvalidRequest);
  EXPECT_EQ(noVersion.id, json::value(3));
  EXPECT_EQ(failure(R"({"jsonrpc":"1.0","id":3,"method":"x"})").error.code,
            ErrorCode::InvalidRequest);
  EXPECT_EQ(failure(R"({"jsonrpc":"2.0","id":{"a":1},"method":"x"})").id, json::value(nullptr));
  EXPECT_EQ(failure(R"({"jsonrpc":"2.0","id":1.5,"method":"x"})").error.code,
            ErrorCode::InvalidRequest);
  EXPECT_EQ(failure(R"({"jsonrpc":"2.0","id":4,"method":5})").id, json::value(4));
  EXPECT_EQ(failure(R"({"jsonrpc":"2.0","id":4,"method":"x","params":3})").error.code,
            ErrorCode::InvalidRequest);
  EXPECT_EQ(failure(R"([{"jsonrpc":"2.0","id":4,"method":"x"}])").error.code,
            ErrorCode::InvalidRequest);
  EXPECT_EQ(failure(R"("just a string")").error.code, ErrorCode::InvalidRequest);
  EXPECT_EQ(failure(R"({"jsonrpc":"2.0"})").error.code, ErrorCode::InvalidRequest);
  EXPECT_EQ(failure(R"({"jsonrpc":"2.0","id":1,"result":1,"error":{}})").error.code,
            ErrorCode::InvalidRequest);
}

TEST(JsonRpc, Utf8Validation) {
  EXPECT_TRUE(isValidUtf8("plain ascii"));
  EXPECT_TRUE(isValidUtf8("h\xc3\xa9llo \xe2\x82\xac \xf0\x9f\x98\x80"));
  EXPECT_FALSE(isValidUtf8("\xc0\xaf"));          // overlong
  EXPECT_FALSE(isValidUtf8("\xed\xa0\x80"));      // surrogate
  EXPECT_FALSE(isValidUtf8("\xf4\x90\x80\x80"));  // past U+10FFFF
  EXPECT_FALSE(isValidUtf8("\xe2\x82"));          // truncated
  EXPECT_FALSE(isValidUtf8("\xff"));
}

TEST(JsonRpc, EncodesMessagesThatDecodeBack) {
  auto req =
      std::get<Request>(message(encodeRequest(json::value("r1"), "m", json::object{{"k", 1}})));
  EXPECT_EQ(req.id, json::value("r1"));
  auto note = std::get<Notification>(message(encodeNotification("n", nullptr)));
  EXPECT_EQ(note.method, "n");
  auto res = std::get<Response>(message(encodeResult(json::value(9), json::array{1, 2})));
  EXPECT_EQ(*res.result, json::value(json::array{1, 2}));
  auto err = std::get<Response>(message(
      encodeError(json::value(9), makeError(ErrorCode::RequestCancelled, "request cancelled"))));
  EXPECT_EQ(err.error->code, ErrorCode::RequestCancelled);
}

TEST(JsonRpc, IdKeysKeepNumbersAndStringsApart) {
  EXPECT_NE(idKey(json::value(7)), idKey(json::value("7")));
  EXPECT_EQ(idKey(json::value(7)), idKey(json::value(7)));
}

}  // namespace
}  // namespace gloss::protocol

namespace gloss::protocol {
namespace {

TEST(JsonStringWriter, EscapesAndRepairsSoAnyParserReadsItBack) {
  std::string text = std::string("a\"b\\c\n\t\r\x01 é 😀 \x7f") + "\xff" + "end";
  std::string out;
  appendJsonString(out, text);
  json::value parsed = json::parse(out);
  EXPECT_EQ(parsed.as_string(), toValidUtf8(text));
  EXPECT_EQ(toValidUtf8("ok\xC3"), "ok\xEF\xBF\xBD");  // a truncated sequence
  std::string empty;
  appendJsonString(empty, "");
  EXPECT_EQ(empty, "\"\"");
}

}  // namespace
}  // namespace gloss::protocol
