// Opening index.db for a headless command (`gloss index`, `gloss explain`, ...) and bringing it
// up to date with the workspace, the way the daemon's first pass does. A failure during the
// pass may mean a damaged file: the second attempt opens with a full quick_check, which
// rebuilds an index it cannot trust.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "indexer/WorkspaceIndexer.h"

namespace gloss::server {

struct IndexUpdateOptions {
  std::vector<std::string> roots;
  std::string database;  // a path or ":memory:"
  indexer::IndexerOptions indexer;
  bool quiet = false;                 // no warnings on stderr
  bool progressBar = false;           // draw a progress bar on stderr
  std::string commandName = "gloss";  // prefixes messages on stderr
};

struct UpdatedIndex {
  std::unique_ptr<indexer::IndexStore> store;
  indexer::IndexRunStats run;
};

gloss::Expected<UpdatedIndex, std::string> openUpdatedIndex(const IndexUpdateOptions& options);

// The folder that holds `start`'s repository: the nearest ancestor with a .git entry, else
// `start` itself. Absolute, without a trailing slash.
std::string workspaceRootOf(const std::string& start);

}  // namespace gloss::server
