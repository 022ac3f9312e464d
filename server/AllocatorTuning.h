// glibc's malloc tuned for a long-running daemon. By default glibc gives threads that contend
// arenas of their own (up to 8 per core) and raises its mmap threshold to the size of every
// mapped block freed, so later large blocks (edited buffers, grep answers, prompts) are carved
// from those arenas. Freed, they stay there as scattered free space: the 10-minute soak saw RSS
// climb about 2 MiB a minute while the bytes in use stayed nearly flat (docs/soak.md). Two
// arenas and a fixed threshold keep large blocks mapped and returned on free.
#pragma once

#include <cstddef>

namespace gloss::server {

// The threshold kept fixed: blocks of at least this size are mapped on their own.
inline constexpr std::size_t kMmapThresholdBytes = 64 * 1024;

// Applies the tuning to this process; false where the allocator is not glibc's own (another
// libc, or a sanitizer's allocator), which is left as it is.
bool tuneAllocatorForDaemon();

}  // namespace gloss::server
