// Fuzzes scrubKey and providerErrorMessage: an error message must never contain the key,
// whatever the provider sent and whatever the key looks like.
//
// Input: the first byte gives the key length (8-71 bytes, as API keys are never shorter); the
// key follows; the rest is the provider's error body.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "commands/llm/ProviderErrors.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  std::size_t keyLength = data[0] % 64 + 8;
  if (size < 1 + keyLength) return 0;
  std::string_view key(reinterpret_cast<const char*>(data + 1), keyLength);
  std::string_view body(reinterpret_cast<const char*>(data + 1 + keyLength), size - 1 - keyLength);
  if (gloss::llm::scrubKey(std::string(body), key).find(key) != std::string::npos) __builtin_trap();
  gloss::llm::ProviderError error = gloss::llm::httpError(401, "The provider", body, key);
  if (error.message.find(key) != std::string::npos) __builtin_trap();
  return 0;
}
