#include "commands/llm/OpenAiProvider.h"

#include <cctype>

#include "commands/llm/JsonFields.h"
#include "commands/llm/ProviderErrors.h"

namespace gloss::llm {

namespace {

namespace json = boost::json;

std::string percentEncoded(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace

HeaderList OpenAiProvider::requestHeaders() const {
  HeaderList headers{{"Content-Type", "application/json"}, {"Accept", "text/event-stream"}};
  const std::string& key = config().apiKey;
  if (config().kind == ProviderKind::Azure) {
    headers.emplace_back("api-key", key);
  } else if (!key.empty()) {
    headers.emplace_back("Authorization", "Bearer " + key);
  }
  // OpenRouter shows the calling application in its activity log.
  if (config().kind == ProviderKind::OpenRouter) headers.emplace_back("X-Title", "gloss");
  return withExtraHeaders(std::move(headers));
}

json::object OpenAiProvider::requestBody(const ChatRequest& request) const {
  const ProviderPreset& preset = presetFor(config().kind);
  json::array messages;
  if (!request.system.empty())
    messages.push_back(json::object{{"role", "system"}, {"content", request.system}});
  for (const ChatMessage& m : request.messages)
    messages.push_back(json::object{{"role", m.role}, {"content", m.content}});
  json::object body;
  if (!model().empty()) body["model"] = model();
  body["messages"] = std::move(messages);
  body["stream"] = true;
  int maxTokens = request.maxOutputTokens > 0 ? request.maxOutputTokens : maxOutputTokens();
  body[preset.usesMaxCompletionTokens ? "max_completion_tokens" : "max_tokens"] = maxTokens;
  if (request.temperature) body["temperature"] = *request.temperature;
  if (preset.reportsStreamUsage) body["stream_options"] = json::object{{"include_usage", true}};
  return body;
}

HttpRequest OpenAiProvider::chatRequest(const ChatRequest& request) const {
  std::string url = config().baseUrl;
  if (config().kind == ProviderKind::Azure) {
    url += "/openai/deployments/" + percentEncoded(model()) +
           "/chat/completions?api-version=" + percentEncoded(config().apiVersion);
  } else {
    url += "/chat/completions";
  }
  return {HttpRequest::Method::Post, std::move(url), requestHeaders(),
          json::serialize(requestBody(request))};
}

HttpRequest OpenAiProvider::healthRequest() const {
  std::string url = config().baseUrl;
  if (config().kind == ProviderKind::Azure) {
    url += "/openai/models?api-version=" + percentEncoded(config().apiVersion);
  } else {
    url += "/models";
  }
  return {HttpRequest::Method::Get, std::move(url), requestHeaders(), {}};
}

void OpenAiProvider::applyEvent(const SseEvent& event, AnswerBuilder& answer) const {
  if (event.data == "[DONE]") {
    answer.markStreamEnd();
    return;
  }
  boost::system::error_code ec;
  json::value chunk = json::parse(event.data, ec);
  if (ec || !chunk.is_object()) {
    answer.fail(protocolError("sent a stream event that is not a JSON object."));
    return;
  }
  applyCompletion(chunk, "delta", answer);
}

void OpenAiProvider::applyJsonBody(const json::value& body, AnswerBuilder& answer) const {
  if (!firstAt(body, {"choices"}) && !fieldAt(body, {"error"})) {
    answer.fail(protocolError("sent a JSON response without choices."));
    return;
  }
  applyCompletion(body, "message", answer);
  // A whole completion is complete even if a server leaves finish_reason out.
  if (!answer.failed()) answer.markComplete();
}

void OpenAiProvider::applyCompletion(const json::value& completion, std::string_view choicePart,
                                     AnswerBuilder& answer) const {
  if (const json::value* error = fieldAt(completion, {"error"}); error && !error->is_null()) {
    auto message = providerErrorMessage(json::serialize(completion));
    answer.fail(reportedError(message.value_or("no message")));
    return;
  }
  if (auto model = stringAt(completion, {"model"}); model && !model->empty())
    answer.setModel(*model);
  if (const json::value* choice = firstAt(completion, {"choices"})) {
    if (auto text = stringAt(*choice, {choicePart, "content"})) answer.appendText(*text);
    if (auto reason = stringAt(*choice, {"finish_reason"})) {
      answer.setFinishReason(*reason);
      answer.markComplete();
    }
  }
  if (auto tokens = countAt(completion, {"usage", "prompt_tokens"}))
    answer.setPromptTokens(*tokens);
  if (auto tokens = countAt(completion, {"usage", "completion_tokens"}))
    answer.setCompletionTokens(*tokens);
}

}  // namespace gloss::llm
