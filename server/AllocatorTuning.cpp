#include "server/AllocatorTuning.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace gloss::server {

bool tuneAllocatorForDaemon() {
#if defined(__SANITIZE_THREAD__)
  // ThreadSanitizer replaces malloc but lets mallopt reach glibc, which would report success.
  return false;
#elif defined(__GLIBC__)
  constexpr int kArenas = 2;
  // Sanitizers intercept mallopt and report failure (0): then nothing is tuned.
  return mallopt(M_ARENA_MAX, kArenas) == 1 &&
         mallopt(M_MMAP_THRESHOLD, static_cast<int>(kMmapThresholdBytes)) == 1;
#else
  return false;
#endif
}

}  // namespace gloss::server
