// Which sanitizer this build carries, for the few tests whose bounds on time or memory would
// measure the instrumentation rather than gloss (docs/sanitizers.md). Tests still run in full
// under every sanitizer; only such a bound changes.
#pragma once

#if defined(__SANITIZE_ADDRESS__)
#define GLOSS_TEST_ASAN 1
#endif
#if defined(__SANITIZE_THREAD__)
#define GLOSS_TEST_TSAN 1
#endif
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define GLOSS_TEST_ASAN 1
#endif
#if __has_feature(thread_sanitizer)
#define GLOSS_TEST_TSAN 1
#endif
#endif

namespace gloss::test {

#if defined(GLOSS_TEST_ASAN)
inline constexpr bool kAddressSanitizer = true;
#else
inline constexpr bool kAddressSanitizer = false;
#endif
#if defined(GLOSS_TEST_TSAN)
inline constexpr bool kThreadSanitizer = true;
#else
inline constexpr bool kThreadSanitizer = false;
#endif

// How many times longer a bound on elapsed time may be: the daemon and the test reading its
// messages are both instrumented (ThreadSanitizer costs most, about 5-15x on memory accesses).
inline constexpr int kTimeScale = kThreadSanitizer ? 5 : kAddressSanitizer ? 3 : 1;

}  // namespace gloss::test
