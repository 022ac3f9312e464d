#include "server/IndexCommand.h"

#include <unistd.h>

#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "indexer/WorkspaceIndexer.h"
#include "indexer/WorkspaceWalker.h"
#include "server/CliArgs.h"
#include "server/IndexOpen.h"
#include "server/WorkspacePaths.h"

namespace gloss::server {
namespace {

struct IndexArgs {
  std::vector<std::string> roots;
  std::string database;
  std::vector<std::string> only;  // re-index just these files (as after a save)
  bool json = false;
  bool quiet = false;
  indexer::IndexerOptions options;
};

std::optional<IndexArgs> parseArgs(const std::vector<std::string>& args, std::size_t first) {
  IndexArgs parsed;
  for (std::size_t i = first; i < args.size(); ++i) {
    const std::string& arg = args[i];
    const std::string* value = i + 1 < args.size() ? &args[i + 1] : nullptr;
    std::uint64_t number = 0;
    if (arg == "--json") {
      parsed.json = true;
    } else if (arg == "--quiet" || arg == "-q") {
      parsed.quiet = true;
    } else if (arg == "--no-ignore-files") {
      parsed.options.walk.respectIgnoreFiles = false;
    } else if (arg == "--include-hidden") {
      parsed.options.walk.includeHidden = true;
    } else if (arg == "--db" && value) {
      parsed.database = *value;
      ++i;
    } else if (arg == "--only" && value) {
      parsed.only.push_back(*value);
      ++i;
    } else if (arg == "--exclude" && value) {
      parsed.options.walk.excludeGlobs.push_back(*value);
      ++i;
    } else if (arg == "--max-file-size" && value && parseCount(*value, number) && number > 0) {
      parsed.options.maxChunkedFileSize = number;
      ++i;
    } else if (arg == "--threads" && value && parseCount(*value, number) && number > 0) {
      parsed.options.threads = static_cast<unsigned>(number);
      parsed.options.walk.threads = static_cast<unsigned>(number);
      ++i;
    } else if (!arg.empty() && arg[0] != '-') {
      parsed.roots.push_back(arg);
    } else {
      std::cerr << "gloss index: bad argument '" << arg << "'\n";
      return std::nullopt;
    }
  }
  if (parsed.roots.empty()) parsed.roots.push_back(".");
  for (std::string& root : parsed.roots) {
    std::error_code ec;
    std::string absolute = indexer::normalPath(std::filesystem::absolute(root, ec).string());
    if (!std::filesystem::is_directory(absolute, ec)) {
      std::cerr << "gloss index: not a folder: " << root << "\n";
      return std::nullopt;
    }
    root = absolute;
  }
  if (parsed.database.empty()) parsed.database = cacheDirectory(parsed.roots) + "/index.db";
  return parsed;
}

// The path a save takes in the daemon: one file, one transaction.
int updateOnly(indexer::WorkspaceIndexer& indexer, const std::vector<std::string>& files) {
  for (const std::string& file : files) {
    auto started = std::chrono::steady_clock::now();
    auto absolute = std::filesystem::absolute(file).lexically_normal().string();
    auto result = indexer.updateFile(absolute);
    double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
            .count();
    if (!result) {
      std::cerr << "gloss index: " << file << ": " << result.error() << "\n";
      return 1;
    }
    static constexpr const char* kKinds[] = {"indexed", "unchanged", "removed", "not indexed"};
    std::printf("%s: %s in %.1f ms%s%s\n", file.c_str(), kKinds[static_cast<int>(result->kind)], ms,
                result->reason.empty() ? "" : ": ", result->reason.c_str());
  }
  return 0;
}

void printSummary(const IndexArgs& args, const indexer::IndexRunStats& run,
                  const indexer::IndexStats& stats) {
  boost::json::object languages;
  for (const auto& [name, count] : stats.filesPerLanguage) languages[name] = count;
  if (args.json) {
    std::cout << boost::json::serialize(boost::json::object{{"database", args.database},
                                                            {"files", stats.files},
                                                            {"chunks", stats.chunks},
                                                            {"symbols", stats.symbols},
                                                            {"sourceBytes", stats.sourceBytes},
                                                            {"databaseBytes", stats.databaseBytes},
                                                            {"languages", std::move(languages)},
                                                            {"indexed", run.indexed},
                                                            {"unchanged", run.unchanged},
                                                            {"touched", run.touched},
                                                            {"removed", run.removed},
                                                            {"binary", run.binary},
                                                            {"ignored", run.walk.ignored},
                                                            {"oversized", run.oversized},
                                                            {"seconds", run.seconds}})
              << "\n";
    return;
  }
  std::printf("indexed %s\n", args.roots.front().c_str());
  std::printf("  files    %lld (%zu read, %zu unchanged, %zu removed)\n",
              static_cast<long long>(stats.files), run.indexed + run.touched, run.unchanged,
              run.removed);
  std::printf("  chunks   %lld\n  symbols  %lld\n", static_cast<long long>(stats.chunks),
              static_cast<long long>(stats.symbols));
  std::printf("  languages");
  for (const auto& [name, count] : stats.filesPerLanguage) {
    std::printf(" %s:%lld", name.c_str(), static_cast<long long>(count));
  }
  std::printf("\n  time     %.2f s\n  database %s (%.1f MB)\n", run.seconds, args.database.c_str(),
              static_cast<double>(stats.databaseBytes) / 1e6);
}

// grep's trigram postings, rebuilt when missing or when many files changed since the last build.
}  // namespace

int runIndexCommand(const std::vector<std::string>& args, std::size_t first) {
  std::optional<IndexArgs> parsed = parseArgs(args, first);
  if (!parsed) return 2;
  if (!parsed->only.empty()) {
    auto store = indexer::IndexStore::open(parsed->database, indexer::fastReopenOptions());
    if (!store) {
      std::cerr << "gloss index: cannot open " << parsed->database << ": " << store.error().message
                << "\n";
      return 1;
    }
    indexer::WorkspaceIndexer indexer(*store, parsed->roots, parsed->options);
    return updateOnly(indexer, parsed->only);
  }
  IndexUpdateOptions options{parsed->roots,
                             parsed->database,
                             parsed->options,
                             parsed->quiet,
                             !parsed->quiet && ::isatty(STDERR_FILENO),
                             "gloss index"};
  auto updated = openUpdatedIndex(options);
  if (!updated) {
    std::cerr << "gloss index: " << updated.error() << "\n";
    return 1;
  }
  auto stats = updated->store->stats();
  if (!stats) {
    std::cerr << "gloss index: " << stats.error().message << "\n";
    return 1;
  }
  printSummary(*parsed, updated->run, *stats);
  return 0;
}

}  // namespace gloss::server
