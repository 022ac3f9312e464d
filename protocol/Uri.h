// file:// URIs <-> local paths, as editors send them (percent-encoded, RFC 3986).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace gloss::protocol {

// Returns the local path of a file:// URI, or nothing for other schemes and malformed URIs.
std::optional<std::string> uriToPath(std::string_view uri);
// Encodes an absolute path as a file:// URI.
std::string pathToUri(std::string_view absolutePath);

}  // namespace gloss::protocol
