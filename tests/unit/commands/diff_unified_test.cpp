// The unified-diff parser on the shapes git prints: modified, added and deleted files,
// renames with and without edits, copies, mode changes, binary files, quoted paths, and a
// diff cut at a size limit.
#include <gtest/gtest.h>

#include "commands/diff/UnifiedDiff.h"

namespace gloss::commands::diff {
namespace {

using Lines = std::vector<std::uint32_t>;

TEST(UnifiedDiff, ModifiedFileGivesRemovedAndAddedLineNumbers) {
  ParsedDiff d = parseUnifiedDiff(
      "diff --git a/src/x.py b/src/x.py\n"
      "index 1111111..2222222 100644\n"
      "--- a/src/x.py\n"
      "+++ b/src/x.py\n"
      "@@ -2,4 +2,5 @@ def f():\n"
      " keep\n"
      "-old one\n"
      "+new one\n"
      "+new two\n"
      " keep\n"
      " keep\n"
      "@@ -20 +21 @@\n"
      "-x\n"
      "+y\n");
  ASSERT_EQ(d.files.size(), 1u);
  const FileDiff& f = d.files[0];
  EXPECT_EQ(f.oldPath, "src/x.py");
  EXPECT_EQ(f.newPath, "src/x.py");
  EXPECT_EQ(f.status, FileStatus::Modified);
  ASSERT_EQ(f.hunks.size(), 2u);
  EXPECT_EQ(f.hunks[0].removedLines, Lines({3}));
  EXPECT_EQ(f.hunks[0].addedLines, Lines({3, 4}));
  EXPECT_EQ(f.hunks[0].addedText, std::vector<std::string>({"new one", "new two"}));
  EXPECT_EQ(f.hunks[1].removedLines, Lines({20}));
  EXPECT_EQ(f.hunks[1].addedLines, Lines({21}));
  EXPECT_EQ(f.added, 3);
  EXPECT_EQ(f.removed, 2);
  EXPECT_TRUE(f.hunks[0].text.starts_with("@@ -2,4 +2,5 @@ def f():\n keep\n-old one\n"));
}

TEST(UnifiedDiff, AddedDeletedRenamedCopiedModeAndBinary) {
  ParsedDiff d = parseUnifiedDiff(
      "diff --git a/new.go b/new.go\n"
      "new file mode 100644\n"
      "index 0000000..1234567\n"
      "--- /dev/null\n"
      "+++ b/new.go\n"
      "@@ -0,0 +1,2 @@\n"
      "+package x\n"
      "+\n"
      "diff --git a/gone.c b/gone.c\n"
      "deleted file mode 100644\n"
      "--- a/gone.c\n"
      "+++ /dev/null\n"
      "@@ -1 +0,0 @@\n"
      "-int x;\n"
      "diff --git a/a b.py b/c d.py\n"
      "similarity index 87%\n"
      "rename from a b.py\n"
      "rename to c d.py\n"
      "--- a/a b.py\n"
      "+++ b/c d.py\n"
      "@@ -1 +1 @@\n"
      "-a\n"
      "+b\n"
      "diff --git a/same.txt b/moved/same.txt\n"
      "similarity index 100%\n"
      "rename from same.txt\n"
      "rename to moved/same.txt\n"
      "diff --git a/t.sh b/t2.sh\n"
      "similarity index 100%\n"
      "copy from t.sh\n"
      "copy to t2.sh\n"
      "diff --git a/run.sh b/run.sh\n"
      "old mode 100644\n"
      "new mode 100755\n"
      "diff --git a/logo.png b/logo.png\n"
      "new file mode 100644\n"
      "index 0000000..abcdef0\n"
      "Binary files /dev/null and b/logo.png differ\n");
  ASSERT_EQ(d.files.size(), 7u);
  EXPECT_EQ(d.files[0].status, FileStatus::Added);
  EXPECT_EQ(d.files[0].oldPath, "");
  EXPECT_EQ(d.files[0].newPath, "new.go");
  EXPECT_EQ(d.files[0].newMode, "100644");
  EXPECT_EQ(d.files[0].hunks[0].addedLines, Lines({1, 2}));
  EXPECT_EQ(d.files[1].status, FileStatus::Deleted);
  EXPECT_EQ(d.files[1].oldPath, "gone.c");
  EXPECT_EQ(d.files[1].newPath, "");
  EXPECT_EQ(d.files[1].path(), "gone.c");
  EXPECT_EQ(d.files[2].status, FileStatus::Renamed);
  EXPECT_EQ(d.files[2].oldPath, "a b.py");
  EXPECT_EQ(d.files[2].newPath, "c d.py");
  EXPECT_EQ(d.files[2].similarity, 87);
  EXPECT_EQ(d.files[3].status, FileStatus::Renamed);
  EXPECT_EQ(d.files[3].newPath, "moved/same.txt");
  EXPECT_TRUE(d.files[3].hunks.empty());
  EXPECT_EQ(d.files[4].status, FileStatus::Copied);
  EXPECT_EQ(d.files[4].oldPath, "t.sh");
  EXPECT_EQ(d.files[5].oldMode, "100644");
  EXPECT_EQ(d.files[5].newMode, "100755");
  EXPECT_EQ(d.files[5].status, FileStatus::Modified);
  EXPECT_TRUE(d.files[6].binary);
  EXPECT_EQ(d.files[6].status, FileStatus::Added);
  EXPECT_EQ(d.files[6].newPath, "logo.png");
}

TEST(UnifiedDiff, QuotedPathsAreUnquoted) {
  EXPECT_EQ(unquotePath("\"tab\\there\""), "tab\there");
  EXPECT_EQ(unquotePath("\"caf\\303\\251.py\""), "caf\xc3\xa9.py");
  EXPECT_EQ(unquotePath("\"q\\\"uote\""), "q\"uote");
  EXPECT_EQ(unquotePath("plain.py"), "plain.py");
  ParsedDiff d = parseUnifiedDiff(
      "diff --git \"a/x\\ty.py\" \"b/x\\ty.py\"\n"
      "--- \"a/x\\ty.py\"\n"
      "+++ \"b/x\\ty.py\"\n"
      "@@ -1 +1 @@\n"
      "-1\n"
      "+2\n");
  ASSERT_EQ(d.files.size(), 1u);
  EXPECT_EQ(d.files[0].newPath, "x\ty.py");
  EXPECT_EQ(d.files[0].oldPath, "x\ty.py");
}

TEST(UnifiedDiff, LinesThatLookLikeHeadersInsideAHunkAreContent) {
  ParsedDiff d = parseUnifiedDiff(
      "diff --git a/notes.md b/notes.md\n"
      "--- a/notes.md\n"
      "+++ b/notes.md\n"
      "@@ -1,2 +1,2 @@\n"
      "--- a/quoted\n"
      "+++ b/quoted\n"
      " context\n"
      "\\ No newline at end of file\n");
  ASSERT_EQ(d.files.size(), 1u);
  EXPECT_EQ(d.files[0].newPath, "notes.md");
  EXPECT_EQ(d.files[0].hunks[0].removedLines, Lines({1}));
  EXPECT_EQ(d.files[0].hunks[0].addedLines, Lines({1}));
  EXPECT_EQ(d.files[0].hunks[0].addedText, std::vector<std::string>({"++ b/quoted"}));
}

TEST(UnifiedDiff, ATruncatedDiffDropsItsLastFile) {
  std::string text =
      "diff --git a/one.py b/one.py\n--- a/one.py\n+++ b/one.py\n@@ -1 +1 @@\n-a\n+b\n"
      "diff --git a/two.py b/two.py\n--- a/two.py\n+++ b/two.py\n@@ -1,9 +1,9 @@\n-a\n";
  ParsedDiff whole = parseUnifiedDiff(text);
  EXPECT_EQ(whole.files.size(), 2u);
  ParsedDiff cut = parseUnifiedDiff(text, true);
  ASSERT_EQ(cut.files.size(), 1u);
  EXPECT_TRUE(cut.truncated);
  EXPECT_EQ(cut.files[0].newPath, "one.py");
}

}  // namespace
}  // namespace gloss::commands::diff
