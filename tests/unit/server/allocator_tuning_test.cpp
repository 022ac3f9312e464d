// The daemon's malloc tuning (server/AllocatorTuning.h): once a large mapped block has been
// freed, glibc would by default serve the next large blocks from an arena, where they stay as
// free space after use; tuned, a large block is still mapped on its own.
#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>

#include "server/AllocatorTuning.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace gloss::server {
namespace {

// Keeps the compiler from eliding a malloc/free pair whose block is never read.
void touch(void* block, std::size_t size) {
  std::memset(block, 1, size);
  asm volatile("" : : "r"(block) : "memory");
}

TEST(AllocatorTuning, LargeBlocksStayMappedAfterALargerOneIsFreed) {
#if defined(__GLIBC__)
  if (!tuneAllocatorForDaemon()) GTEST_SKIP() << "malloc is not glibc's own here";
  constexpr std::size_t kLarge = 4 << 20;
  void* large = std::malloc(kLarge);
  touch(large, kLarge);
  std::free(large);  // untuned, this raises the threshold to 4 MiB

  constexpr std::size_t kBlock = 8 * kMmapThresholdBytes;
  std::size_t mappedBefore = mallinfo2().hblkhd;
  void* block = std::malloc(kBlock);
  touch(block, kBlock);
  std::size_t mappedDuring = mallinfo2().hblkhd;
  std::free(block);
  EXPECT_GE(mappedDuring, mappedBefore + kBlock);
#else
  GTEST_SKIP() << "not glibc";
#endif
}

}  // namespace
}  // namespace gloss::server
