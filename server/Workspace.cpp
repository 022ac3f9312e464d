#include "server/Workspace.h"

#include <filesystem>

#include "indexer/WorkspaceIndexer.h"
#include "indexer/WorkspaceWalker.h"
#include "protocol/Uri.h"

namespace gloss::server {
namespace fs = std::filesystem;
namespace {

// Resolves symlinks in the part of the path that exists; the rest is kept lexically.
fs::path resolved(const fs::path& path) {
  std::error_code ec;
  fs::path canonical = fs::weakly_canonical(path, ec);
  return ec ? path.lexically_normal() : canonical;
}

}  // namespace

std::vector<std::string> rootPaths(const std::vector<std::string>& uris) {
  std::vector<std::string> roots;
  for (const auto& uri : uris) {
    if (auto path = protocol::uriToPath(uri)) {
      roots.push_back(indexer::normalPath(*path));
    }
  }
  return roots;
}

std::vector<std::string> Workspace::roots() const {
  std::lock_guard lock(mutex_);
  return roots_;
}

void Workspace::setRoots(std::vector<std::string> roots) {
  std::lock_guard lock(mutex_);
  roots_ = std::move(roots);
}

gloss::Expected<std::string, protocol::RpcError> Workspace::resolve(const std::string& uri) const {
  std::optional<std::string> path = protocol::uriToPath(uri);
  if (!path) {
    return gloss::unexpected(
        protocol::makeError(protocol::ErrorCode::InvalidParams, "not a file:// URI: " + uri));
  }
  return resolvePath(*path);
}

gloss::Expected<std::string, protocol::RpcError> Workspace::resolvePath(
    const std::string& path) const {
  std::vector<std::string> roots = this->roots();
  if (roots.empty()) {
    return gloss::unexpected(
        protocol::makeError(protocol::ErrorCode::InvalidParams, "no workspace folder is open"));
  }
  fs::path candidate(path);
  if (candidate.is_relative()) candidate = fs::path(roots.front()) / candidate;
  fs::path lexical = candidate.lexically_normal();
  fs::path real = resolved(lexical);
  for (const auto& root : roots) {
    if (indexer::isUnder(lexical.string(), root) &&
        indexer::isUnder(real.string(), resolved(root).string())) {
      return lexical.string();
    }
  }
  return gloss::unexpected(
      protocol::makeError(protocol::ErrorCode::InvalidParams,
                          "refused: " + path + " is outside the workspace folders"));
}

std::optional<std::string> Workspace::text(const std::string& path) const {
  if (auto doc = overlay_.find(path)) return doc->text;
  return indexer::readFile(path);
}

}  // namespace gloss::server
