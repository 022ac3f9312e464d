#include "commands/llm/HttpProvider.h"

#include <algorithm>
#include <cctype>
#include <random>

#include "commands/llm/Backoff.h"
#include "commands/llm/ProviderErrors.h"

namespace gloss::llm {

namespace {

using Kind = ProviderError::Kind;

std::string capitalized(std::string text) {
  if (!text.empty()) text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
  return text;
}

std::string seconds(std::chrono::milliseconds ms) {
  long long tenths = (ms.count() + 50) / 100;
  std::string text = std::to_string(tenths / 10);
  if (tenths % 10) text += "." + std::to_string(tenths % 10);
  return text + " s";
}

std::string characters(std::size_t count) {
  return std::to_string(count) + (count == 1 ? " character" : " characters");
}

}  // namespace

std::string HttpProvider::where() const {
  return "the " + std::string(name()) + " provider at " + displayUrl(config().baseUrl);
}

ProviderError HttpProvider::protocolError(const std::string& problem) const {
  return {Kind::Protocol, 0, capitalized(where()) + " " + problem};
}

ProviderError HttpProvider::reportedError(std::string_view providerMessage) const {
  std::string message =
      capitalized(where()) + " reported an error: " + std::string(providerMessage);
  if (!message.ends_with('.')) message += '.';
  return {Kind::Http, 0, std::move(message)};
}

HeaderList HttpProvider::withExtraHeaders(HeaderList defaults) const {
  for (const auto& extra : config().headers) {
    std::erase_if(defaults, [&](const auto& header) {
      return std::equal(header.first.begin(), header.first.end(), extra.first.begin(),
                        extra.first.end(), [](char a, char b) {
                          return std::tolower(static_cast<unsigned char>(a)) ==
                                 std::tolower(static_cast<unsigned char>(b));
                        });
    });
    defaults.push_back(extra);
  }
  return defaults;
}

ChatResult HttpProvider::chat(const ChatRequest& request, const DeltaSink& onDelta,
                              const CancelCheck& cancelled) const {
  auto start = std::chrono::steady_clock::now();
  HttpRequest http = chatRequest(request);
  // Per call, so that concurrent chats share no state.
  std::minstd_rand random(std::random_device{}());
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  for (int attempt = 1;; ++attempt) {
    AnswerBuilder answer(onDelta, start);
    ChatAttempt exchange(*this, answer, config().timeouts, cancelled, capitalized(where()));
    HttpOutcome outcome = performHttp(http, config().timeouts.connect, exchange);
    exchange.finishBody(outcome);
    Verdict verdict = judge(outcome, exchange, answer);
    auto delay = nextDelay(verdict, attempt, answer, unit(random));
    if (delay) {
      if (sleepUnlessCancelled(*delay, cancelled)) continue;
      verdict.error = ProviderError{Kind::Cancelled, 0, "The request was cancelled."};
    }
    if (verdict.error) answer.fail(std::move(*verdict.error));
    ChatResult result = std::move(answer).finish(request, model());
    result.attempts = attempt;
    if (result.error) result.error->message = scrubKey(result.error->message, config().apiKey);
    return result;
  }
}

HttpProvider::Verdict HttpProvider::judge(const HttpOutcome& outcome, const ChatAttempt& attempt,
                                          const AnswerBuilder& answer) const {
  const Timeouts& timeouts = config().timeouts;
  std::string subject = capitalized(where());
  auto final = [](Kind kind, std::string message) {
    return Verdict{.error = ProviderError{kind, 0, std::move(message)}};
  };
  auto retryable = [](Kind kind, std::string message) {
    return Verdict{.error = ProviderError{kind, 0, std::move(message)}, .retryable = true};
  };
  switch (attempt.stop()) {
    case ChatAttempt::Stop::Cancelled:
      return final(Kind::Cancelled, "The request was cancelled.");
    case ChatAttempt::Stop::FirstTokenTimeout:
      return final(Kind::Timeout, subject + " sent no answer within " +
                                      seconds(timeouts.firstToken) + " (the first-token timeout).");
    case ChatAttempt::Stop::IdleTimeout:
      return final(Kind::Timeout, subject + " sent nothing for " + seconds(timeouts.idle) +
                                      " after " + characters(answer.textSize()) +
                                      "; the answer is incomplete.");
    case ChatAttempt::Stop::Ended:
      return {};
    case ChatAttempt::Stop::Failed:
    case ChatAttempt::Stop::None:
      break;
  }
  if (answer.failed()) return {};  // the decoder's own error is already in the answer
  if (outcome.end == HttpEnd::ConnectFailed)
    return retryable(Kind::Connect,
                     "Could not connect to " + where() + ": " + outcome.detail + ".");
  if (outcome.end == HttpEnd::ConnectTimedOut)
    return retryable(Kind::Timeout, "Could not connect to " + where() + " within " +
                                        seconds(timeouts.connect) + ".");
  if (outcome.head && (outcome.head->status < 200 || outcome.head->status >= 300)) {
    int status = static_cast<int>(outcome.head->status);
    return {.error = httpError(status, subject, attempt.errorBody(), config().apiKey),
            .retryable = status == 429 || status >= 500,
            .retryAfter = outcome.head->retryAfter};
  }
  if (outcome.end != HttpEnd::Completed && !answer.hasText())
    return retryable(Kind::Connect, "The connection to " + where() +
                                        " broke before the answer began (" + outcome.detail + ").");
  if (outcome.end != HttpEnd::Completed)
    return final(Kind::Connect, "The connection to " + where() + " broke after " +
                                    characters(answer.textSize()) + " (" + outcome.detail +
                                    "); the answer is incomplete.");
  if (answer.isComplete()) return {};
  return {.error = protocolError("ended the stream after " + characters(answer.textSize()) +
                                 " without saying the answer was complete; it may be cut short.")};
}

std::optional<std::chrono::milliseconds> HttpProvider::nextDelay(Verdict& verdict, int attempt,
                                                                 const AnswerBuilder& answer,
                                                                 double unitRandom) const {
  const RetryPolicy& policy = config().retry;
  // Once text has reached the caller, a retry would show it twice or change it under them.
  if (!verdict.error || !verdict.retryable || answer.hasText()) return std::nullopt;
  if (attempt > policy.maxRetries) {
    if (attempt > 1)
      verdict.error->message += " Gave up after " + std::to_string(attempt) + " attempts.";
    return std::nullopt;
  }
  if (verdict.retryAfter && *verdict.retryAfter > policy.maxRetryAfter) {
    verdict.error->message += " It asks to wait " + seconds(*verdict.retryAfter) +
                              ", longer than gloss waits (" + seconds(policy.maxRetryAfter) + ").";
    return std::nullopt;
  }
  if (verdict.retryAfter) return verdict.retryAfter;
  return backoffDelay(policy, attempt - 1, unitRandom);
}

}  // namespace gloss::llm
