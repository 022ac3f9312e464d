// Whether a path someone names (a client, a chat message, a generated-test proposal) really lies
// inside the workspace folders. A lexical check is not enough: `src/link/../x`, a folder inside
// the workspace that is a symlink to elsewhere, or a dangling symlink whose target does not exist
// yet would all pass one. Every symlink on the path is followed the way the kernel would follow
// it when the file is opened or created, so the answer holds for reads and for writes.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gloss::indexer {

// `path` (absolute and lexically normal) with every symlink in it resolved, including one at
// the end whose target does not exist; the missing tail is kept as written. nullopt when the
// links loop (more than 40 of them on the way, as the kernel counts).
std::optional<std::string> resolveSymlinks(std::string_view path);

// The lexically normal absolute form of `path` (a relative one is taken from `roots[0]`) when it
// lies under one of `roots` both as written and with symlinks resolved (against the roots'
// resolved forms); nullopt otherwise. The form returned is the one the index records.
std::optional<std::string> containedPath(std::string_view path,
                                         const std::vector<std::string>& roots);

}  // namespace gloss::indexer
