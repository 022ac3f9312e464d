// The server's index: one writer thread that owns index.db and runs every change to it (the
// first full pass, saves, file-watcher events, new roots or settings), and a pool of read-only
// connections for request handlers. Handlers use what is committed: while the first pass runs
// they see the files indexed so far (docs/index.md).
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "indexer/WorkspaceIndexer.h"
#include "server/Client.h"

namespace gloss::server {

struct IndexServiceOptions {
  std::string databasePath;  // empty: the XDG cache location of the roots
  indexer::IndexerOptions indexer;
  bool reportProgress = false;  // the client supports window/workDoneProgress
};

class IndexService {
 public:
  IndexService(std::vector<std::string> roots, IndexServiceOptions options, Client& client);
  ~IndexService();
  IndexService(const IndexService&) = delete;
  IndexService& operator=(const IndexService&) = delete;

  // Opens (or rebuilds) the database and queues the first full pass.
  void start();
  void fileChanged(const std::string& path);
  void pathDeleted(const std::string& path);
  void setRoots(std::vector<std::string> roots);
  void setIndexerOptions(const indexer::IndexerOptions& options);

  // Runs `fn` with a read-only connection; false when the index is not open.
  bool withReader(const std::function<void(indexer::IndexReader&)>& fn);
  // Blocks until the queued work is done (or the deadline passes); true when idle.
  bool waitIdle(std::chrono::milliseconds deadline);
  // The first full pass is done and no later pass is running: the file list is complete.
  bool ready();
  json::value status();
  const std::string& databasePath() const { return databasePath_; }

 private:
  struct Job {
    enum class Kind { FullPass, File, Remove, Reconfigure } kind;
    std::string path;
  };
  void enqueue(Job job);
  void run();
  bool runFullPass();
  bool openStore(const indexer::IndexOpenOptions& options);
  bool verifyStore();
  void makeIndexer();
  void runJob(const Job& job);
  // Rebuilds grep's trigram postings when missing or when many files changed since.
  void refreshTrigrams();

  Client& client_;
  IndexServiceOptions options_;
  std::vector<std::string> roots_;  // guarded by mutex_ (read by the writer when reconfiguring)
  std::string databasePath_;

  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Job> jobs_;
  bool busy_ = false;
  bool stopping_ = false;
  std::atomic<bool> cancelPass_{false};
  std::string state_ = "starting";  // starting | indexing | ready | failed
  std::string failure_;
  std::optional<indexer::IndexRunStats> lastPass_;

  std::unique_ptr<indexer::IndexStore> store_;          // writer thread only
  std::unique_ptr<indexer::WorkspaceIndexer> indexer_;  // writer thread only
  std::mutex readersMutex_;
  std::vector<std::unique_ptr<indexer::IndexReader>> readers_;
  std::uint64_t readerGeneration_ = 0;
  std::thread writer_;
};

}  // namespace gloss::server
