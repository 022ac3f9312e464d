#include "server/IndexOpen.h"

#include <cstdio>
#include <filesystem>
#include <iostream>

#include "indexer/WorkspaceWalker.h"
#include "indexer/grep/TrigramIndex.h"

namespace gloss::server {

namespace {

void drawProgress(const indexer::IndexProgress& p) {
  int percent = p.total ? static_cast<int>(p.done * 100 / p.total) : 100;
  int filled = percent * 30 / 100;
  std::fprintf(stderr, "\rindexing [%-30s] %3d%% %zu/%zu files", std::string(filled, '#').c_str(),
               percent, p.done, p.total);
  std::fflush(stderr);
}

}  // namespace

gloss::Expected<UpdatedIndex, std::string> openUpdatedIndex(const IndexUpdateOptions& options) {
  if (options.database != ":memory:") {
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(options.database).parent_path(), ec);
  }
  const std::string& name = options.commandName;
  for (int attempt = 0;; ++attempt) {
    auto open = attempt == 0 ? indexer::fastReopenOptions() : indexer::IndexOpenOptions{};
    auto store = indexer::IndexStore::open(options.database, open);
    if (!store) {
      return gloss::unexpected("cannot open " + options.database + ": " + store.error().message);
    }
    if (store->openReport().rebuilt && !options.quiet) {
      std::cerr << name << ": rebuilding the index: " << store->openReport().reason << "\n";
    }
    UpdatedIndex result{std::make_unique<indexer::IndexStore>(std::move(*store)), {}};
    indexer::WorkspaceIndexer indexer(*result.store, options.roots, options.indexer);
    result.run = indexer.update(options.progressBar
                                    ? indexer::WorkspaceIndexer::ProgressCallback(drawProgress)
                                    : indexer::WorkspaceIndexer::ProgressCallback());
    if (options.progressBar) std::fprintf(stderr, "\n");
    for (const auto& warning : result.run.warnings) {
      if (!options.quiet)
        std::cerr << "warning: " << warning.path << ": " << warning.message << "\n";
    }
    if (result.run.errors.empty() && !result.run.cancelled) {
      auto built =
          indexer::refreshTrigramIndex(result.store->database(), options.indexer.threads, nullptr);
      if (!built) result.run.errors.push_back("grep index: " + built.error().message);
    }
    if (result.run.errors.empty()) return result;
    if (attempt > 0 || options.database == ":memory:") {
      return gloss::unexpected(result.run.errors.front());
    }
    if (!options.quiet)
      std::cerr << name << ": " << result.run.errors.front() << "; verifying the index\n";
  }
}

std::string workspaceRootOf(const std::string& start) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path path = fs::absolute(start, ec).lexically_normal();
  if (!fs::is_directory(path, ec)) path = path.parent_path();
  for (fs::path dir = path; !dir.empty(); dir = dir.parent_path()) {
    if (fs::exists(dir / ".git", ec)) return indexer::normalPath(dir.string());
    if (dir == dir.parent_path()) break;
  }
  return indexer::normalPath(path.string());
}

}  // namespace gloss::server
