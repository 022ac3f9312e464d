// WorkspaceIndexer over a real tree and a real index.db: what a pass reads, skips and records.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <utime.h>

#include <filesystem>
#include <fstream>

#include "indexer/WorkspaceIndexer.h"

namespace gloss::indexer {
namespace {

class WorkspaceIndexerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "gloss-indexer-XXXXXX").string();
    root = mkdtemp(pattern.data());
    write("a.py", "def alpha():\n    return 1\n");
    write("b.go", "package b\n\nfunc Beta() {}\n");
    write("blob.bin", std::string("\x00\x01\x02 binary", 10));
    auto opened = IndexStore::open(root + "/.index.db");
    ASSERT_TRUE(opened.ok());
    store = std::make_unique<IndexStore>(std::move(*opened));
  }
  void TearDown() override {
    store.reset();
    std::filesystem::remove_all(root);
  }
  void write(const std::string& name, const std::string& text) {
    std::ofstream(root + "/" + name, std::ios::binary) << text;
  }
  void setMtime(const std::string& name, time_t seconds) {
    utimbuf times{seconds, seconds};
    ASSERT_EQ(utime((root + "/" + name).c_str(), &times), 0);
  }
  IndexRunStats pass() {
    WorkspaceIndexer indexer(*store, {root}, IndexerOptions{});
    return indexer.update();
  }

  std::string root;
  std::unique_ptr<IndexStore> store;
};

TEST_F(WorkspaceIndexerTest, FirstPassIndexesAndCountsBinaryFiles) {
  IndexRunStats first = pass();
  EXPECT_TRUE(first.errors.empty());
  EXPECT_EQ(first.files, 3u);
  EXPECT_EQ(first.indexed, 3u);
  EXPECT_EQ(first.binary, 1u);
  auto alpha = store->findSymbolsByName("alpha", true);
  ASSERT_TRUE(alpha.ok());
  ASSERT_EQ(alpha->size(), 1u);
  EXPECT_EQ(alpha->at(0).path, root + "/a.py");
  // Binary files are recorded (so the next pass skips them) but have no chunks.
  auto blob = store->chunksOfFile(root + "/blob.bin");
  ASSERT_TRUE(blob.ok());
  EXPECT_TRUE(blob->empty());
}

TEST_F(WorkspaceIndexerTest, SameContentWithANewMtimeIsTouchedNotReindexed) {
  pass();
  setMtime("a.py", 1'000'000'000);
  IndexRunStats second = pass();
  EXPECT_TRUE(second.errors.empty());
  EXPECT_EQ(second.touched, 1u);
  EXPECT_EQ(second.indexed, 0u);
  EXPECT_EQ(second.unchanged, 2u);
  // The new stamp was recorded: the next pass reads nothing.
  IndexRunStats third = pass();
  EXPECT_EQ(third.unchanged, 3u);
  EXPECT_EQ(third.touched, 0u);
  EXPECT_EQ(third.bytesRead, 0u);
}

TEST_F(WorkspaceIndexerTest, ChangedAndDeletedFilesAreApplied) {
  pass();
  write("a.py", "def alphaRenamed():\n    return 2\n");
  setMtime("a.py", 1'000'000'000);
  std::filesystem::remove(root + "/b.go");
  IndexRunStats second = pass();
  EXPECT_EQ(second.indexed, 1u);
  EXPECT_EQ(second.removed, 1u);
  EXPECT_TRUE(store->findSymbolsByName("alpha", true)->empty());
  EXPECT_EQ(store->findSymbolsByName("alphaRenamed", true)->size(), 1u);
  EXPECT_TRUE(store->findSymbolsByName("Beta", true)->empty());
}

TEST_F(WorkspaceIndexerTest, UpdateFileFollowsTheWorkspaceRules) {
  pass();
  WorkspaceIndexer indexer(*store, {root}, IndexerOptions{});
  write("c.rs", "fn gamma() {}\n");
  auto added = indexer.updateFile(root + "/c.rs");
  ASSERT_TRUE(added.ok());
  EXPECT_EQ(added->kind, FileUpdateKind::Indexed);
  EXPECT_EQ(store->findSymbolsByName("gamma", true)->size(), 1u);
  auto outside = indexer.updateFile("/etc/hostname");
  ASSERT_TRUE(outside.ok());
  EXPECT_EQ(outside->kind, FileUpdateKind::NotIndexed);
  std::filesystem::remove(root + "/c.rs");
  auto gone = indexer.updateFile(root + "/c.rs");
  ASSERT_TRUE(gone.ok());
  EXPECT_EQ(gone->kind, FileUpdateKind::Removed);
  EXPECT_TRUE(store->findSymbolsByName("gamma", true)->empty());
}

}  // namespace
}  // namespace gloss::indexer
