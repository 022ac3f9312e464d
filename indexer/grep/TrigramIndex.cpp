#include "indexer/grep/TrigramIndex.h"

#include <algorithm>
#include <chrono>
#include <mutex>
#include <thread>

#include "indexer/grep/FileReader.h"
#include "indexer/grep/Trigrams.h"

namespace gloss::indexer {
namespace {

// (trigram << 32 | file id) pairs of one batch: bounded so a build's memory stays flat.
constexpr std::size_t kBatchPairs = 24u << 20;
constexpr std::uint64_t kMaxFileBytes = 256u << 20;  // larger files stay stale: always scanned

struct FileRow {
  std::int64_t id;
  std::string path;
};

Expected<std::vector<FileRow>, DbError> loadFiles(Database& db) {
  auto stmt = db.prepare("SELECT id, path FROM files ORDER BY id");
  if (!stmt) return unexpected(std::move(stmt).error());
  std::vector<FileRow> files;
  while (true) {
    auto row = (*stmt)->step();
    if (!row) return unexpected(std::move(row).error());
    if (!*row) break;
    files.push_back(FileRow{(*stmt)->int64(0), (*stmt)->string(1)});
  }
  return files;
}

// Least-significant-digit radix sort of 64-bit keys over their low `bits` bits.
void radixSort(std::vector<std::uint64_t>& keys, int bits) {
  constexpr int kDigit = 11;
  std::vector<std::uint64_t> scratch(keys.size());
  for (int shift = 0; shift < bits; shift += kDigit) {
    std::vector<std::size_t> counts((1u << kDigit) + 1, 0);
    for (auto k : keys) ++counts[((k >> shift) & ((1u << kDigit) - 1)) + 1];
    for (std::size_t i = 1; i < counts.size(); ++i) counts[i] += counts[i - 1];
    for (auto k : keys) scratch[counts[(k >> shift) & ((1u << kDigit) - 1)]++] = k;
    keys.swap(scratch);
  }
}

int bitWidth(std::uint64_t value) {
  int bits = 0;
  while (value) {
    ++bits;
    value >>= 1;
  }
  return bits;
}

// Reads files from `begin` on, on several threads, until the batch's pair budget is spent;
// returns the index of the first file not read. Every file below it was read (or skipped).
struct BatchReader {
  const std::vector<FileRow>& files;
  unsigned threads;
  const std::atomic<bool>* cancel;
  TrigramBuildStats& stats;
  std::vector<std::int64_t>& skipped;  // unreadable or too large: left stale

  std::size_t read(std::size_t begin, std::vector<std::uint64_t>& pairs) {
    std::atomic<std::size_t> next{begin};
    std::atomic<std::size_t> budget{0};
    std::mutex mutex;
    auto worker = [&] {
      TrigramCollector collector;
      FileReader reader;
      std::vector<std::uint64_t> local;
      std::vector<std::int64_t> localSkipped;
      std::uint64_t bytes = 0, read = 0;
      while (budget.load() < kBatchPairs && !(cancel && cancel->load())) {
        std::size_t i = next++;
        if (i >= files.size()) break;
        auto text = reader.read(files[i].path, kMaxFileBytes);
        if (!text) {
          localSkipped.push_back(files[i].id);
          continue;
        }
        const auto& trigrams = collector.collect(*text);
        auto id = static_cast<std::uint64_t>(files[i].id);
        for (Trigram t : trigrams) local.push_back(std::uint64_t{t} << 32 | id);
        budget += trigrams.size();
        bytes += text->size();
        ++read;
      }
      std::lock_guard lock(mutex);
      pairs.insert(pairs.end(), local.begin(), local.end());
      skipped.insert(skipped.end(), localSkipped.begin(), localSkipped.end());
      stats.bytes += bytes;
      stats.files += read;
      stats.unreadable += localSkipped.size();
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(worker);
    worker();
    for (auto& thread : pool) thread.join();
    return std::min(next.load(), files.size());
  }
};

// Sorts a batch's pairs and stores one posting row per trigram.
Status writeBatch(Database& db, std::vector<std::uint64_t>& pairs, std::int64_t maxId,
                  TrigramBuildStats& stats) {
  // Re-pack as (trigram << idBits | id) so the sort only runs over the bits in use.
  int idBits = bitWidth(static_cast<std::uint64_t>(maxId));
  for (auto& p : pairs) p = (p >> 32) << idBits | (p & 0xFFFFFFFFu);
  radixSort(pairs, 21 + idBits);
  auto insert =
      db.prepare("INSERT INTO trigram_postings(trigram, first_file, postings) VALUES (?1, ?2, ?3)");
  if (!insert) return unexpected(std::move(insert).error());
  std::uint64_t idMask = (std::uint64_t{1} << idBits) - 1;
  std::string postings;
  for (std::size_t i = 0; i < pairs.size();) {
    std::uint64_t trigram = pairs[i] >> idBits;
    auto first = static_cast<std::uint32_t>(pairs[i] & idMask);
    std::uint32_t last = 0;
    postings.clear();
    for (; i < pairs.size() && (pairs[i] >> idBits) == trigram; ++i) {
      auto id = static_cast<std::uint32_t>(pairs[i] & idMask);
      appendPosting(postings, id - last);
      last = id;
    }
    (*insert)->reset();
    (*insert)->bind(1, trigram);
    (*insert)->bind(2, first);
    (*insert)->bindBlob(3, postings);
    if (auto done = (*insert)->run(); !done) return done;
    ++stats.rows;
  }
  stats.postings += pairs.size();
  return Done{};
}

Status markSkippedStale(Database& db, const std::vector<std::int64_t>& skipped) {
  auto stmt = db.prepare("INSERT OR IGNORE INTO trigram_stale(file_id) VALUES (?1)");
  if (!stmt) return unexpected(std::move(stmt).error());
  for (std::int64_t id : skipped) {
    (*stmt)->bindAll(id);
    if (auto done = (*stmt)->run(); !done) return done;
  }
  return Done{};
}

}  // namespace

Expected<TrigramIndexState, DbError> trigramIndexState(Database& db) {
  TrigramIndexState state;
  auto built = db.queryInt("SELECT count(*) FROM trigram_state");
  if (!built) return unexpected(std::move(built).error());
  state.built = *built > 0;
  if (state.built) {
    auto files = db.queryInt("SELECT files FROM trigram_state");
    if (!files) return unexpected(std::move(files).error());
    state.files = *files;
  }
  auto stale = db.queryInt("SELECT count(*) FROM trigram_stale");
  if (!stale) return unexpected(std::move(stale).error());
  state.stale = *stale;
  return state;
}

Expected<TrigramBuildStats, DbError> rebuildTrigramIndex(Database& db, unsigned threads,
                                                         const std::atomic<bool>* cancel) {
  auto started = std::chrono::steady_clock::now();
  TrigramBuildStats stats;
  auto files = loadFiles(db);
  if (!files) return unexpected(std::move(files).error());
  auto transaction = Transaction::begin(db);
  if (!transaction) return unexpected(std::move(transaction).error());
  for (const char* sql :
       {"DELETE FROM trigram_postings", "DELETE FROM trigram_state", "DELETE FROM trigram_stale"}) {
    if (auto done = db.exec(sql); !done) return unexpected(std::move(done).error());
  }
  std::int64_t maxId = files->empty() ? 0 : files->back().id;
  std::vector<std::int64_t> skipped;
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  BatchReader reader{*files, threads, cancel, stats, skipped};
  std::vector<std::uint64_t> pairs;
  for (std::size_t begin = 0; begin < files->size();) {
    pairs.clear();
    begin = reader.read(begin, pairs);
    if (cancel && cancel->load()) {
      stats.cancelled = true;
      return stats;  // the transaction rolls back: the previous index stays as it was
    }
    if (auto done = writeBatch(db, pairs, maxId, stats); !done) {
      return unexpected(std::move(done).error());
    }
  }
  if (auto done = markSkippedStale(db, skipped); !done) return unexpected(std::move(done).error());
  auto state = db.prepare("INSERT INTO trigram_state(id, files) VALUES (1, ?1)");
  if (!state) return unexpected(std::move(state).error());
  (*state)->bindAll(static_cast<std::int64_t>(files->size()));
  if (auto done = (*state)->run(); !done) return unexpected(std::move(done).error());
  if (auto done = transaction->commit(); !done) return unexpected(std::move(done).error());
  stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return stats;
}

Expected<std::optional<TrigramBuildStats>, DbError> refreshTrigramIndex(
    Database& db, unsigned threads, const std::atomic<bool>* cancel) {
  auto state = trigramIndexState(db);
  if (!state) return unexpected(std::move(state).error());
  if (!state->needsRebuild()) return std::optional<TrigramBuildStats>();
  auto built = rebuildTrigramIndex(db, threads, cancel);
  if (!built) return unexpected(std::move(built).error());
  return std::optional<TrigramBuildStats>(std::move(*built));
}

}  // namespace gloss::indexer
