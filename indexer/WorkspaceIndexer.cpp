#include "indexer/WorkspaceIndexer.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

namespace gloss::indexer {
namespace {

constexpr std::size_t kBinaryProbeBytes = 8192;
constexpr std::size_t kQueueCapacity = 256;  // parsed files waiting for the writer

// The record and chunks of one file's text: binary files (a NUL byte in the first block) are
// kept without chunks, so the next start skips them after one stat.
ParsedFile parseFile(const FileEntry& entry, std::string text, std::uint64_t hash, Chunker& chunker,
                     bool& binary) {
  ParsedFile parsed;
  parsed.record = FileRecord{entry.absolutePath,
                             entry.rootIndex,
                             static_cast<std::int64_t>(text.size()),
                             entry.mtimeNs,
                             hash,
                             Language::Text};
  binary = looksBinary(std::string_view(text).substr(0, kBinaryProbeBytes));
  if (binary) return parsed;
  parsed.record.language = languageOfFile(entry.relativePath, text);
  ChunkResult result = chunker.chunk(parsed.record.language, text);
  parsed.chunks = std::move(result.chunks);
  parsed.symbols = std::move(result.symbols);
  parsed.text = std::move(text);
  return parsed;
}

// An oversized file's record: its stat, no content hash (it is not read), no chunks.
ParsedFile oversizedFile(const FileEntry& entry) {
  ParsedFile parsed;
  parsed.record = FileRecord{
      entry.absolutePath, entry.rootIndex, static_cast<std::int64_t>(entry.size), entry.mtimeNs, 0,
      Language::Text};
  return parsed;
}

}  // namespace

std::optional<std::string> readFile(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  std::string data;
  struct stat st {};
  if (::fstat(fd, &st) == 0 && st.st_size > 0) data.reserve(static_cast<std::size_t>(st.st_size));
  char buffer[65536];
  for (;;) {
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      ::close(fd);
      return std::nullopt;
    }
    if (n == 0) break;
    data.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return data;
}

// The shared state of one full pass: the files to read, and a bounded queue of parsed files
// from the chunking threads to the writer.
struct WorkspaceIndexer::Work {
  std::vector<FileEntry> todo;
  const FileStamps* stamps = nullptr;
  const std::atomic<bool>* cancel = nullptr;
  std::atomic<std::size_t> next{0};
  std::mutex mutex;
  std::condition_variable changed;
  std::deque<ParsedFile> queue;
  std::vector<std::size_t> touched;  // todo entries whose stat changed but content did not
  std::size_t workersLeft = 0;
  std::atomic<std::size_t> unreadable{0}, binary{0}, oversized{0}, examined{0};
  std::atomic<std::uint64_t> bytesRead{0};
  std::atomic<bool> stop{false};
};

WorkspaceIndexer::WorkspaceIndexer(IndexStore& store, std::vector<std::string> roots,
                                   IndexerOptions options)
    : store_(store), options_(options), walker_(std::move(roots), options.walk) {}

IndexRunStats WorkspaceIndexer::update(const ProgressCallback& onProgress,
                                       const std::atomic<bool>* cancel) {
  auto started = std::chrono::steady_clock::now();
  IndexRunStats stats;
  WalkResult walked;
  std::vector<FileEntry> entries = walker_.collectSorted(&walked);
  stats.walk = walked.stats;
  stats.warnings = std::move(walked.warnings);
  stats.files = entries.size();
  auto stamps = store_.loadStamps();
  if (!stamps) {
    stats.errors.push_back(stamps.error().message);
    return stats;
  }
  Work work;
  work.stamps = &*stamps;
  work.cancel = cancel;
  std::vector<std::string> vanished;
  {
    std::unordered_map<std::string_view, bool> present;
    present.reserve(entries.size());
    for (FileEntry& entry : entries) {
      present.emplace(entry.absolutePath, true);
      auto it = stamps->find(entry.absolutePath);
      if (it != stamps->end() && it->second.size == static_cast<std::int64_t>(entry.size) &&
          it->second.mtimeNs == entry.mtimeNs) {
        ++stats.unchanged;
      } else {
        work.todo.push_back(std::move(entry));
      }
    }
    for (const auto& [path, stamp] : *stamps) {
      if (!present.count(path)) vanished.push_back(path);
    }
  }
  if (!vanished.empty() && !walked.cancelled) {
    if (auto removed = store_.removeFiles(vanished); !removed) {
      stats.errors.push_back(removed.error().message);
    } else {
      stats.removed = vanished.size();
    }
  }
  unsigned threads = options_.threads ? options_.threads : std::thread::hardware_concurrency();
  threads = std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(work.todo.size())));
  std::vector<std::thread> workers;
  if (!work.todo.empty()) {
    work.workersLeft = threads;
    for (unsigned i = 0; i < threads; ++i)
      workers.emplace_back([this, &work] { chunkWorker(work); });
    writeBatches(work, stats, onProgress);
    for (std::thread& t : workers) t.join();
  }
  // The walk's stat is the one to record: the content it describes hashed the same.
  for (std::size_t i : work.touched) {
    const FileEntry& entry = work.todo[i];
    auto touched =
        store_.touchFile(entry.absolutePath, static_cast<std::int64_t>(entry.size), entry.mtimeNs);
    if (!touched) stats.errors.push_back(touched.error().message);
  }
  stats.touched = work.touched.size();
  stats.binary = work.binary;
  stats.oversized = work.oversized;
  stats.unreadable = work.unreadable;
  stats.bytesRead = work.bytesRead;
  stats.cancelled = walked.cancelled || (cancel && cancel->load());
  stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return stats;
}

bool WorkspaceIndexer::pushParsed(Work& work, ParsedFile parsed) {
  std::unique_lock lock(work.mutex);
  work.changed.wait(lock, [&] { return work.queue.size() < kQueueCapacity || work.stop; });
  if (work.stop) return false;
  work.queue.push_back(std::move(parsed));
  work.changed.notify_all();
  return true;
}

void WorkspaceIndexer::chunkWorker(Work& work) {
  Chunker chunker(options_.chunk);
  for (;;) {
    std::size_t i = work.next++;
    if (i >= work.todo.size() || work.stop || (work.cancel && work.cancel->load())) break;
    const FileEntry& entry = work.todo[i];
    if (entry.size > options_.maxChunkedFileSize) {
      ++work.examined;
      ++work.oversized;
      if (!pushParsed(work, oversizedFile(entry))) break;
      continue;
    }
    std::optional<std::string> text = readFile(entry.absolutePath);
    ++work.examined;
    if (!text) {
      ++work.unreadable;
      continue;
    }
    work.bytesRead += text->size();
    std::uint64_t hash = contentHash(*text);
    auto stamp = work.stamps->find(entry.absolutePath);
    if (stamp != work.stamps->end() && stamp->second.hash == hash) {
      std::lock_guard lock(work.mutex);
      work.touched.push_back(i);
      continue;
    }
    bool binary = false;
    ParsedFile parsed = parseFile(entry, std::move(*text), hash, chunker, binary);
    if (binary) ++work.binary;
    if (!pushParsed(work, std::move(parsed))) break;
  }
  std::lock_guard lock(work.mutex);
  --work.workersLeft;
  work.changed.notify_all();
}

void WorkspaceIndexer::writeBatches(Work& work, IndexRunStats& stats,
                                    const ProgressCallback& onProgress) {
  std::vector<ParsedFile> batch;
  std::size_t batchBytes = 0;
  auto flush = [&] {
    if (batch.empty()) return;
    if (auto written = store_.replaceFiles(batch); !written) {
      stats.errors.push_back(written.error().message);
      std::lock_guard lock(work.mutex);
      work.stop = true;
      work.changed.notify_all();
    } else {
      stats.indexed += batch.size();
    }
    batch.clear();
    batchBytes = 0;
    if (onProgress) onProgress(IndexProgress{work.examined, work.todo.size()});
  };
  for (;;) {
    std::unique_lock lock(work.mutex);
    work.changed.wait(lock, [&] { return !work.queue.empty() || work.workersLeft == 0; });
    if (work.queue.empty()) break;
    ParsedFile next = std::move(work.queue.front());
    work.queue.pop_front();
    work.changed.notify_all();
    lock.unlock();
    batchBytes += next.text.size();
    batch.push_back(std::move(next));
    if (batch.size() >= options_.batchFiles || batchBytes >= options_.batchBytes) flush();
  }
  flush();
  if (onProgress) onProgress(IndexProgress{work.todo.size(), work.todo.size()});
}

Expected<FileUpdate, std::string> WorkspaceIndexer::updateFile(const std::string& path) {
  PathSelection selection = walker_.checkPath(path);
  if (selection.verdict == PathSelection::Verdict::OutsideRoots) {
    return FileUpdate{FileUpdateKind::NotIndexed, "outside the workspace folders"};
  }
  if (selection.verdict == PathSelection::Verdict::Directory) {
    return FileUpdate{FileUpdateKind::NotIndexed, "a directory"};
  }
  const std::string& absolute = selection.entry.absolutePath;
  if (selection.verdict == PathSelection::Verdict::File &&
      selection.entry.size > options_.maxChunkedFileSize) {
    ParsedFile parsed = oversizedFile(selection.entry);
    auto written = store_.replaceFile(parsed.record, {}, {}, {});
    if (!written) return gloss::unexpected(written.error().message);
    return FileUpdate{FileUpdateKind::Indexed, {}};
  }
  if (selection.verdict == PathSelection::Verdict::Skipped) {
    auto removed = store_.removeFile(absolute);
    if (!removed) return gloss::unexpected(removed.error().message);
    return FileUpdate{*removed ? FileUpdateKind::Removed : FileUpdateKind::NotIndexed,
                      "not selected by the workspace rules"};
  }
  std::optional<std::string> text = readFile(absolute);
  if (!text) {
    auto removed = store_.removeFile(absolute);
    if (!removed) return gloss::unexpected(removed.error().message);
    return FileUpdate{FileUpdateKind::Removed, "unreadable"};
  }
  Chunker chunker(options_.chunk);
  std::uint64_t hash = contentHash(*text);
  bool binary = false;
  ParsedFile parsed = parseFile(selection.entry, std::move(*text), hash, chunker, binary);
  auto written = store_.replaceFile(parsed.record, parsed.text, parsed.chunks, parsed.symbols);
  if (!written) return gloss::unexpected(written.error().message);
  return FileUpdate{FileUpdateKind::Indexed, {}};
}

Expected<std::size_t, std::string> WorkspaceIndexer::removePath(const std::string& path) {
  auto stamps = store_.loadStamps();
  if (!stamps) return gloss::unexpected(stamps.error().message);
  std::string prefix = path.back() == '/' ? path : path + "/";
  std::vector<std::string> doomed;
  for (const auto& [indexed, stamp] : *stamps) {
    if (indexed == path || indexed.rfind(prefix, 0) == 0) doomed.push_back(indexed);
  }
  if (doomed.empty()) return std::size_t{0};
  if (auto removed = store_.removeFiles(doomed); !removed) {
    return gloss::unexpected(removed.error().message);
  }
  return doomed.size();
}

}  // namespace gloss::indexer
