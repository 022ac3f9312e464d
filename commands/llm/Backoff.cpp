#include "commands/llm/Backoff.h"

#include <curl/curl.h>

#include <algorithm>
#include <charconv>
#include <string>
#include <thread>

namespace gloss::llm {

namespace {

constexpr std::chrono::milliseconds kSleepSlice{10};
// Longer delays are clamped here; the retry policy refuses them anyway (maxRetryAfter).
constexpr std::chrono::milliseconds kLongestDelay = std::chrono::hours(24);

std::optional<long long> parseWholeNumber(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  long long value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || value < 0)
    return std::nullopt;
  return value;
}

}  // namespace

std::chrono::milliseconds backoffDelay(const RetryPolicy& policy, int retry, double unitRandom) {
  long long cap = policy.maxDelay.count();
  long long delay = policy.initialDelay.count();
  for (int i = 0; i < retry && delay < cap; ++i) delay *= 2;
  delay = std::min(delay, cap);
  long long half = delay / 2;
  auto jitter = static_cast<long long>(static_cast<double>(delay - half) * unitRandom);
  return std::chrono::milliseconds(half + jitter);
}

std::optional<std::chrono::milliseconds> parseRetryAfter(
    std::string_view value, std::chrono::system_clock::time_point now) {
  if (auto seconds = parseWholeNumber(value))
    return std::chrono::seconds(std::min<long long>(*seconds, kLongestDelay.count() / 1000));
  time_t when = curl_getdate(std::string(value).c_str(), nullptr);
  if (when == -1) return std::nullopt;
  auto delay = std::chrono::system_clock::from_time_t(when) - now;
  return std::max(std::chrono::duration_cast<std::chrono::milliseconds>(delay),
                  std::chrono::milliseconds(0));
}

std::optional<std::chrono::milliseconds> parseRetryAfterMs(std::string_view value) {
  auto ms = parseWholeNumber(value);
  if (!ms) return std::nullopt;
  return std::chrono::milliseconds(std::min<long long>(*ms, kLongestDelay.count()));
}

bool sleepUnlessCancelled(std::chrono::milliseconds delay, const CancelCheck& cancelled) {
  auto deadline = std::chrono::steady_clock::now() + delay;
  for (;;) {
    if (cancelled && cancelled()) return false;
    auto now = std::chrono::steady_clock::now();
    if (now >= deadline) return true;
    std::this_thread::sleep_for(
        std::min<std::chrono::steady_clock::duration>(kSleepSlice, deadline - now));
  }
}

}  // namespace gloss::llm
