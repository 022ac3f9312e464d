// Small pieces shared by the command-line front doors.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "commands/llm/ConfigSources.h"
#include "commands/llm/Provider.h"

namespace gloss::server {

// A decimal count (digits only, no sign); false on anything else, including overflow.
bool parseCount(std::string_view text, std::uint64_t& out);

// The provider a headless command uses: its flags over the GLOSS_* environment (there are no
// editor settings), wrapped so that secrets are redacted; null with `error` set when the
// configuration is unusable.
std::unique_ptr<llm::Provider> providerFromCommandLine(const llm::ConfigLayer& flags,
                                                       std::string& error);

}  // namespace gloss::server
