#include "indexer/grep/FileReader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

namespace gloss::indexer {

std::optional<std::string_view> FileReader::read(const std::string& path, std::uint64_t maxBytes) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  struct stat st {};
  bool ok = ::fstat(fd, &st) == 0 && static_cast<std::uint64_t>(st.st_size) <= maxBytes;
  std::size_t size = 0;
  if (ok) {
    // One byte more than the stat says, so the common case ends with a single short read.
    reserve(static_cast<std::size_t>(st.st_size) + 1);
    while (true) {
      if (size == capacity_) reserve(capacity_ * 2);
      ssize_t n = ::read(fd, data_.get() + size, capacity_ - size);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        ok = n == 0;
        break;
      }
      std::size_t asked = capacity_ - size;
      size += static_cast<std::size_t>(n);
      // A regular file reads short only at its end: no need for a read that returns 0.
      if (static_cast<std::size_t>(n) < asked && S_ISREG(st.st_mode)) break;
    }
  }
  ::close(fd);
  if (!ok || size > maxBytes) return std::nullopt;
  return std::string_view(data_.get(), size);
}

void FileReader::reserve(std::size_t want) {
  // One huge file must not pin its buffer for the life of a daemon thread.
  constexpr std::size_t kKeep = 16u << 20;
  if (capacity_ > kKeep && want <= kKeep) {
    data_.reset();
    capacity_ = 0;
  }
  if (want <= capacity_) return;
  std::size_t capacity = std::max<std::size_t>(want, 64 * 1024);
  auto data = std::make_unique<char[]>(capacity);
  std::copy_n(data_.get(), capacity_, data.get());
  data_ = std::move(data);
  capacity_ = capacity;
}

}  // namespace gloss::indexer
