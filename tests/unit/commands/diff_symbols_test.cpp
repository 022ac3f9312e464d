// Hunks mapped to definitions: the change kinds (added, removed, modified, renamed, moved),
// innermost ownership (a method's edit does not mark its class), blank lines counting for
// nothing, members going with a removed class, and files without a grammar.
#include <gtest/gtest.h>

#include "commands/diff/DiffSymbols.h"

namespace gloss::commands::diff {
namespace {

std::vector<std::string> linesOf(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

// A file's diff from its two versions (longest common subsequence of lines), as git would
// report it in one hunk.
FileDiff diffOf(const std::string& oldPath, const std::string& newPath, const std::string& before,
                const std::string& after) {
  std::vector<std::string> a = linesOf(before), b = linesOf(after);
  std::vector<std::vector<int>> lcs(a.size() + 1, std::vector<int>(b.size() + 1, 0));
  for (std::size_t i = a.size(); i-- > 0;)
    for (std::size_t j = b.size(); j-- > 0;)
      lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
  FileDiff file;
  file.oldPath = oldPath;
  file.newPath = newPath;
  file.status = oldPath.empty()      ? FileStatus::Added
                : newPath.empty()    ? FileStatus::Deleted
                : oldPath != newPath ? FileStatus::Renamed
                                     : FileStatus::Modified;
  DiffHunk hunk;
  std::size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    if (i < a.size() && j < b.size() && a[i] == b[j]) {
      ++i, ++j;
    } else if (j < b.size() && (i == a.size() || lcs[i][j + 1] >= lcs[i + 1][j])) {
      hunk.addedLines.push_back(static_cast<std::uint32_t>(++j));
      hunk.addedText.push_back(b[j - 1]);
      ++file.added;
    } else {
      hunk.removedLines.push_back(static_cast<std::uint32_t>(++i));
      ++file.removed;
    }
  }
  file.hunks.push_back(hunk);
  return file;
}

struct Row {
  std::string change, qualifiedName, path;
  bool operator==(const Row&) const = default;
};

std::ostream& operator<<(std::ostream& out, const Row& r) {
  return out << r.change << " " << r.qualifiedName << " @" << r.path;
}

std::vector<Row> rows(const ChangeSet& set) {
  std::vector<Row> out;
  for (const SymbolChange& s : set.symbols)
    out.push_back({toString(s.change), s.qualifiedName, s.path});
  return out;
}

ChangeSet mapOne(const std::string& oldPath, const std::string& newPath, const std::string& before,
                 const std::string& after) {
  std::vector<std::optional<std::string>> olds{oldPath.empty() ? std::nullopt
                                                               : std::optional(before)};
  std::vector<std::optional<std::string>> news{newPath.empty() ? std::nullopt
                                                               : std::optional(after)};
  return mapChangedSymbols({diffOf(oldPath, newPath, before, after)}, olds, news);
}

const std::string kShapes =
    "class Shape:\n"
    "    def area(self):\n"
    "        return 0\n"
    "\n"
    "    def name(self):\n"
    "        return 'shape'\n"
    "\n"
    "\n"
    "def helper(values):\n"
    "    total = 0\n"
    "    for value in values:\n"
    "        total += value * value\n"
    "    return total\n";

TEST(DiffSymbols, NamespacesAreToldByWhatIsInsideThem) {
  std::string after =
      "// Geometry helpers.\n"
      "namespace geo {\n"
      "\n"
      "int square(int x) { return x * x; }\n"
      "\n"
      "int cube(int x) { return x * x * x; }\n"
      "\n"
      "}  // namespace geo\n";
  ChangeSet added = mapOne("", "geo.cpp", "", after);
  EXPECT_EQ(rows(added), (std::vector<Row>{{"added", "geo::square", "geo.cpp"},
                                           {"added", "geo::cube", "geo.cpp"}}));
  std::string edited = after;
  edited.replace(edited.find("x * x * x"), 9, "x * x * x + 0");
  edited.replace(edited.find("// Geometry helpers."), 20, "// Geometry helpers, integer only.");
  ChangeSet modified = mapOne("geo.cpp", "geo.cpp", after, edited);
  EXPECT_EQ(rows(modified), (std::vector<Row>{{"modified", "geo::cube", "geo.cpp"}}));
}

TEST(DiffSymbols, AMethodEditIsTheMethodNotItsClass) {
  std::string after = kShapes;
  after.replace(after.find("return 0"), 8, "return 1");
  ChangeSet set = mapOne("shapes.py", "shapes.py", kShapes, after);
  EXPECT_EQ(rows(set), (std::vector<Row>{{"modified", "Shape.area", "shapes.py"}}));
  const SymbolChange& s = set.symbols[0];
  EXPECT_EQ(s.kind, "method");
  EXPECT_EQ(s.oldLines.start, 2u);
  EXPECT_EQ(s.newLines.end, 3u);
  EXPECT_EQ(s.added, 1);
  EXPECT_EQ(s.removed, 1);
  EXPECT_TRUE(s.isPublic);
  EXPECT_TRUE(set.files[0].symbolsMapped);
  EXPECT_EQ(set.files[0].language, "python");
}

TEST(DiffSymbols, AddedMethodWithItsBlankLineLeavesTheClassAlone) {
  std::string after = kShapes;
  after.insert(after.find("\n\ndef helper"), "\n    def sides(self):\n        return 0\n");
  ChangeSet set = mapOne("shapes.py", "shapes.py", kShapes, after);
  EXPECT_EQ(rows(set), (std::vector<Row>{{"added", "Shape.sides", "shapes.py"}}));
  EXPECT_EQ(set.files[0].outsideLines, 0);
}

TEST(DiffSymbols, RenameWithTheSameBodyIsRenamed) {
  std::string after = kShapes;
  after.replace(after.find("def helper"), 10, "def sum_of_squares");
  ChangeSet set = mapOne("shapes.py", "shapes.py", kShapes, after);
  ASSERT_EQ(rows(set), (std::vector<Row>{{"renamed", "sum_of_squares", "shapes.py"}}));
  EXPECT_EQ(set.symbols[0].oldQualifiedName, "helper");
}

TEST(DiffSymbols, RemovedClassTakesItsMembersWithIt) {
  std::string after = kShapes.substr(kShapes.find("def helper"));
  ChangeSet set = mapOne("shapes.py", "shapes.py", kShapes, after);
  EXPECT_EQ(rows(set), (std::vector<Row>{{"removed", "Shape", "shapes.py"}}));
  EXPECT_EQ(set.symbols[0].oldLines.start, 1u);
  EXPECT_EQ(set.symbols[0].newLines.start, 0u);
}

TEST(DiffSymbols, AFunctionMovedToAnotherFileIsMoved) {
  std::string helper = kShapes.substr(kShapes.find("def helper"));
  std::string shapesAfter = kShapes.substr(0, kShapes.find("\n\ndef helper") + 1);
  std::vector<FileDiff> files{diffOf("shapes.py", "shapes.py", kShapes, shapesAfter),
                              diffOf("", "util.py", "", helper)};
  ChangeSet set =
      mapChangedSymbols(std::move(files), {kShapes, std::nullopt}, {shapesAfter, helper});
  ASSERT_EQ(rows(set), (std::vector<Row>{{"moved", "helper", "util.py"}}));
  EXPECT_EQ(set.symbols[0].oldPath, "shapes.py");
  EXPECT_EQ(set.symbols[0].oldLines.start, 9u);
  EXPECT_EQ(set.symbols[0].newLines.start, 1u);
}

TEST(DiffSymbols, SignatureChangesAreKept) {
  std::string after = kShapes;
  after.replace(after.find("def helper(values)"), 18, "def helper(values, scale)");
  ChangeSet set = mapOne("shapes.py", "shapes.py", kShapes, after);
  ASSERT_EQ(rows(set), (std::vector<Row>{{"modified", "helper", "shapes.py"}}));
  EXPECT_EQ(set.symbols[0].oldSignature, "def helper(values)");
  EXPECT_EQ(set.symbols[0].signature, "def helper(values, scale)");
}

TEST(DiffSymbols, ChangesOutsideDefinitionsAreCounted) {
  std::string after = "import os\n" + kShapes;
  ChangeSet set = mapOne("shapes.py", "shapes.py", kShapes, after);
  EXPECT_TRUE(set.symbols.empty());
  EXPECT_EQ(set.files[0].outsideLines, 1);
}

TEST(DiffSymbols, TextFilesAreNotMapped) {
  ChangeSet set = mapOne("notes.txt", "notes.txt", "one\ntwo\n", "one\nthree\n");
  EXPECT_TRUE(set.symbols.empty());
  EXPECT_FALSE(set.files[0].symbolsMapped);
}

}  // namespace
}  // namespace gloss::commands::diff
