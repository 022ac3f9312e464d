#include "server/WorkspacePaths.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "indexer/IndexStore.h"

namespace gloss::server {
namespace {

std::string baseFolder(const char* xdgVariable, const char* homeFallback) {
  if (const char* xdg = std::getenv(xdgVariable); xdg && xdg[0] == '/') return xdg;
  const char* home = std::getenv("HOME");
  std::string base = home && home[0] ? home : "/tmp";
  return base + "/" + homeFallback;
}

}  // namespace

std::string workspaceId(const std::vector<std::string>& roots) {
  std::vector<std::string> sorted = roots;
  std::sort(sorted.begin(), sorted.end());
  std::string joined;
  for (const auto& root : sorted) joined += root + '\n';
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx",
                static_cast<unsigned long long>(indexer::contentHash(joined)));
  std::string name =
      roots.empty() ? "none" : std::filesystem::path(roots.front()).filename().string();
  std::replace_if(
      name.begin(), name.end(),
      [](char c) {
        return !std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.';
      },
      '_');
  if (name.empty() || name == "." || name == "..") name = "root";
  return name + "-" + hex;
}

std::string cacheDirectory(const std::vector<std::string>& roots) {
  return baseFolder("XDG_CACHE_HOME", ".cache") + "/gloss/" + workspaceId(roots);
}

std::string dataDirectory(const std::vector<std::string>& roots) {
  return baseFolder("XDG_DATA_HOME", ".local/share") + "/gloss/" + workspaceId(roots);
}

}  // namespace gloss::server
