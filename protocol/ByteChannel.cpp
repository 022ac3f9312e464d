#include "protocol/ByteChannel.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace gloss::protocol {

long FdChannel::read(char* buffer, std::size_t capacity) {
  for (;;) {
    ssize_t n = ::read(in_, buffer, capacity);
    if (n >= 0) return static_cast<long>(n);
    if (errno != EINTR) return -1;
  }
}

bool FdChannel::write(std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::write(out_, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

void FdChannel::closeWrite() {
  if (out_ >= 0) ::close(out_);
  out_ = -1;
}

bool MemoryPipe::write(std::string_view bytes) {
  {
    std::lock_guard lock(mutex_);
    if (closed_) return false;
    data_.append(bytes);
  }
  ready_.notify_all();
  return true;
}

long MemoryPipe::read(char* buffer, std::size_t capacity) {
  std::unique_lock lock(mutex_);
  ready_.wait(lock, [&] { return !data_.empty() || closed_; });
  if (data_.empty()) return 0;
  std::size_t n = std::min(capacity, data_.size());
  std::memcpy(buffer, data_.data(), n);
  data_.erase(0, n);
  return static_cast<long>(n);
}

void MemoryPipe::close() {
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
  }
  ready_.notify_all();
}

std::pair<std::unique_ptr<ByteChannel>, std::unique_ptr<ByteChannel>> makeMemoryChannelPair() {
  auto aToB = std::make_shared<MemoryPipe>();
  auto bToA = std::make_shared<MemoryPipe>();
  return {std::make_unique<MemoryChannel>(bToA, aToB), std::make_unique<MemoryChannel>(aToB, bToA)};
}

}  // namespace gloss::protocol
