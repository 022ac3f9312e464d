// Reads whole files into a buffer that only grows, so that reading many files allocates nothing
// once warm. One per thread.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace gloss::indexer {

class FileReader {
 public:
  // The file's bytes, valid until the next call; nullopt when it cannot be opened or read, or
  // is larger than `maxBytes`.
  std::optional<std::string_view> read(const std::string& path,
                                       std::uint64_t maxBytes = UINT64_MAX);

 private:
  void reserve(std::size_t want);

  std::unique_ptr<char[]> data_;
  std::size_t capacity_ = 0;
};

}  // namespace gloss::indexer
