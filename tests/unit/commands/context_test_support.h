// A fixture repository from tests/data/context/<name>, copied to a temp folder and indexed for
// real (IndexStore + WorkspaceIndexer), with a read-only IndexReader over it: what the context
// builder sees in the daemon.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "commands/context/ContextBuilder.h"
#include "commands/llm/ModelLimits.h"
#include "indexer/IndexStore.h"
#include "indexer/WorkspaceIndexer.h"

namespace gloss::commands::testing {

class IndexedRepo {
 public:
  explicit IndexedRepo(const std::string& fixture) {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "gloss-context-XXXXXX").string();
    base_ = mkdtemp(pattern.data());
    root_ = base_ + "/repo";
    std::filesystem::copy(std::string(GLOSS_TEST_DATA_DIR) + "/context/" + fixture, root_,
                          std::filesystem::copy_options::recursive);
    auto store = indexer::IndexStore::open(base_ + "/index.db");
    if (!store) throw std::runtime_error(store.error().message);
    indexer::WorkspaceIndexer indexer(*store, {root_}, indexer::IndexerOptions{});
    indexer::IndexRunStats stats = indexer.update();
    if (!stats.errors.empty()) throw std::runtime_error(stats.errors.front());
    auto reader = indexer::IndexReader::open(base_ + "/index.db");
    if (!reader) throw std::runtime_error(reader.error().message);
    reader_ = std::make_unique<indexer::IndexReader>(std::move(*reader));
  }
  ~IndexedRepo() {
    reader_.reset();
    std::filesystem::remove_all(base_);
  }
  IndexedRepo(const IndexedRepo&) = delete;
  IndexedRepo& operator=(const IndexedRepo&) = delete;

  const std::string& root() const { return root_; }
  std::string path(const std::string& relative) const { return root_ + "/" + relative; }
  indexer::IndexReader& reader() { return *reader_; }

  std::string read(const std::string& relative) const {
    std::ifstream in(path(relative), std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }
  // The 0-based line of the first line of `relative` holding `needle`.
  std::uint32_t lineOf(const std::string& relative, const std::string& needle) const {
    std::istringstream lines(read(relative));
    std::string line;
    for (std::uint32_t number = 0; std::getline(lines, line); ++number) {
      if (line.find(needle) != std::string::npos) return number;
    }
    throw std::runtime_error(needle + " not in " + relative);
  }

 private:
  std::string base_;
  std::string root_;
  std::unique_ptr<indexer::IndexReader> reader_;
};

inline BuiltContext buildOrFail(ContextBuilder& builder, const ContextRequest& request) {
  auto built = builder.build(request);
  if (!built) throw std::runtime_error(built.error());
  return std::move(built).value();
}

// The budget invariants every build must keep, whatever it was asked.
inline void expectWithinBudget(const BuiltContext& context, int budget) {
  int sum = 0;
  for (const ContextItem& item : context.items) {
    EXPECT_EQ(item.tokens, llm::estimateTokens(itemTitle(item, "") + "\n" + item.text))
        << itemTitle(item, "");
    sum += item.tokens;
  }
  EXPECT_EQ(sum, context.tokens);
  EXPECT_LE(context.tokens, budget);
}

inline const ContextItem* findItem(const BuiltContext& context, PieceRole role,
                                   const std::string& path) {
  for (const ContextItem& item : context.items) {
    if (item.role == role && item.path == path) return &item;
  }
  return nullptr;
}

inline std::string describeRoles(const BuiltContext& context) {
  std::string out;
  for (const ContextItem& item : context.items)
    out += std::string(toString(item.role)) + " " + itemTitle(item, "") + "\n";
  return out;
}

}  // namespace gloss::commands::testing
