// The workspace as the server sees it: its root folders, the unsaved-buffer overlay, the index,
// and the rule that every path a client names must lie inside a root.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "indexer/DocumentOverlay.h"
#include "indexer/OverlayChunks.h"
#include "protocol/JsonRpc.h"
#include "protocol/LineTable.h"
#include "server/IndexService.h"

namespace gloss::server {

// The per-request bounds the workspace's features work within (docs/limits.md).
struct WorkspaceLimits {
  std::uint64_t maxChunkedBytes = 1024 * 1024;       // unsaved buffers and files to outline
  std::uint64_t grepMaxFileSize = 64 * 1024 * 1024;  // grep skips larger files
  std::size_t grepResults = 2000;                    // matching lines when a grep names no maximum
  std::size_t symbolResults = 200;                   // workspace/symbol answers
};

class Workspace {
 public:
  Workspace(std::vector<std::string> roots, protocol::PositionEncoding encoding)
      : roots_(std::move(roots)), encoding_(encoding) {}

  std::vector<std::string> roots() const;
  void setRoots(std::vector<std::string> roots);
  protocol::PositionEncoding encoding() const { return encoding_; }
  void setEncoding(protocol::PositionEncoding encoding) { encoding_ = encoding; }
  indexer::DocumentOverlay& overlay() { return overlay_; }
  indexer::OverlayChunks& overlayChunks() { return overlayChunks_; }
  // The chunks of an unsaved buffer; none for one over `maxChunkedBytes`, which the index would
  // not chunk either (a huge generated buffer must not stall the server or fill its memory).
  std::shared_ptr<const indexer::OverlayChunkResult> chunksOf(
      std::shared_ptr<const indexer::DocumentSnapshot> document);
  WorkspaceLimits limits() const;
  void setLimits(const WorkspaceLimits& limits);
  // Set once the first pass starts; handlers on other threads may read it at any time.
  IndexService* index() { return indexView_.load(); }
  void setIndex(std::unique_ptr<IndexService> index) {
    indexView_ = index.get();
    index_ = std::move(index);
  }

  // The local path of a file:// URI inside a root (symlinks resolved for the check, see
  // indexer/PathContainment.h), or an InvalidParams error that names the path.
  gloss::Expected<std::string, protocol::RpcError> resolve(const std::string& uri) const;
  // The same for a path; relative paths are taken from the first root.
  gloss::Expected<std::string, protocol::RpcError> resolvePath(const std::string& path) const;
  bool contains(const std::string& path) const { return resolvePath(path).ok(); }

  // The text the editor shows: the unsaved buffer when open, else the file on disk.
  std::optional<std::string> text(const std::string& path) const;

 private:
  mutable std::mutex mutex_;
  std::vector<std::string> roots_;
  std::atomic<protocol::PositionEncoding> encoding_;
  indexer::DocumentOverlay overlay_;
  indexer::OverlayChunks overlayChunks_;
  std::unique_ptr<IndexService> index_;
  std::atomic<IndexService*> indexView_{nullptr};
  WorkspaceLimits limits_;
};

// Root folder paths of workspace folder URIs (non-file URIs are left out).
std::vector<std::string> rootPaths(const std::vector<std::string>& uris);

}  // namespace gloss::server
