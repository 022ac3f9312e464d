#include "commands/llm/ProviderErrors.h"

#include <boost/json.hpp>
#include <cctype>

namespace gloss::llm {

namespace {

namespace json = boost::json;

constexpr std::size_t kKeyEdge = 8;
constexpr std::size_t kLongestProviderMessage = 500;

const char* reasonPhrase(int status) {
  switch (status) {
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 408:
      return "Request Timeout";
    case 413:
      return "Payload Too Large";
    case 422:
      return "Unprocessable Entity";
    case 429:
      return "Too Many Requests";
    case 500:
      return "Internal Server Error";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    case 504:
      return "Gateway Timeout";
    case 529:
      return "Overloaded";
    default:
      return nullptr;
  }
}

void replaceAll(std::string& text, std::string_view what, std::string_view with) {
  for (std::size_t at = text.find(what); at != std::string::npos;
       at = text.find(what, at + with.size()))
    text.replace(at, what.size(), with);
}

// Characters that may appear in a key or in a provider's masked echo of one.
bool isKeyCharacter(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) ||
         std::string_view("-_*~+/=.").find(c) != std::string_view::npos;
}

// Replaces every run of key characters that holds `fragment` with "[redacted]".
void redactWordsContaining(std::string& text, std::string_view fragment) {
  constexpr std::string_view kRedacted = "[redacted]";
  for (std::size_t at = text.find(fragment); at != std::string::npos;) {
    std::size_t begin = at, end = at + fragment.size();
    while (begin > 0 && isKeyCharacter(text[begin - 1])) --begin;
    while (end < text.size() && isKeyCharacter(text[end])) ++end;
    while (end > at + fragment.size() && text[end - 1] == '.') --end;  // a full stop ends it
    text.replace(begin, end - begin, kRedacted);
    at = text.find(fragment, begin + kRedacted.size());
  }
}

std::optional<std::string> messageIn(const json::value& v) {
  if (const json::string* s = v.if_string()) return std::string(*s);
  const json::object* o = v.if_object();
  if (!o) return std::nullopt;
  if (const json::value* m = o->if_contains("message"); m && m->is_string())
    return std::string(m->get_string());
  if (const json::value* e = o->if_contains("error")) return messageIn(*e);
  return std::nullopt;
}

}  // namespace

const char* toString(ProviderError::Kind kind) {
  switch (kind) {
    case ProviderError::Kind::Config:
      return "config";
    case ProviderError::Kind::Connect:
      return "connect";
    case ProviderError::Kind::Timeout:
      return "timeout";
    case ProviderError::Kind::RateLimited:
      return "rateLimited";
    case ProviderError::Kind::Http:
      return "http";
    case ProviderError::Kind::Protocol:
      return "protocol";
    case ProviderError::Kind::Cancelled:
      return "cancelled";
  }
  return "unknown";
}

std::string scrubKey(std::string text, std::string_view key) {
  if (key.empty()) return text;
  replaceAll(text, key, "[redacted]");
  if (key.size() >= 2 * kKeyEdge) {
    redactWordsContaining(text, key.substr(0, kKeyEdge));
    redactWordsContaining(text, key.substr(key.size() - kKeyEdge));
  }
  // In contrived cases a replacement and its neighbours spell the key again.
  if (text.find(key) == std::string::npos) return text;
  std::string withheld = "(message withheld: it contained the API key)";
  return withheld.find(key) == std::string::npos ? withheld : std::string();
}

std::optional<std::string> providerErrorMessage(std::string_view body) {
  boost::system::error_code ec;
  json::value parsed = json::parse(body, ec);
  if (ec) return std::nullopt;
  const json::object* o = parsed.if_object();
  const json::value* error = o ? o->if_contains("error") : nullptr;
  auto message = error ? messageIn(*error) : std::nullopt;
  if (!message || message->empty()) return std::nullopt;
  if (message->size() > kLongestProviderMessage) {
    message->resize(kLongestProviderMessage);
    *message += "...";
  }
  return message;
}

ProviderError httpError(int status, std::string_view where, std::string_view body,
                        std::string_view key) {
  std::string sentence = std::string(where) + " answered HTTP " + std::to_string(status);
  if (const char* phrase = reasonPhrase(status)) sentence += std::string(" (") + phrase + ")";
  if (auto message = providerErrorMessage(body)) {
    sentence += ": " + *message;
    if (!sentence.ends_with('.')) sentence += '.';
  } else {
    sentence += '.';
  }
  auto kind = status == 429 ? ProviderError::Kind::RateLimited : ProviderError::Kind::Http;
  return ProviderError{kind, status, scrubKey(std::move(sentence), key)};
}

ProviderError makeError(ProviderError::Kind kind, std::string message, std::string_view key) {
  return ProviderError{kind, 0, scrubKey(std::move(message), key)};
}

}  // namespace gloss::llm
