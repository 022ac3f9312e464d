#include "commands/redact/SecretKind.h"

#include <array>

namespace gloss::redact {
namespace {

struct KindText {
  std::string_view name;
  std::string_view singular;
  std::string_view plural;
};

// Indexed by SecretKind; the order must follow the enum.
constexpr std::array<KindText, kSecretKindCount> kKindTexts{{
    {"private_key", "private key", "private keys"},
    {"aws_access_key", "AWS access key", "AWS access keys"},
    {"aws_secret_key", "AWS secret key", "AWS secret keys"},
    {"github_token", "GitHub token", "GitHub tokens"},
    {"openai_key", "OpenAI API key", "OpenAI API keys"},
    {"anthropic_key", "Anthropic API key", "Anthropic API keys"},
    {"slack_token", "Slack token", "Slack tokens"},
    {"stripe_key", "Stripe key", "Stripe keys"},
    {"google_api_key", "Google API key", "Google API keys"},
    {"jwt", "JSON Web Token", "JSON Web Tokens"},
    {"connection_string_password", "connection-string password", "connection-string passwords"},
    {"password_assignment", "hard-coded password", "hard-coded passwords"},
    {"high_entropy_secret", "high-entropy secret", "high-entropy secrets"},
}};

const KindText& textOf(SecretKind kind) {
  return kKindTexts[static_cast<std::size_t>(kind)];
}

}  // namespace

std::string_view kindName(SecretKind kind) {
  return textOf(kind).name;
}

std::optional<SecretKind> kindFromName(std::string_view name) {
  for (std::size_t i = 0; i < kKindTexts.size(); ++i) {
    if (kKindTexts[i].name == name) return static_cast<SecretKind>(i);
  }
  return std::nullopt;
}

std::string_view kindLabel(SecretKind kind, std::size_t count) {
  return count == 1 ? textOf(kind).singular : textOf(kind).plural;
}

}  // namespace gloss::redact
