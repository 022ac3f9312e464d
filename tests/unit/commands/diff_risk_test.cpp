// Risk notes: public-API conventions per language, test paths, and new dependencies found in
// manifest hunks (a version bump is not a new dependency; lines outside dependency sections are
// ignored).
#include <gtest/gtest.h>

#include "commands/diff/RiskNotes.h"

namespace gloss::commands::diff {
namespace {

FileChange manifest(const std::string& path, const std::string& hunk) {
  FileChange file;
  file.diff.oldPath = file.diff.newPath = path;
  DiffHunk h;
  h.text = hunk;
  file.diff.hunks.push_back(h);
  return file;
}

std::vector<std::string> dependencies(const FileChange& file) {
  ChangeSet set;
  set.files.push_back(file);
  std::vector<std::string> names;
  for (const RiskNote& note : findRiskNotes(set))
    if (note.kind == RiskNote::Kind::NewDependency) names.push_back(note.subject);
  return names;
}

TEST(DiffRisk, PublicByLanguageConvention) {
  EXPECT_TRUE(isPublicDefinition("python", "a.py", "Parser.parse", "def parse(self):"));
  EXPECT_TRUE(isPublicDefinition("python", "a.py", "Parser.__init__", "def __init__(self):"));
  EXPECT_FALSE(isPublicDefinition("python", "a.py", "_Parser.parse", "def parse(self):"));
  EXPECT_FALSE(isPublicDefinition("python", "a.py", "helper._inner", "def _inner():"));
  EXPECT_TRUE(isPublicDefinition("go", "s.go", "Server.Start", "func (s *Server) Start()"));
  EXPECT_FALSE(isPublicDefinition("go", "s.go", "formatAddress", "func formatAddress()"));
  EXPECT_TRUE(isPublicDefinition("cpp", "geo/shape.hpp", "geo::area", "double area();"));
  EXPECT_FALSE(isPublicDefinition("cpp", "geo/shape.cpp", "geo::area", "double area() {"));
  EXPECT_TRUE(isPublicDefinition("rust", "lib.rs", "parse", "pub fn parse()"));
  EXPECT_TRUE(isPublicDefinition("typescript", "a.ts", "load", "export function load()"));
  EXPECT_FALSE(isPublicDefinition("java", "A.java", "A.x", "private void x()"));
}

TEST(DiffRisk, TestPaths) {
  for (const char* path : {"tests/test_calc.py", "pkg/calc_test.go", "src/CalcTest.java",
                           "web/app.test.ts", "lib/__tests__/x.js", "calc_test.cpp"})
    EXPECT_TRUE(isTestPath(path)) << path;
  for (const char* path : {"calc.py", "src/contest.py", "latest/main.go"})
    EXPECT_FALSE(isTestPath(path)) << path;
}

TEST(DiffRisk, NewDependenciesPerManifest) {
  EXPECT_EQ(dependencies(manifest("requirements.txt",
                                  "@@ -1,2 +1,3 @@\n requests==2.31.0\n-flask==2.0\n+flask==3.0\n"
                                  "+numpy>=1.26 ; python_version >= '3.9'\n")),
            std::vector<std::string>{"numpy"});
  EXPECT_EQ(dependencies(manifest("go.mod",
                                  "@@ -3,4 +3,5 @@\n require (\n"
                                  " \tgithub.com/a/b v1.0.0\n+\tgolang.org/x/sync v0.6.0\n"
                                  " )\n")),
            std::vector<std::string>{"golang.org/x/sync"});
  EXPECT_EQ(
      dependencies(manifest("web/package.json",
                            "@@ -2,6 +2,8 @@\n   \"scripts\": {\n+    \"lint\": \"eslint .\",\n"
                            "   },\n   \"dependencies\": {\n+    \"left-pad\": \"^1.3.0\",\n"
                            "     \"react\": \"^18.0.0\"\n")),
      std::vector<std::string>{"left-pad"});
  EXPECT_EQ(dependencies(manifest("Cargo.toml",
                                  "@@ -5,3 +5,4 @@\n [dependencies]\n"
                                  " serde = \"1\"\n+tokio = { version = \"1\" }\n")),
            std::vector<std::string>{"tokio"});
  EXPECT_EQ(dependencies(manifest("CMakeLists.txt",
                                  "@@ -1,2 +1,3 @@\n find_package(Threads)\n"
                                  "+find_package(ZLIB REQUIRED)\n")),
            std::vector<std::string>{"ZLIB"});
  EXPECT_TRUE(dependencies(manifest("README.md", "@@ -1 +1,2 @@\n x\n+requests\n")).empty());
}

TEST(DiffRisk, RemovedPublicAndTestDefinitions) {
  ChangeSet set;
  FileChange deleted;
  deleted.diff.oldPath = "tests/test_old.py";
  deleted.diff.status = FileStatus::Deleted;
  set.files.push_back(deleted);
  SymbolChange api;
  api.change = ChangeKind::Removed;
  api.qualifiedName = "load";
  api.path = "pkg/io.py";
  api.isPublic = true;
  SymbolChange sig = api;
  sig.change = ChangeKind::Modified;
  sig.qualifiedName = "save";
  sig.oldSignature = "def save(path)";
  SymbolChange body = sig;
  body.qualifiedName = "close";
  body.oldSignature.clear();  // same signature: the body alone changed
  SymbolChange test;
  test.change = ChangeKind::Removed;
  test.qualifiedName = "test_load";
  test.path = "tests/test_io.py";
  set.symbols = {api, sig, body, test};
  std::vector<std::string> notes;
  for (const RiskNote& n : findRiskNotes(set))
    notes.push_back(std::string(toString(n.kind)) + " " + n.subject + ": " + n.detail);
  EXPECT_EQ(notes, (std::vector<std::string>{
                       "publicApi load: removed",
                       "publicApi save: signature changed (was: def save(path))",
                       "deletedTest tests/test_old.py: test file deleted",
                       "deletedTest test_load: test removed",
                   }));
}

}  // namespace
}  // namespace gloss::commands::diff
