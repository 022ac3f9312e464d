// JSON-RPC 2.0 messages over Boost.JSON: decoding a body into a request, notification or
// response, and the standard error codes (plus the ones LSP adds).
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace gloss::protocol {

namespace json = boost::json;

enum class ErrorCode : int {
  ParseError = -32700,
  InvalidRequest = -32600,
  MethodNotFound = -32601,
  InvalidParams = -32602,
  InternalError = -32603,
  ServerNotInitialized = -32002,
  UnknownErrorCode = -32001,
  RequestFailed = -32803,
  ServerCancelled = -32802,
  ContentModified = -32801,
  RequestCancelled = -32800,
};

struct RpcError {
  ErrorCode code = ErrorCode::InternalError;
  std::string message;
  std::optional<json::value> data;
};
RpcError makeError(ErrorCode code, std::string message);

// Ids are integers or strings (JSON-RPC also allows null in error responses).
using RequestId = json::value;
bool isValidRequestId(const json::value& id);
// A stable text form of an id, for maps and logs: 7 and "7" stay distinct.
std::string idKey(const RequestId& id);

struct Request {
  RequestId id;
  std::string method;
  json::value params;  // object, array or null when absent
};
struct Notification {
  std::string method;
  json::value params;
};
struct Response {
  RequestId id;
  std::optional<json::value> result;
  std::optional<RpcError> error;
};
using Message = std::variant<Request, Notification, Response>;

// Why a body could not be decoded; `id` is the request's id when it could be read, else null.
struct DecodeFailure {
  RpcError error;
  RequestId id;
};

std::variant<Message, DecodeFailure> decodeMessage(std::string_view body);
bool isValidUtf8(std::string_view text);
// The length of the valid UTF-8 sequence starting at text[i], or 0 when it is not one.
std::size_t utf8SequenceAt(std::string_view text, std::size_t i);
// `text` with every byte that is not part of a valid sequence replaced by U+FFFD: what goes into
// a JSON string must be UTF-8.
std::string toValidUtf8(std::string_view text);
// Appends `text` as a JSON string literal (quoted, escaped, bytes that are not UTF-8 replaced by
// U+FFFD), for output paths too hot to build a json::value per line.
void appendJsonString(std::string& out, std::string_view text);

std::string encodeRequest(const RequestId& id, std::string_view method, const json::value& params);
std::string encodeNotification(std::string_view method, const json::value& params);
std::string encodeResult(const RequestId& id, const json::value& result);
std::string encodeError(const RequestId& id, const RpcError& error);

}  // namespace gloss::protocol
