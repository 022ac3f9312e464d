#include "server/CliArgs.h"

#include <charconv>

#include "commands/llm/RedactingProvider.h"

namespace gloss::server {

bool parseCount(std::string_view text, std::uint64_t& out) {
  if (text.empty() || text.find_first_not_of("0123456789") != std::string_view::npos) return false;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
  return error == std::errc() && end == text.data() + text.size();
}

std::unique_ptr<llm::Provider> providerFromCommandLine(const llm::ConfigLayer& flags,
                                                       std::string& error) {
  llm::EnvLookup env = llm::processEnvironment();
  auto fromEnvironment = llm::layerFromEnvironment(env);
  if (!fromEnvironment) {
    error = fromEnvironment.error();
    return nullptr;
  }
  auto config = llm::resolveProviderConfig({flags, *fromEnvironment}, env);
  if (!config) {
    error = config.error();
    return nullptr;
  }
  return llm::makeRedactedProvider(*config, std::make_shared<const redact::SecretRedactor>());
}

}  // namespace gloss::server
