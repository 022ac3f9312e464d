// The clean-close marker that lets a re-open skip quick_check.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "indexer/IndexStore.h"

namespace gloss::indexer {
namespace {

class CleanCloseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = std::filesystem::temp_directory_path() /
          ("gloss-clean-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
           "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir);
    path = (dir / "index.db").string();
  }
  void TearDown() override { std::filesystem::remove_all(dir); }

  std::int64_t cleanFlag() {
    auto reader = IndexReader::open(path);
    EXPECT_TRUE(reader.ok());
    auto db = Database::open(path, Database::Mode::ReadOnly);
    EXPECT_TRUE(db.ok());
    auto clean = db->queryInt("SELECT clean FROM writer_state");
    EXPECT_TRUE(clean.ok());
    return clean.ok() ? *clean : -1;
  }

  std::filesystem::path dir;
  std::string path;
};

TEST_F(CleanCloseTest, FlagIsClearedWhileOpenAndSetOnClose) {
  {
    auto store = IndexStore::open(path, fastReopenOptions());
    ASSERT_TRUE(store.ok());
    EXPECT_EQ(cleanFlag(), 0);
  }
  EXPECT_EQ(cleanFlag(), 1);
  auto again = IndexStore::open(path, fastReopenOptions());
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->openReport().rebuilt);
  EXPECT_FALSE(again->openReport().created);
}

TEST_F(CleanCloseTest, GarbageIsStillRebuiltWithoutQuickCheck) {
  std::ofstream(path, std::ios::binary) << std::string(65536, '\x5a');
  auto store = IndexStore::open(path, fastReopenOptions());
  ASSERT_TRUE(store.ok());
  EXPECT_TRUE(store->openReport().rebuilt);
}

}  // namespace
}  // namespace gloss::indexer
