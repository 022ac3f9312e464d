#include <gtest/gtest.h>

#include "protocol/LspTypes.h"

namespace gloss::protocol {
namespace {

struct PositionParams {
  TextDocumentIdentifier textDocument;
  Position position;
};
bool fromJSON(const json::value& v, PositionParams& out, JsonPath path) {
  ObjectMapper o(v, path);
  return o && o.map("textDocument", out.textDocument) && o.map("position", out.position);
}

TEST(JsonMapping, ParsesNestedTypedParams) {
  PositionParams p;
  auto error = parseParams(
      json::parse(R"({"textDocument":{"uri":"file:///a.py"},"position":{"line":3,"character":4}})"),
      p);
  EXPECT_FALSE(error) << *error;
  EXPECT_EQ(p.textDocument.uri, "file:///a.py");
  EXPECT_EQ(p.position, (Position{3, 4}));
}

TEST(JsonMapping, ErrorsNameTheJsonPath) {
  PositionParams p;
  auto error = parseParams(
      json::parse(R"({"textDocument":{"uri":"u"},"position":{"line":"3","character":4}})"), p);
  ASSERT_TRUE(error);
  EXPECT_EQ(*error, "params.position.line: expected integer");
  error = parseParams(json::parse(R"({"position":{"line":1,"character":1}})"), p);
  EXPECT_EQ(*error, "params.textDocument: missing required field");
  error = parseParams(json::parse("[1]"), p);
  EXPECT_EQ(*error, "params: expected object");
  error = parseParams(
      json::parse(R"({"textDocument":{"uri":"u"},"position":{"line":-1,"character":0}})"), p);
  EXPECT_EQ(*error, "params.position.line: expected a non-negative integer");
}

TEST(JsonMapping, ArrayElementsAreNamedByIndex) {
  DidChangeWorkspaceFoldersParams p;
  auto error = parseParams(
      json::parse(R"({"event":{"added":[{"uri":"a","name":"a"},{"name":"b"}],"removed":[]}})"), p);
  ASSERT_TRUE(error);
  EXPECT_EQ(*error, "params.event.added[1].uri: missing required field");
}

TEST(JsonMapping, InitializeParamsReadCapabilitiesAndTolerateNulls) {
  InitializeParams p;
  auto error = parseParams(json::parse(R"({
      "processId": null, "rootUri": "file:///w", "initializationOptions": {"logLevel": "debug"},
      "clientInfo": {"name": "Neovim", "version": "0.7.2"},
      "capabilities": {"window": {"workDoneProgress": true, "showDocument": {"support": true}},
                       "general": {"positionEncodings": ["utf-8", "utf-16"]}},
      "workspaceFolders": null})"),
                           p);
  ASSERT_FALSE(error) << *error;
  EXPECT_FALSE(p.processId);
  EXPECT_EQ(p.rootUri, "file:///w");
  EXPECT_EQ(p.clientInfo->name, "Neovim");
  EXPECT_TRUE(p.capabilities.workDoneProgress);
  EXPECT_TRUE(p.capabilities.showDocument);
  EXPECT_FALSE(p.capabilities.applyEdit);
  EXPECT_EQ(p.capabilities.positionEncodings, (std::vector<std::string>{"utf-8", "utf-16"}));
  EXPECT_EQ(p.initializationOptions.at("logLevel"), json::value("debug"));
  EXPECT_FALSE(p.workspaceFolders);
}

TEST(JsonMapping, ProgressTokensAreReadWhenValid) {
  auto t = readProgressTokens(json::parse(R"({"workDoneToken":"w","partialResultToken":5})"));
  EXPECT_EQ(*t.workDoneToken, json::value("w"));
  EXPECT_EQ(*t.partialResultToken, json::value(5));
  auto none = readProgressTokens(json::parse(R"({"workDoneToken":{"x":1}})"));
  EXPECT_FALSE(none.workDoneToken);
}

TEST(JsonMapping, CancelParamsRequireIntegerOrStringId) {
  CancelParams c;
  EXPECT_FALSE(parseParams(json::parse(R"({"id":"x"})"), c));
  auto error = parseParams(json::parse(R"({"id":[1]})"), c);
  ASSERT_TRUE(error);
  EXPECT_EQ(*error, "params.id: expected integer or string");
}

}  // namespace
}  // namespace gloss::protocol
