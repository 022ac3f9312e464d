#include "indexer/OverlayChunks.h"

namespace gloss::indexer {

ChunkResult chunkText(const std::string& path, std::string_view text, const ChunkOptions& options) {
  return chunkFile(languageOfFile(path, text), text, options);
}

std::shared_ptr<const OverlayChunkResult> OverlayChunks::get(
    std::shared_ptr<const DocumentSnapshot> document) {
  {
    std::lock_guard lock(mutex_);
    auto it = cache_.find(document->path);
    if (it != cache_.end() && it->second->document->generation == document->generation) {
      return it->second;
    }
  }
  // Chunk outside the lock: a large buffer must not stall lookups of other documents.
  auto result = std::make_shared<OverlayChunkResult>();
  result->chunks = chunkText(document->path, document->text, options_);
  result->document = std::move(document);
  std::lock_guard lock(mutex_);
  auto& slot = cache_[result->document->path];
  if (!slot || slot->document->generation < result->document->generation) slot = result;
  return result;
}

void OverlayChunks::forget(const std::string& path) {
  std::lock_guard lock(mutex_);
  cache_.erase(path);
}

}  // namespace gloss::indexer
