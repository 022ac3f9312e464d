// The kinds of secret the redactor recognises. Each has a stable snake_case name, used in the
// `[REDACTED:<name>]` marker and in results sent to clients, and a label for human messages.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace gloss::redact {

enum class SecretKind : unsigned char {
  PrivateKey,
  AwsAccessKey,
  AwsSecretKey,
  GithubToken,
  OpenaiKey,
  AnthropicKey,
  SlackToken,
  StripeKey,
  GoogleApiKey,
  Jwt,
  ConnectionStringPassword,
  PasswordAssignment,
  HighEntropySecret,
};

inline constexpr std::size_t kSecretKindCount = 13;

// "github_token". Part of the protocol: clients may match on it, so names never change.
std::string_view kindName(SecretKind kind);

// The kind whose name is `name`, if any.
std::optional<SecretKind> kindFromName(std::string_view name);

// "GitHub token" for a count of one, "GitHub tokens" otherwise.
std::string_view kindLabel(SecretKind kind, std::size_t count);

}  // namespace gloss::redact
