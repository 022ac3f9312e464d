// A bidirectional byte stream under the framing layer: a pair of file descriptors (stdio,
// pipes) or an in-memory pipe for tests.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

namespace gloss::protocol {

class ByteChannel {
 public:
  virtual ~ByteChannel() = default;
  // Blocks until some bytes arrive; returns how many, 0 at end of stream, -1 on error.
  virtual long read(char* buffer, std::size_t capacity) = 0;
  // Writes everything or returns false (the peer is gone).
  virtual bool write(std::string_view bytes) = 0;
  // Ends the outgoing direction (the peer reads EOF).
  virtual void closeWrite() = 0;
};

class FdChannel : public ByteChannel {
 public:
  FdChannel(int inFd, int outFd) : in_(inFd), out_(outFd) {}
  long read(char* buffer, std::size_t capacity) override;
  bool write(std::string_view bytes) override;
  void closeWrite() override;

 private:
  int in_;
  int out_;
};

// One direction of an in-memory pipe.
class MemoryPipe {
 public:
  bool write(std::string_view bytes);  // false once closed
  long read(char* buffer, std::size_t capacity);
  void close();

 private:
  std::mutex mutex_;
  std::condition_variable ready_;
  std::string data_;
  bool closed_ = false;
};

class MemoryChannel : public ByteChannel {
 public:
  MemoryChannel(std::shared_ptr<MemoryPipe> in, std::shared_ptr<MemoryPipe> out)
      : in_(std::move(in)), out_(std::move(out)) {}
  long read(char* buffer, std::size_t capacity) override { return in_->read(buffer, capacity); }
  bool write(std::string_view bytes) override { return out_->write(bytes); }
  void closeWrite() override { out_->close(); }

 private:
  std::shared_ptr<MemoryPipe> in_;
  std::shared_ptr<MemoryPipe> out_;
};

// Two connected channels: what one writes, the other reads.
std::pair<std::unique_ptr<ByteChannel>, std::unique_ptr<ByteChannel>> makeMemoryChannelPair();

}  // namespace gloss::protocol
