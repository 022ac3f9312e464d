// Where gloss keeps its files (DESIGN.md §3): the index under the XDG cache folder and the
// sessions under the XDG data folder, each in a folder named after the workspace.
#pragma once

#include <string>
#include <vector>

namespace gloss::server {

// "<name of the first root>-<16 hex digits of a hash of all roots>", stable for a set of roots.
std::string workspaceId(const std::vector<std::string>& roots);
// $XDG_CACHE_HOME/gloss/<id> (default ~/.cache/gloss/<id>).
std::string cacheDirectory(const std::vector<std::string>& roots);
// $XDG_DATA_HOME/gloss/<id> (default ~/.local/share/gloss/<id>).
std::string dataDirectory(const std::vector<std::string>& roots);

}  // namespace gloss::server
