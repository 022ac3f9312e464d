// The typed params of the session methods: defaults, the "any" archive filter, range checks,
// and errors that name the field; and how store errors become JSON-RPC errors.
#include <gtest/gtest.h>

#include "server/SessionMethods.h"

namespace gloss::server {
namespace {

template <typename T>
std::optional<std::string> parse(const json::value& params, T& out) {
  return protocol::parseParams(params, out);
}

TEST(SessionParams, ListDefaultsAndArchivedFilter) {
  ListSessionsParams list;
  EXPECT_FALSE(parse(nullptr, list));
  EXPECT_EQ(list.options.limit, 50);
  EXPECT_EQ(list.options.archived, sessions::ArchivedFilter::Active);
  EXPECT_FALSE(parse(json::parse(R"({"archived": "any", "limit": 200, "query": "x"})"), list));
  EXPECT_EQ(list.options.archived, sessions::ArchivedFilter::Any);
  EXPECT_EQ(list.options.limit, 200);
  EXPECT_EQ(list.options.query, "x");
  EXPECT_FALSE(parse(json::parse(R"({"archived": true})"), list));
  EXPECT_EQ(list.options.archived, sessions::ArchivedFilter::Archived);
  EXPECT_EQ(parse(json::parse(R"({"archived": "some"})"), list),
            "params.archived: expected true, false or \"any\"");
  EXPECT_EQ(parse(json::parse(R"({"limit": 201})"), list), "params.limit: expected 1 to 200");
  EXPECT_EQ(parse(json::parse(R"({"limit": 0})"), list), "params.limit: expected 1 to 200");
}

TEST(SessionParams, MissingAndWrongTypedFieldsAreNamed) {
  GetSessionParams get;
  EXPECT_EQ(parse(json::object(), get), "params.sessionId: missing required field");
  auto wrong = parse(json::parse(R"({"sessionId": "7"})"), get);
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->rfind("params.sessionId:", 0), 0u) << *wrong;
  RenameSessionParams rename;
  EXPECT_EQ(parse(json::parse(R"({"sessionId": 1})"), rename),
            "params.title: missing required field");
  EditMessageParams edit;
  auto badContent = parse(json::parse(R"({"messageId": 1, "content": 5})"), edit);
  ASSERT_TRUE(badContent);
  EXPECT_EQ(badContent->rfind("params.content:", 0), 0u);
}

TEST(SessionParams, DefaultsOfArchiveDeleteAndExport) {
  ArchiveSessionParams archive;
  EXPECT_FALSE(parse(json::parse(R"({"sessionId": 3})"), archive));
  EXPECT_TRUE(archive.archived);
  DeleteSessionParams remove;
  EXPECT_FALSE(parse(json::parse(R"({"sessionId": 3})"), remove));
  EXPECT_FALSE(remove.hard);
  ExportSessionParams exported;
  EXPECT_FALSE(parse(json::parse(R"({"sessionId": 3})"), exported));
  EXPECT_EQ(exported.format, ExportFormat::Markdown);
  EXPECT_FALSE(parse(json::parse(R"({"sessionId": 3, "format": "json"})"), exported));
  EXPECT_EQ(exported.format, ExportFormat::Json);
  EXPECT_EQ(parse(json::parse(R"({"sessionId": 3, "format": "pdf"})"), exported),
            "params.format: expected \"markdown\" or \"json\"");
}

TEST(SessionParams, StoreErrorsBecomeRpcErrors) {
  sessions::SessionError missing;
  missing.kind = sessions::SessionError::Kind::NotFound;
  missing.message = "no session 42";
  missing.field = "sessionId";
  missing.id = 42;
  protocol::RpcError error = toRpcError(missing);
  EXPECT_EQ(error.code, protocol::ErrorCode::InvalidParams);
  EXPECT_EQ(error.message, "no session 42");
  ASSERT_TRUE(error.data);
  EXPECT_EQ(error.data->at("sessionId"), json::value(42));

  sessions::SessionError down;
  down.kind = sessions::SessionError::Kind::Unavailable;
  down.message = "sessions.db was written by a newer gloss";
  error = toRpcError(down);
  EXPECT_EQ(error.code, protocol::ErrorCode::RequestFailed);
  EXPECT_NE(error.message.find("newer gloss"), std::string::npos);
  EXPECT_FALSE(error.data);
}

}  // namespace
}  // namespace gloss::server
