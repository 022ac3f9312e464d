#include "server/IndexService.h"

#include <filesystem>

#include "indexer/grep/TrigramIndex.h"
#include "server/Progress.h"
#include "server/WorkspacePaths.h"

namespace gloss::server {

IndexService::IndexService(std::vector<std::string> roots, IndexServiceOptions options,
                           Client& client)
    : client_(client), options_(std::move(options)), roots_(std::move(roots)) {
  databasePath_ =
      options_.databasePath.empty() ? cacheDirectory(roots_) + "/index.db" : options_.databasePath;
}

IndexService::~IndexService() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    cancelPass_ = true;
  }
  changed_.notify_all();
  if (writer_.joinable()) writer_.join();
}

void IndexService::start() {
  writer_ = std::thread([this] { run(); });
  enqueue(Job{Job::Kind::FullPass, {}});
}

void IndexService::fileChanged(const std::string& path) {
  enqueue(Job{Job::Kind::File, path});
}
void IndexService::pathDeleted(const std::string& path) {
  enqueue(Job{Job::Kind::Remove, path});
}

void IndexService::setRoots(std::vector<std::string> roots) {
  {
    std::lock_guard lock(mutex_);
    roots_ = std::move(roots);
  }
  enqueue(Job{Job::Kind::Reconfigure, {}});
}

void IndexService::setIndexerOptions(const indexer::IndexerOptions& options) {
  {
    std::lock_guard lock(mutex_);
    options_.indexer = options;
  }
  enqueue(Job{Job::Kind::Reconfigure, {}});
}

void IndexService::enqueue(Job job) {
  {
    std::lock_guard lock(mutex_);
    // A queued full pass covers any file job; a repeated file job is dropped.
    for (const Job& queued : jobs_) {
      if (queued.kind == Job::Kind::FullPass && job.kind == Job::Kind::File) return;
      if (queued.kind == job.kind && queued.path == job.path) return;
    }
    if (job.kind == Job::Kind::Reconfigure) cancelPass_ = true;
    jobs_.push_back(std::move(job));
  }
  changed_.notify_all();
}

void IndexService::run() {
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(databasePath_).parent_path(), ec);
  if (!openStore(indexer::fastReopenOptions())) {
    std::lock_guard lock(mutex_);
    state_ = "failed";
    jobs_.clear();
    changed_.notify_all();
    return;
  }
  for (;;) {
    Job job;
    {
      std::unique_lock lock(mutex_);
      busy_ = false;
      changed_.notify_all();
      changed_.wait(lock, [&] { return stopping_ || !jobs_.empty(); });
      if (stopping_) return;
      job = std::move(jobs_.front());
      jobs_.pop_front();
      busy_ = true;
      if (job.kind == Job::Kind::FullPass) cancelPass_ = false;
    }
    runJob(job);
    bool quiet = false;
    {
      std::lock_guard lock(mutex_);
      quiet = jobs_.empty() && state_ == "ready";
    }
    if (quiet && job.kind != Job::Kind::FullPass && store_) refreshTrigrams();
  }
}

void IndexService::refreshTrigrams() {
  auto built =
      indexer::refreshTrigramIndex(store_->database(), options_.indexer.threads, &cancelPass_);
  if (!built) {
    client_.log(LogLevel::Error, "grep index: " + built.error().message);
    return;
  }
  if (!*built || (*built)->cancelled) return;
  const indexer::TrigramBuildStats& stats = **built;
  client_.log(LogLevel::Info, "grep index: " + std::to_string(stats.files) + " files, " +
                                  std::to_string(stats.postings) + " postings in " +
                                  std::to_string(static_cast<int>(stats.seconds * 1000)) + " ms");
}

bool IndexService::ready() {
  std::lock_guard lock(mutex_);
  return state_ == "ready";
}

bool IndexService::openStore(const indexer::IndexOpenOptions& options) {
  indexer_.reset();
  store_.reset();
  auto store = indexer::IndexStore::open(databasePath_, options);
  if (!store) {
    std::lock_guard lock(mutex_);
    failure_ = "cannot open the index at " + databasePath_ + ": " + store.error().message;
    client_.log(LogLevel::Error, failure_);
    return false;
  }
  store_ = std::make_unique<indexer::IndexStore>(std::move(*store));
  {
    // Readers of a deleted file would go on seeing it: drop them, and those lent out on return.
    std::lock_guard lock(readersMutex_);
    readers_.clear();
    ++readerGeneration_;
  }
  if (store_->openReport().rebuilt) {
    client_.log(LogLevel::Warning, "index rebuilt: " + store_->openReport().reason);
  }
  return true;
}

void IndexService::runJob(const Job& job) {
  if (!store_ && !openStore(indexer::fastReopenOptions())) return;
  if (job.kind == Job::Kind::Reconfigure || !indexer_) makeIndexer();
  switch (job.kind) {
    case Job::Kind::Reconfigure:
    case Job::Kind::FullPass:
      if (!runFullPass() && verifyStore()) runFullPass();
      return;
    case Job::Kind::File: {
      auto result = indexer_->updateFile(job.path);
      if (!result) client_.log(LogLevel::Error, "indexing " + job.path + ": " + result.error());
      return;
    }
    case Job::Kind::Remove: {
      auto result = indexer_->removePath(job.path);
      if (!result) client_.log(LogLevel::Error, "removing " + job.path + ": " + result.error());
      return;
    }
  }
}

// A pass failed on the database: the file may be damaged even though it was closed cleanly.
// Re-open it with a full quick_check, which rebuilds an untrusted file; true when it was rebuilt.
bool IndexService::verifyStore() {
  if (!openStore(indexer::IndexOpenOptions{})) return false;
  makeIndexer();
  return store_->openReport().rebuilt;
}

// Roots and options are read under the lock: setRoots/setIndexerOptions write them elsewhere.
void IndexService::makeIndexer() {
  std::lock_guard lock(mutex_);
  indexer_ = std::make_unique<indexer::WorkspaceIndexer>(*store_, roots_, options_.indexer);
}

bool IndexService::runFullPass() {
  {
    std::lock_guard lock(mutex_);
    state_ = "indexing";
  }
  auto progress =
      WorkDoneProgress::begin(client_, std::nullopt, options_.reportProgress, "gloss: indexing");
  auto stats = indexer_->update(
      [&](const indexer::IndexProgress& p) {
        int percent = p.total ? static_cast<int>(p.done * 100 / p.total) : 100;
        progress->report(std::to_string(p.done) + "/" + std::to_string(p.total) + " files",
                         percent);
      },
      &cancelPass_);
  std::string summary = std::to_string(stats.files) + " files (" + std::to_string(stats.indexed) +
                        " indexed, " + std::to_string(stats.unchanged) + " unchanged, " +
                        std::to_string(stats.removed) + " removed) in " +
                        std::to_string(static_cast<int>(stats.seconds * 1000)) + " ms";
  progress->end(summary);
  for (const auto& warning : stats.warnings) {
    client_.log(LogLevel::Warning, warning.path +
                                       (warning.line ? ":" + std::to_string(warning.line) : "") +
                                       ": " + warning.message);
  }
  for (const auto& error : stats.errors) client_.log(LogLevel::Error, "indexing: " + error);
  client_.log(LogLevel::Info, "index: " + summary);
  if (stats.errors.empty() && !stats.cancelled) refreshTrigrams();
  std::lock_guard lock(mutex_);
  state_ = stats.errors.empty() ? "ready" : "failed";
  if (!stats.errors.empty()) failure_ = stats.errors.front();
  bool ok = stats.errors.empty();
  lastPass_ = std::move(stats);
  return ok;
}

bool IndexService::withReader(const std::function<void(indexer::IndexReader&)>& fn) {
  std::unique_ptr<indexer::IndexReader> reader;
  std::uint64_t generation = 0;
  {
    std::lock_guard lock(readersMutex_);
    generation = readerGeneration_;
    if (!readers_.empty()) {
      reader = std::move(readers_.back());
      readers_.pop_back();
    }
  }
  if (!reader) {
    std::error_code ec;
    if (!std::filesystem::exists(databasePath_, ec)) return false;
    auto opened = indexer::IndexReader::open(databasePath_);
    if (!opened) return false;
    reader = std::make_unique<indexer::IndexReader>(std::move(*opened));
  }
  fn(*reader);
  std::lock_guard lock(readersMutex_);
  if (generation == readerGeneration_) readers_.push_back(std::move(reader));
  return true;
}

bool IndexService::waitIdle(std::chrono::milliseconds deadline) {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, deadline,
                           [&] { return (jobs_.empty() && !busy_) || state_ == "failed"; });
}

json::value IndexService::status() {
  json::object out;
  {
    std::lock_guard lock(mutex_);
    out["state"] = state_;
    out["database"] = databasePath_;
    if (!failure_.empty()) out["error"] = failure_;
    // Queued jobs plus the one running: 0 means every change sent so far is in index.db.
    out["pendingJobs"] = jobs_.size() + (busy_ ? 1 : 0);
    if (lastPass_) {
      out["lastPass"] = json::object{{"files", lastPass_->files},
                                     {"indexed", lastPass_->indexed},
                                     {"unchanged", lastPass_->unchanged},
                                     {"removed", lastPass_->removed},
                                     {"binary", lastPass_->binary},
                                     {"ignored", lastPass_->walk.ignored},
                                     {"oversized", lastPass_->oversized},
                                     {"seconds", lastPass_->seconds},
                                     {"symlinksOutsideRoot", lastPass_->walk.symlinksOutsideRoot},
                                     {"symlinkLoops", lastPass_->walk.symlinkLoops}};
    }
  }
  withReader([&](indexer::IndexReader& reader) {
    if (auto stats = reader.stats()) {
      json::object languages;
      for (const auto& [name, count] : stats->filesPerLanguage) languages[name] = count;
      out["files"] = stats->files;
      out["chunks"] = stats->chunks;
      out["symbols"] = stats->symbols;
      out["databaseBytes"] = stats->databaseBytes;
      out["languages"] = std::move(languages);
    }
  });
  return out;
}

}  // namespace gloss::server
