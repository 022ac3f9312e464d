// When to try again: exponential backoff with jitter, and the server's own Retry-After.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

#include "commands/llm/ChatTypes.h"
#include "commands/llm/ProviderConfig.h"

namespace gloss::llm {

// The delay before retry number `retry` (0 for the first retry): initialDelay * 2^retry, capped
// at maxDelay, of which the upper half is random ("equal jitter") so that many clients rejected
// at once do not come back at once. `unitRandom` is in [0, 1).
std::chrono::milliseconds backoffDelay(const RetryPolicy& policy, int retry, double unitRandom);

// A Retry-After header value (delta-seconds or an HTTP-date) as a delay from `now`; nothing when
// the value cannot be read. A date in the past means no delay.
std::optional<std::chrono::milliseconds> parseRetryAfter(std::string_view value,
                                                         std::chrono::system_clock::time_point now);

// A `retry-after-ms` header value (OpenAI and Azure send it beside Retry-After).
std::optional<std::chrono::milliseconds> parseRetryAfterMs(std::string_view value);

// Waits `delay` in short slices; returns false as soon as `cancelled` says so.
bool sleepUnlessCancelled(std::chrono::milliseconds delay, const CancelCheck& cancelled);

}  // namespace gloss::llm
