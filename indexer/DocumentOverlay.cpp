#include "indexer/DocumentOverlay.h"

#include <mutex>

namespace gloss::indexer {

void applyTextChange(std::string& text, const TextChange& change,
                     protocol::PositionEncoding encoding) {
  if (!change.range) {
    text = change.text;
    return;
  }
  protocol::LineTable lines(text);
  std::size_t begin = lines.offsetOf(change.range->start, encoding);
  std::size_t end = lines.offsetOf(change.range->end, encoding);
  if (end < begin) std::swap(begin, end);
  text.replace(begin, end - begin, change.text);
}

void DocumentOverlay::open(const std::string& path, std::string text, std::int64_t version) {
  std::unique_lock lock(mutex_);
  auto doc = std::make_shared<DocumentSnapshot>(
      DocumentSnapshot{path, std::move(text), version, ++generation_});
  documents_[path] = std::move(doc);
}

gloss::Expected<std::shared_ptr<const DocumentSnapshot>, std::string> DocumentOverlay::change(
    const std::string& path, std::int64_t version, const std::vector<TextChange>& changes,
    protocol::PositionEncoding encoding) {
  std::unique_lock lock(mutex_);
  auto it = documents_.find(path);
  if (it == documents_.end()) {
    return gloss::unexpected(std::string("didChange for a document that is not open: ") + path);
  }
  auto next = std::make_shared<DocumentSnapshot>(*it->second);
  for (const TextChange& c : changes) applyTextChange(next->text, c, encoding);
  next->version = version;
  next->generation = ++generation_;
  it->second = next;
  return std::shared_ptr<const DocumentSnapshot>(std::move(next));
}

void DocumentOverlay::close(const std::string& path) {
  std::unique_lock lock(mutex_);
  documents_.erase(path);
}

std::shared_ptr<const DocumentSnapshot> DocumentOverlay::find(const std::string& path) const {
  std::shared_lock lock(mutex_);
  auto it = documents_.find(path);
  return it == documents_.end() ? nullptr : it->second;
}

std::vector<std::shared_ptr<const DocumentSnapshot>> DocumentOverlay::all() const {
  std::shared_lock lock(mutex_);
  std::vector<std::shared_ptr<const DocumentSnapshot>> out;
  for (const auto& [path, doc] : documents_) out.push_back(doc);
  return out;
}

}  // namespace gloss::indexer
