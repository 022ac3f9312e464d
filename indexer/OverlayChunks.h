// Chunks and symbols of unsaved buffers, computed on first use and kept until the buffer
// changes: open documents are searchable and outlined without touching disk or index.db.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "indexer/Chunker.h"
#include "indexer/DocumentOverlay.h"

namespace gloss::indexer {

struct OverlayChunkResult {
  std::shared_ptr<const DocumentSnapshot> document;
  ChunkResult chunks;
};

class OverlayChunks {
 public:
  explicit OverlayChunks(ChunkOptions options = {}) : options_(options) {}
  std::shared_ptr<const OverlayChunkResult> get(std::shared_ptr<const DocumentSnapshot> document);
  // Drops a closed document's entry.
  void forget(const std::string& path);

 private:
  ChunkOptions options_;
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<const OverlayChunkResult>> cache_;
};

// Chunks any file's text with the language its path and first line say.
ChunkResult chunkText(const std::string& path, std::string_view text,
                      const ChunkOptions& options = {});

}  // namespace gloss::indexer
