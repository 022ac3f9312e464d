#include "protocol/JsonRpc.h"

namespace gloss::protocol {

RpcError makeError(ErrorCode code, std::string message) {
  return RpcError{code, std::move(message), std::nullopt};
}

bool isValidRequestId(const json::value& id) {
  return id.is_int64() || id.is_uint64() || id.is_string();
}

std::string idKey(const RequestId& id) {
  return json::serialize(id);
}

std::size_t utf8SequenceAt(std::string_view text, std::size_t i) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  unsigned char c = s[i];
  if (c < 0x80) return 1;
  std::size_t len = 0;
  unsigned int cp = 0;
  if ((c & 0xE0) == 0xC0) {
    len = 2;
    cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3;
    cp = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4;
    cp = c & 0x07;
  } else {
    return 0;
  }
  if (i + len > text.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    if ((s[i + k] & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (s[i + k] & 0x3F);
  }
  // Reject overlong forms, surrogates and values past U+10FFFF.
  if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
      (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
    return 0;
  }
  return len;
}

bool isValidUtf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    std::size_t len = utf8SequenceAt(text, i);
    if (len == 0) return false;
    i += len;
  }
  return true;
}

std::string toValidUtf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    std::size_t len = utf8SequenceAt(text, i);
    if (len == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER, one per bad byte
      ++i;
    } else {
      out.append(text.substr(i, len));
      i += len;
    }
  }
  return out;
}

void appendJsonString(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  std::size_t plain = 0;  // start of the run of bytes copied as they are
  for (std::size_t i = 0; i < text.size();) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
      ++i;
      continue;
    }
    std::size_t len = c < 0x80 ? 1 : utf8SequenceAt(text, i);
    if (len > 1) {
      i += len;
      continue;
    }
    out.append(text.substr(plain, i - plain));
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c < 0x20) {
      out += "\\u00";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += "\xEF\xBF\xBD";  // not UTF-8: U+FFFD
    }
    plain = ++i;
  }
  out.append(text.substr(plain));
  out += '"';
}

namespace {

DecodeFailure invalid(std::string message, RequestId id = nullptr) {
  return DecodeFailure{makeError(ErrorCode::InvalidRequest, std::move(message)), std::move(id)};
}

std::variant<Message, DecodeFailure> decodeResponse(json::object& obj, RequestId id) {
  const json::value* result = obj.if_contains("result");
  const json::value* error = obj.if_contains("error");
  if ((result != nullptr) == (error != nullptr)) {
    return invalid("a response must have exactly one of 'result' and 'error'", id);
  }
  Response response{std::move(id), std::nullopt, std::nullopt};
  if (result) {
    response.result = *result;
    return Message{std::move(response)};
  }
  const json::object* e = error->if_object();
  const json::value* code = e ? e->if_contains("code") : nullptr;
  const json::value* message = e ? e->if_contains("message") : nullptr;
  if (!code || !code->is_int64() || !message || !message->is_string()) {
    return invalid("a response error needs an integer 'code' and a string 'message'", response.id);
  }
  RpcError rpc{static_cast<ErrorCode>(code->as_int64()), std::string(message->as_string()),
               std::nullopt};
  if (const json::value* data = e->if_contains("data")) rpc.data = *data;
  response.error = std::move(rpc);
  return Message{std::move(response)};
}

}  // namespace

std::variant<Message, DecodeFailure> decodeMessage(std::string_view body) {
  if (!isValidUtf8(body)) {
    return DecodeFailure{makeError(ErrorCode::ParseError, "message body is not valid UTF-8"),
                         nullptr};
  }
  boost::system::error_code ec;
  json::value root = json::parse(body, ec);
  if (ec) {
    return DecodeFailure{makeError(ErrorCode::ParseError, "invalid JSON: " + ec.message()),
                         nullptr};
  }
  if (root.is_array()) return invalid("batch messages are not supported by LSP");
  json::object* obj = root.if_object();
  if (!obj) return invalid("a message must be a JSON object");

  RequestId id = nullptr;
  const json::value* idValue = obj->if_contains("id");
  if (idValue && !idValue->is_null()) {
    if (!isValidRequestId(*idValue)) return invalid("'id' must be an integer or a string");
    id = *idValue;
  }
  const json::value* version = obj->if_contains("jsonrpc");
  if (!version || !version->is_string() || version->as_string() != "2.0") {
    return invalid("'jsonrpc' must be \"2.0\"", id);
  }
  const json::value* method = obj->if_contains("method");
  if (!method) {
    if (!idValue) return invalid("a message needs a 'method' or an 'id'");
    return decodeResponse(*obj, std::move(id));
  }
  if (!method->is_string()) return invalid("'method' must be a string", id);
  json::value params = nullptr;
  // A null `params` is treated as absent: some clients send it for parameterless methods.
  if (const json::value* p = obj->if_contains("params"); p && !p->is_null()) {
    if (!p->is_object() && !p->is_array()) {
      return invalid("'params' must be an object or an array", id);
    }
    params = *p;
  }
  std::string name(method->as_string());
  if (!idValue) return Message{Notification{std::move(name), std::move(params)}};
  if (idValue->is_null()) return invalid("a request's 'id' must not be null");
  return Message{Request{std::move(id), std::move(name), std::move(params)}};
}

std::string encodeRequest(const RequestId& id, std::string_view method, const json::value& params) {
  json::object o{{"jsonrpc", "2.0"}, {"id", id}, {"method", method}};
  if (!params.is_null()) o["params"] = params;
  return json::serialize(o);
}

std::string encodeNotification(std::string_view method, const json::value& params) {
  json::object o{{"jsonrpc", "2.0"}, {"method", method}};
  if (!params.is_null()) o["params"] = params;
  return json::serialize(o);
}

std::string encodeResult(const RequestId& id, const json::value& result) {
  return json::serialize(json::object{{"jsonrpc", "2.0"}, {"id", id}, {"result", result}});
}

std::string encodeError(const RequestId& id, const RpcError& error) {
  json::object e{{"code", static_cast<int>(error.code)}, {"message", error.message}};
  if (error.data) e["data"] = *error.data;
  return json::serialize(json::object{{"jsonrpc", "2.0"}, {"id", id}, {"error", std::move(e)}});
}

}  // namespace gloss::protocol
