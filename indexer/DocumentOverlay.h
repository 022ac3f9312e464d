// Unsaved editor buffers. While a document is open its text here wins over the disk copy for
// chunking, symbols and search; closing it hands the file back to the disk index.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <vector>

#include "protocol/Expected.h"
#include "protocol/LineTable.h"
#include "protocol/LspTypes.h"

namespace gloss::indexer {

struct TextChange {
  std::optional<protocol::Range> range;  // absent: the whole text is replaced
  std::string text;
};

// One open document's state; immutable once published, so readers can hold it without locks.
struct DocumentSnapshot {
  std::string path;
  std::string text;
  std::int64_t version = 0;
  std::uint64_t generation = 0;  // increases on every change, across all documents
};

class DocumentOverlay {
 public:
  void open(const std::string& path, std::string text, std::int64_t version);
  // Applies changes in order (incremental sync); an unknown document is an error.
  gloss::Expected<std::shared_ptr<const DocumentSnapshot>, std::string> change(
      const std::string& path, std::int64_t version, const std::vector<TextChange>& changes,
      protocol::PositionEncoding encoding);
  void close(const std::string& path);

  std::shared_ptr<const DocumentSnapshot> find(const std::string& path) const;
  std::vector<std::shared_ptr<const DocumentSnapshot>> all() const;
  bool isOpen(const std::string& path) const { return find(path) != nullptr; }

 private:
  mutable std::shared_mutex mutex_;
  std::map<std::string, std::shared_ptr<const DocumentSnapshot>> documents_;
  std::uint64_t generation_ = 0;
};

// Applies one change to a text (exposed for tests).
void applyTextChange(std::string& text, const TextChange& change,
                     protocol::PositionEncoding encoding);

}  // namespace gloss::indexer
