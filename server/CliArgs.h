// Small pieces shared by the command-line front doors.
#pragma once

#include <cstdint>
#include <string_view>

namespace gloss::server {

// A decimal count (digits only, no sign); false on anything else, including overflow.
bool parseCount(std::string_view text, std::uint64_t& out);

}  // namespace gloss::server
