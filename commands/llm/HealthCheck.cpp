// HttpProvider::checkHealth: one cheap authenticated request (a models list), bounded in time.
#include <boost/json.hpp>

#include "commands/llm/HttpProvider.h"
#include "commands/llm/ProviderErrors.h"

namespace gloss::llm {

namespace {

namespace json = boost::json;

// A health check must answer quickly even when chats are allowed to wait minutes.
constexpr std::chrono::milliseconds kLongestHealthCheck{15'000};
constexpr std::size_t kLongestHealthBody = 1024 * 1024;

class HealthProbe final : public HttpHandler {
 public:
  HealthProbe(const CancelCheck& cancelled, std::chrono::milliseconds limit)
      : cancelled_(cancelled), deadline_(std::chrono::steady_clock::now() + limit) {}

  void onHead(const HttpHead&) override {}
  void onBody(std::string_view bytes) override {
    if (body_.size() + bytes.size() <= kLongestHealthBody) body_.append(bytes);
  }
  bool shouldStop() override {
    if (cancelled_ && cancelled_()) cancelledSeen_ = true;
    if (std::chrono::steady_clock::now() > deadline_) timedOut_ = true;
    return cancelledSeen_ || timedOut_;
  }

  bool cancelled() const { return cancelledSeen_; }
  bool timedOut() const { return timedOut_; }
  const std::string& body() const { return body_; }

 private:
  const CancelCheck& cancelled_;
  std::chrono::steady_clock::time_point deadline_;
  std::string body_;
  bool cancelledSeen_ = false, timedOut_ = false;
};

// "12 models listed" from an OpenAI or Anthropic models list; empty for other bodies.
std::string modelCount(const std::string& body) {
  boost::system::error_code ec;
  json::value parsed = json::parse(body, ec);
  const json::object* o = ec ? nullptr : parsed.if_object();
  const json::value* data = o ? o->if_contains("data") : nullptr;
  if (!data || !data->is_array()) return {};
  std::size_t n = data->get_array().size();
  return "; " + std::to_string(n) + (n == 1 ? " model listed" : " models listed");
}

std::string describeFailure(const HttpOutcome& outcome, const HealthProbe& probe,
                            const std::string& where, std::string_view key) {
  if (probe.cancelled()) return "The health check was cancelled.";
  if (probe.timedOut()) return "No answer from " + where + " in time.";
  if (outcome.end == HttpEnd::ConnectTimedOut) return "Could not connect to " + where + " in time.";
  if (!outcome.head) return "Could not reach " + where + ": " + outcome.detail + ".";
  std::string subject = where;
  subject[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(subject[0])));
  return httpError(static_cast<int>(outcome.head->status), subject, probe.body(), key).message;
}

}  // namespace

Health HttpProvider::checkHealth(const CancelCheck& cancelled) const {
  auto start = std::chrono::steady_clock::now();
  HealthProbe probe(cancelled, std::min(kLongestHealthCheck, config().timeouts.firstToken));
  HttpOutcome outcome = performHttp(healthRequest(), config().timeouts.connect, probe);
  Health health;
  health.latency = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - start);
  health.ok = outcome.end == HttpEnd::Completed && outcome.head && outcome.head->status >= 200 &&
              outcome.head->status < 300;
  std::string message = health.ok ? "Reachable" + modelCount(probe.body()) + "."
                                  : describeFailure(outcome, probe, where(), config().apiKey);
  health.message = scrubKey(std::move(message), config().apiKey);
  return health;
}

}  // namespace gloss::llm
