#include "server/Workspace.h"

#include "indexer/PathContainment.h"
#include "indexer/WorkspaceIndexer.h"
#include "indexer/WorkspaceWalker.h"
#include "protocol/Uri.h"

namespace gloss::server {

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
  if (auto inside = indexer::containedPath(path, roots)) return *inside;
  return gloss::unexpected(
      protocol::makeError(protocol::ErrorCode::InvalidParams,
                          "refused: " + path + " is outside the workspace folders"));
}

WorkspaceLimits Workspace::limits() const {
  std::lock_guard lock(mutex_);
  return limits_;
}

void Workspace::setLimits(const WorkspaceLimits& limits) {
  std::lock_guard lock(mutex_);
  limits_ = limits;
}

std::shared_ptr<const indexer::OverlayChunkResult> Workspace::chunksOf(
    std::shared_ptr<const indexer::DocumentSnapshot> document) {
  if (document->text.size() > limits().maxChunkedBytes) {
    auto unchunked = std::make_shared<indexer::OverlayChunkResult>();
    unchunked->document = std::move(document);
    return unchunked;
  }
  return overlayChunks_.get(std::move(document));
}

std::optional<std::string> Workspace::text(const std::string& path) const {
  if (auto doc = overlay_.find(path)) return doc->text;
  return indexer::readFile(path);
}

}  // namespace gloss::server
