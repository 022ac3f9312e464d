#include "commands/llm/AnthropicProvider.h"

#include "commands/llm/JsonFields.h"

namespace gloss::llm {

namespace {

namespace json = boost::json;

// Prompt tokens include those read from or written to the prompt cache.
void readInputTokens(const json::value& usage, AnswerBuilder& answer) {
  auto input = countAt(usage, {"input_tokens"});
  if (!input) return;
  int total = *input + countAt(usage, {"cache_creation_input_tokens"}).value_or(0) +
              countAt(usage, {"cache_read_input_tokens"}).value_or(0);
  answer.setPromptTokens(total);
}

}  // namespace

HeaderList AnthropicProvider::requestHeaders() const {
  return withExtraHeaders({{"Content-Type", "application/json"},
                           {"Accept", "text/event-stream"},
                           {"x-api-key", config().apiKey},
                           {"anthropic-version", config().apiVersion}});
}

HttpRequest AnthropicProvider::chatRequest(const ChatRequest& request) const {
  json::array messages;
  for (const ChatMessage& m : request.messages)
    messages.push_back(json::object{{"role", m.role}, {"content", m.content}});
  json::object body{
      {"model", model()},
      {"max_tokens", request.maxOutputTokens > 0 ? request.maxOutputTokens : maxOutputTokens()},
      {"messages", std::move(messages)},
      {"stream", true},
  };
  if (!request.system.empty()) body["system"] = request.system;
  if (request.temperature) body["temperature"] = *request.temperature;
  return {HttpRequest::Method::Post, config().baseUrl + "/v1/messages", requestHeaders(),
          json::serialize(body)};
}

HttpRequest AnthropicProvider::healthRequest() const {
  return {HttpRequest::Method::Get, config().baseUrl + "/v1/models", requestHeaders(), {}};
}

void AnthropicProvider::applyEvent(const SseEvent& event, AnswerBuilder& answer) const {
  boost::system::error_code ec;
  json::value data = json::parse(event.data, ec);
  if (ec || !data.is_object()) {
    answer.fail(protocolError("sent a stream event that is not a JSON object."));
    return;
  }
  // The `type` inside the data repeats the event name; servers that omit `event:` still work.
  std::string_view type = event.event != "message" ? std::string_view(event.event)
                                                   : stringAt(data, {"type"}).value_or("");
  if (type == "message_start") {
    if (auto model = stringAt(data, {"message", "model"})) answer.setModel(*model);
    if (const json::value* usage = fieldAt(data, {"message", "usage"}))
      readInputTokens(*usage, answer);
  } else if (type == "content_block_delta") {
    if (stringAt(data, {"delta", "type"}) == "text_delta") {
      if (auto text = stringAt(data, {"delta", "text"})) answer.appendText(*text);
    }
  } else if (type == "message_delta") {
    if (auto reason = stringAt(data, {"delta", "stop_reason"})) {
      answer.setFinishReason(*reason);
      answer.markComplete();
    }
    if (auto tokens = countAt(data, {"usage", "output_tokens"}))
      answer.setCompletionTokens(*tokens);
  } else if (type == "message_stop") {
    answer.markStreamEnd();
  } else if (type == "error") {
    answer.fail(reportedError(stringAt(data, {"error", "message"}).value_or("no message")));
  }
  // ping, content_block_start/stop and event types added later carry nothing we use.
}

void AnthropicProvider::applyJsonBody(const json::value& body, AnswerBuilder& answer) const {
  if (stringAt(body, {"type"}) == "error") {
    answer.fail(reportedError(stringAt(body, {"error", "message"}).value_or("no message")));
    return;
  }
  const json::value* content = fieldAt(body, {"content"});
  if (!content || !content->is_array()) {
    answer.fail(protocolError("sent a JSON response without content."));
    return;
  }
  if (auto model = stringAt(body, {"model"})) answer.setModel(*model);
  for (const json::value& block : content->get_array()) {
    if (stringAt(block, {"type"}) == "text")
      answer.appendText(stringAt(block, {"text"}).value_or(""));
  }
  if (auto reason = stringAt(body, {"stop_reason"})) answer.setFinishReason(*reason);
  if (const json::value* usage = fieldAt(body, {"usage"})) readInputTokens(*usage, answer);
  if (auto tokens = countAt(body, {"usage", "output_tokens"})) answer.setCompletionTokens(*tokens);
  answer.markComplete();
}

}  // namespace gloss::llm
