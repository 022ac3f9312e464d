// The containment rule every client-given path goes through (indexer/PathContainment.h and
// Workspace::resolvePath): `..`, absolute paths, symlinked files and folders leading out, dangling
// links and loops, checked against real folders and links made for each test.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "indexer/PathContainment.h"
#include "server/Workspace.h"

namespace gloss::server {
namespace {

namespace fs = std::filesystem;

class PathContainment : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "gloss-contain-XXXXXX").string();
    base = mkdtemp(pattern.data());
    root = base + "/ws";
    out = base + "/out";
    fs::create_directories(root + "/src");
    fs::create_directories(out + "/dir");
    std::ofstream(root + "/src/a.py") << "x = 1\n";
    std::ofstream(out + "/secret.py") << "y = 2\n";
  }
  void TearDown() override { fs::remove_all(base); }

  std::optional<std::string> contained(const std::string& path) {
    return indexer::containedPath(path, {root});
  }

  std::string base, root, out;
};

TEST_F(PathContainment, InsidePathsComeBackAbsoluteAndNormal) {
  EXPECT_EQ(contained("src/a.py"), root + "/src/a.py");
  EXPECT_EQ(contained(root + "/src/../src/a.py"), root + "/src/a.py");
  EXPECT_EQ(contained("src/new/file.py"), root + "/src/new/file.py");  // need not exist
  EXPECT_EQ(contained(root), root);
}

TEST_F(PathContainment, DotDotAndAbsolutePathsOutsideAreRefused) {
  EXPECT_FALSE(contained("../out/secret.py"));
  EXPECT_FALSE(contained("src/../../out/secret.py"));
  EXPECT_FALSE(contained(out + "/secret.py"));
  EXPECT_FALSE(contained("/etc/passwd"));
  EXPECT_FALSE(contained(base + "/ws-sibling/x.py"));  // a shared prefix is not a parent
  EXPECT_FALSE(indexer::containedPath("src/a.py", {}));
}

TEST_F(PathContainment, SymlinksAreJudgedByWhereTheyLead) {
  fs::create_symlink(out + "/secret.py", root + "/file_out.py");
  fs::create_directory_symlink(out + "/dir", root + "/dir_out");
  fs::create_symlink(out + "/missing.py", root + "/dangling_out.py");
  fs::create_symlink("src/a.py", root + "/file_in.py");
  fs::create_directory_symlink(root + "/src", root + "/dir_in");
  EXPECT_FALSE(contained("file_out.py"));
  EXPECT_FALSE(contained("dir_out/new_test.py"));  // a write target in a folder leading out
  EXPECT_FALSE(contained("dir_out"));
  EXPECT_FALSE(contained("dangling_out.py"));  // creating it would create the outside file
  EXPECT_EQ(contained("file_in.py"), root + "/file_in.py");
  EXPECT_EQ(contained("dir_in/a.py"), root + "/dir_in/a.py");
}

TEST_F(PathContainment, LinkLoopsAreRefusedAndFolderLoopsResolve) {
  fs::create_symlink(root + "/loop_b", root + "/loop_a");
  fs::create_symlink(root + "/loop_a", root + "/loop_b");
  EXPECT_FALSE(indexer::resolveSymlinks(root + "/loop_a"));
  EXPECT_FALSE(contained("loop_a"));
  fs::create_directory_symlink("..", root + "/src/up");
  EXPECT_EQ(indexer::resolveSymlinks(root + "/src/up/src/up/src/a.py"), root + "/src/a.py");
  EXPECT_EQ(indexer::resolveSymlinks(root + "/src/up/../out/secret.py"), out + "/secret.py");
  EXPECT_EQ(contained("src/up/src/a.py"), root + "/src/up/src/a.py");
  fs::create_directory_symlink("..", root + "/top");
  EXPECT_FALSE(contained("top/out/secret.py"));  // a link to the root's parent
  // `..` is folded before any link is followed, and the folded path is the one used.
  EXPECT_EQ(contained("src/up/../out/secret.py"), root + "/src/out/secret.py");
}

TEST_F(PathContainment, ARootThatIsASymlinkStillContainsItsFiles) {
  fs::create_directory_symlink(root, base + "/ws-link");
  EXPECT_EQ(indexer::containedPath("src/a.py", {base + "/ws-link"}), base + "/ws-link/src/a.py");
  EXPECT_FALSE(indexer::containedPath(out + "/secret.py", {base + "/ws-link"}));
}

TEST_F(PathContainment, WorkspaceRefusalsNameThePath) {
  fs::create_directory_symlink(out + "/dir", root + "/dir_out");
  Workspace workspace({root}, protocol::PositionEncoding::Utf16);
  auto refused = workspace.resolvePath("dir_out/x.py");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, protocol::ErrorCode::InvalidParams);
  EXPECT_EQ(refused.error().message, "refused: dir_out/x.py is outside the workspace folders");
  auto uri = workspace.resolve("file://" + out + "/secret.py");
  ASSERT_FALSE(uri);
  EXPECT_NE(uri.error().message.find(out + "/secret.py"), std::string::npos);
  EXPECT_EQ(workspace.resolve("file://" + root + "/src/a.py").value(), root + "/src/a.py");
}

}  // namespace
}  // namespace gloss::server
