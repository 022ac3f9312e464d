#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <stdexcept>

#include "indexer/WorkspaceWalker.h"

namespace gloss::indexer {
namespace {

namespace fs = std::filesystem;

// A scratch directory tree, removed when the test ends.
class TempTree {
 public:
  TempTree() {
    std::random_device random;
    root_ = fs::temp_directory_path() /
            ("gloss-walker-" + std::to_string(::getpid()) + "-" + std::to_string(random()));
    fs::create_directories(root_);
    root_ = fs::canonical(root_);
  }
  ~TempTree() {
    std::error_code error;
    fs::remove_all(root_, error);
  }
  TempTree(const TempTree&) = delete;
  TempTree& operator=(const TempTree&) = delete;

  const fs::path& root() const { return root_; }
  std::string path(const std::string& relative) const { return (root_ / relative).string(); }

  void file(const std::string& relative, std::string_view content = "x") const {
    const fs::path target = root_ / relative;
    fs::create_directories(target.parent_path());
    std::ofstream(target, std::ios::binary) << content;
  }
  void dir(const std::string& relative) const { fs::create_directories(root_ / relative); }
  void link(const std::string& target, const std::string& relative) const {
    fs::create_directories((root_ / relative).parent_path());
    fs::create_symlink(target, root_ / relative);
  }
  std::string git(const std::string& arguments) const {
    const std::string command = "cd '" + root_.string() +
                                "' && GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null git -c "
                                "core.excludesFile=/dev/null " +
                                arguments + " 2>/dev/null";
    std::string output;
    FILE* pipe = ::popen(command.c_str(), "r");
    if (pipe == nullptr) return output;
    char buffer[4096];
    for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;)
      output.append(buffer, n);
    ::pclose(pipe);
    return output;
  }
  // What git itself would track here: `git ls-files -co --exclude-standard`, sorted.
  std::vector<std::string> gitFiles() const {
    const std::string output = git("ls-files -co --exclude-standard -z");
    std::vector<std::string> files;
    for (std::size_t start = 0, end; (end = output.find('\0', start)) != std::string::npos;
         start = end + 1) {
      files.push_back(output.substr(start, end - start));
    }
    std::sort(files.begin(), files.end());
    return files;
  }

 private:
  fs::path root_;
};

std::vector<std::string> walkedPaths(const WorkspaceWalker& walker, WalkResult* result = nullptr) {
  std::vector<std::string> paths;
  for (const FileEntry& entry : walker.collectSorted(result)) paths.push_back(entry.relativePath);
  return paths;
}

std::vector<std::string> walkedPaths(const TempTree& tree, WalkOptions options = {},
                                     WalkResult* result = nullptr) {
  return walkedPaths(WorkspaceWalker({tree.root().string()}, std::move(options)), result);
}

using Paths = std::vector<std::string>;

TEST(WalkerTest, ListsFilesWithMetadata) {
  TempTree tree;
  tree.file("b.txt", "hello");
  tree.file("a/c.cpp", "int x;");
  WalkResult result;
  const auto files = WorkspaceWalker({tree.root().string()}).collectSorted(&result);
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(files[0].relativePath, "a/c.cpp");
  EXPECT_EQ(files[0].absolutePath, tree.path("a/c.cpp"));
  EXPECT_EQ(files[0].size, 6u);
  EXPECT_EQ(files[1].relativePath, "b.txt");
  EXPECT_EQ(files[1].size, 5u);
  EXPECT_GT(files[1].mtimeNs, 1'000'000'000'000'000'000LL);  // after 2001
  EXPECT_EQ(files[1].rootIndex, 0u);
  EXPECT_EQ(result.stats.files, 2u);
  EXPECT_EQ(result.stats.directories, 2u);
  EXPECT_TRUE(result.warnings.empty());
}

TEST(WalkerTest, NestedGitignoresCombineDeeperFirst) {
  TempTree tree;
  tree.file(".gitignore", "*.log\n");
  tree.file("sub/.gitignore", "!keep.log\n*.txt\n");
  tree.file("sub/deeper/.gitignore", "!notes.txt\n");
  for (const char* path : {"a.log", "a.txt", "sub/keep.log", "sub/other.log", "sub/b.txt",
                           "sub/deeper/notes.txt", "sub/deeper/c.txt", "sub/deeper/keep.log"}) {
    tree.file(path);
  }
  WalkResult result;
  EXPECT_EQ(walkedPaths(tree, {}, &result),
            (Paths{"a.txt", "sub/deeper/keep.log", "sub/deeper/notes.txt", "sub/keep.log"}));
  EXPECT_EQ(result.stats.ignored, 4u);
  EXPECT_EQ(result.stats.hidden, 3u);  // the .gitignore files themselves
}

TEST(WalkerTest, NegationCannotReincludeInsideAnExcludedDirectory) {
  TempTree tree;
  tree.file(".gitignore", "build/\n!build/keep.txt\nlogs/*\n!logs/keep.txt\n");
  tree.file("build/keep.txt");
  tree.file("logs/keep.txt");
  tree.file("logs/drop.txt");
  EXPECT_EQ(walkedPaths(tree), (Paths{"logs/keep.txt"}));
}

TEST(WalkerTest, DirectoryOnlyRulesSpareFiles) {
  TempTree tree;
  tree.file(".gitignore", "cache/\n");
  tree.file("cache/data.bin");
  tree.file("src/cache");
  EXPECT_EQ(walkedPaths(tree), (Paths{"src/cache"}));
}

TEST(WalkerTest, AnchoredAndUnanchoredPatterns) {
  TempTree tree;
  tree.file(".gitignore", "/top.txt\ntmp\ndocs/*.md\n");
  for (const char* path : {"top.txt", "sub/top.txt", "tmp", "sub/tmp/x", "docs/a.md",
                           "docs/deep/b.md", "sub/docs/c.md"}) {
    tree.file(path);
  }
  EXPECT_EQ(walkedPaths(tree), (Paths{"docs/deep/b.md", "sub/docs/c.md", "sub/top.txt"}));
}

TEST(WalkerTest, DoubleStarPatterns) {
  TempTree tree;
  tree.file(".gitignore", "**/gen/\nout/**\nsrc/**/*.tmp\n");
  for (const char* path : {"gen/a", "x/y/gen/b", "out/c", "out/d/e", "src/f.tmp", "src/g/h/i.tmp",
                           "lib/j.tmp", "src/k.c", "general/l"}) {
    tree.file(path);
  }
  EXPECT_EQ(walkedPaths(tree), (Paths{"general/l", "lib/j.tmp", "src/k.c"}));
}

TEST(WalkerTest, LastMatchingRuleWins) {
  TempTree tree;
  tree.file(".gitignore", "*.dat\n!*.dat\nb.dat\n");
  tree.file("a.dat");
  tree.file("b.dat");
  EXPECT_EQ(walkedPaths(tree), (Paths{"a.dat"}));
}

TEST(WalkerTest, DotIgnoreAndGitInfoExclude) {
  TempTree tree;
  tree.dir(".git/info");
  tree.file(".git/info/exclude", "secret.txt\nlocal/\nmaybe.txt\n");
  tree.file(".gitignore", "!maybe.txt\n!vendor.txt\n");
  tree.file(".ignore", "vendor.txt\n");
  for (const char* path : {"secret.txt", "local/x", "maybe.txt", "vendor.txt", "kept.txt"}) {
    tree.file(path);
  }
  EXPECT_EQ(walkedPaths(tree), (Paths{"kept.txt", "maybe.txt"}));
}

TEST(WalkerTest, SettingsExcludesApplyLast) {
  TempTree tree;
  tree.file(".gitignore", "!important.min.js\n");
  for (const char* path :
       {"node_modules/x.js", "app/node_modules/y.js", "a.min.js", "important.min.js", "main.js"}) {
    tree.file(path);
  }
  WalkOptions options;
  options.excludeGlobs = {"node_modules/", "*.min.js"};
  EXPECT_EQ(walkedPaths(tree, options), (Paths{"important.min.js", "main.js"}));
}

TEST(WalkerTest, HiddenEntriesSkippedButIgnoreFilesStillRead) {
  TempTree tree;
  tree.file(".gitignore", "*.bak\n");
  tree.file(".env");
  tree.file(".config/settings.json");
  tree.file("a.bak");
  tree.file("visible.txt");
  WalkResult result;
  EXPECT_EQ(walkedPaths(tree, {}, &result), (Paths{"visible.txt"}));
  EXPECT_EQ(result.stats.hidden, 3u);
  WalkOptions options;
  options.includeHidden = true;
  EXPECT_EQ(walkedPaths(tree, options),
            (Paths{".config/settings.json", ".env", ".gitignore", "visible.txt"}));
}

TEST(WalkerTest, GitDirectoryAlwaysSkipped) {
  TempTree tree;
  tree.file(".git/config", "[core]\n");
  tree.file("sub/.git", "gitdir: ../.git\n");
  tree.file("sub/code.c");
  WalkOptions options;
  options.includeHidden = true;
  EXPECT_EQ(walkedPaths(tree, options), (Paths{"sub/code.c"}));
}

TEST(WalkerTest, FilesOverTheSizeLimitAreSkippedAndCounted) {
  TempTree tree;
  tree.file("small.txt", std::string(100, 'a'));
  tree.file("exact.txt", std::string(200, 'b'));
  tree.file("big.txt", std::string(201, 'c'));
  WalkOptions options;
  options.maxFileSize = 200;
  WalkResult result;
  EXPECT_EQ(walkedPaths(tree, options, &result), (Paths{"exact.txt", "small.txt"}));
  EXPECT_EQ(result.stats.tooLarge, 1u);
}

TEST(WalkerTest, DefaultSizeLimitIsOneMebibyte) {
  TempTree tree;
  tree.file("limit.bin", std::string(1024 * 1024, 'a'));
  tree.file("over.bin", std::string(1024 * 1024 + 1, 'a'));
  EXPECT_EQ(walkedPaths(tree), (Paths{"limit.bin"}));
}

TEST(WalkerTest, SymlinksOutsideTheRootAreSkipped) {
  TempTree outside;
  outside.file("elsewhere.txt");
  outside.file("dir/inner.txt");
  TempTree tree;
  tree.file("real.txt");
  tree.link(outside.path("elsewhere.txt"), "to-file");
  tree.link(outside.path("dir"), "to-dir");
  tree.link("missing-target", "broken");
  WalkResult result;
  EXPECT_EQ(walkedPaths(tree, {}, &result), (Paths{"real.txt"}));
  EXPECT_EQ(result.stats.symlinksOutsideRoot, 2u);
  EXPECT_EQ(result.stats.brokenSymlinks, 1u);
}

TEST(WalkerTest, SymlinksInsideTheRootAreFollowed) {
  TempTree tree;
  tree.file("src/lib/util.c", "abc");
  tree.link("src/lib", "alias");
  tree.link("../src/lib/util.c", "docs/util-link.c");
  WalkResult result;
  const auto files = WorkspaceWalker({tree.root().string()}).collectSorted(&result);
  Paths paths;
  for (const auto& file : files) paths.push_back(file.relativePath);
  EXPECT_EQ(paths, (Paths{"alias/util.c", "docs/util-link.c", "src/lib/util.c"}));
  EXPECT_EQ(files[1].size, 3u);  // the target's size, not the link's
  EXPECT_EQ(files[0].absolutePath, tree.path("alias/util.c"));

  WalkOptions noFollow;
  noFollow.followSymlinks = false;
  EXPECT_EQ(walkedPaths(tree, noFollow, &result), (Paths{"src/lib/util.c"}));
  EXPECT_EQ(result.stats.symlinksNotFollowed, 2u);
}

TEST(WalkerTest, SymlinkLoopsAreSurvived) {
  TempTree tree;
  tree.file("a/b/file.txt");
  tree.link("..", "a/b/up");       // points at a: an ancestor
  tree.link("../..", "a/b/root");  // points at the root
  tree.link("self", "a/self");     // a link to itself cannot resolve
  WalkResult result;
  EXPECT_EQ(walkedPaths(tree, {}, &result), (Paths{"a/b/file.txt"}));
  EXPECT_EQ(result.stats.symlinkLoops, 2u);
  EXPECT_EQ(result.stats.brokenSymlinks, 1u);
}

TEST(WalkerTest, InvalidPatternIsReportedWithoutBreakingOthers) {
  TempTree tree;
  tree.file(".gitignore", "*.o\n[broken\n*.a\n");
  tree.file("x.o");
  tree.file("y.a");
  tree.file("[broken");
  tree.file("z.c");
  WalkOptions options;
  options.excludeGlobs = {"ok", "bad\\"};
  WalkResult result;
  EXPECT_EQ(walkedPaths(tree, options, &result), (Paths{"[broken", "z.c"}));
  ASSERT_EQ(result.warnings.size(), 2u);
  const auto fileWarning =
      std::find_if(result.warnings.begin(), result.warnings.end(),
                   [&](const WalkWarning& w) { return w.path == tree.path(".gitignore"); });
  ASSERT_NE(fileWarning, result.warnings.end());
  EXPECT_EQ(fileWarning->line, 2u);
}

TEST(WalkerTest, RespectIgnoreFilesOffListsEverything) {
  TempTree tree;
  tree.file(".gitignore", "*\n");
  tree.file("a.txt");
  WalkOptions options;
  options.respectIgnoreFiles = false;
  EXPECT_EQ(walkedPaths(tree, options), (Paths{"a.txt"}));
  EXPECT_EQ(walkedPaths(tree), Paths{});
}

TEST(WalkerTest, MultipleRoots) {
  TempTree first;
  TempTree second;
  first.file("one.txt");
  second.file("two.txt");
  first.link(second.path("two.txt"), "linked.txt");  // inside one of the roots: followed
  WorkspaceWalker walker({first.root().string(), second.root().string()});
  const auto files = walker.collectSorted();
  ASSERT_EQ(files.size(), 3u);
  EXPECT_EQ(files[0].relativePath, "linked.txt");
  EXPECT_EQ(files[1].relativePath, "one.txt");
  EXPECT_EQ(files[2].rootIndex, 1u);
  EXPECT_EQ(files[2].relativePath, "two.txt");
}

TEST(WalkerTest, RootInsideARepositoryUsesTheRepositorysIgnoreFiles) {
  TempTree tree;
  tree.git("init -q");
  tree.file(".gitignore", "/pkg/out/\n*.gen\n");
  tree.file("pkg/.gitignore", "!keep.gen\n");
  for (const char* path : {"pkg/out/a", "pkg/src/out/b", "pkg/x.gen", "pkg/keep.gen"}) {
    tree.file(path);
  }
  WorkspaceWalker walker({tree.path("pkg")});
  EXPECT_EQ(walkedPaths(walker), (Paths{"keep.gen", "src/out/b"}));
  EXPECT_FALSE(walker.checkPath(tree.path("pkg/x.gen")).selected());
}

TEST(WalkerTest, GitignoreStopsAtANestedRepository) {
  TempTree tree;
  tree.file(".gitignore", "*.gen\n");
  tree.file(".ignore", "*.tmp\n");
  tree.file("vendor/lib/.git/HEAD", "ref: refs/heads/main\n");
  tree.file("vendor/lib/a.gen");
  tree.file("vendor/lib/b.tmp");
  tree.file("c.gen");
  EXPECT_EQ(walkedPaths(tree), (Paths{"vendor/lib/a.gen"}));
}

TEST(WalkerTest, ParallelAndSerialWalksAgree) {
  TempTree tree;
  tree.file(".gitignore", "*.o\n");
  for (int d = 0; d < 20; ++d) {
    for (int f = 0; f < 15; ++f) {
      tree.file("d" + std::to_string(d) + "/s" + std::to_string(f % 3) + "/f" + std::to_string(f) +
                (f % 4 == 0 ? ".o" : ".c"));
    }
  }
  WalkOptions serial;
  serial.threads = 1;
  WalkOptions parallel;
  parallel.threads = 4;
  WalkResult serialResult;
  WalkResult parallelResult;
  const Paths expected = walkedPaths(tree, serial, &serialResult);
  EXPECT_EQ(expected.size(), 20u * 11u);
  EXPECT_EQ(walkedPaths(tree, parallel, &parallelResult), expected);
  EXPECT_EQ(parallelResult.stats.ignored, serialResult.stats.ignored);
  EXPECT_EQ(parallelResult.stats.directories, serialResult.stats.directories);
}

TEST(WalkerTest, CallbackExceptionStopsTheWalkAndPropagates) {
  TempTree tree;
  for (int i = 0; i < 50; ++i) tree.file("d" + std::to_string(i % 5) + "/f" + std::to_string(i));
  WalkOptions options;
  options.threads = 3;
  WorkspaceWalker walker({tree.root().string()}, options);
  EXPECT_THROW(walker.walk([](const FileEntry&) { throw std::runtime_error("stop"); }),
               std::runtime_error);
}

TEST(WalkerTest, CancelledWalkReportsIt) {
  TempTree tree;
  tree.file("a/b.txt");
  std::atomic<bool> cancel{true};
  WalkOptions options;
  options.cancel = &cancel;
  WalkResult result;
  EXPECT_EQ(walkedPaths(tree, options, &result), Paths{});
  EXPECT_TRUE(result.cancelled);
}

TEST(WalkerTest, MissingRootIsAWarning) {
  WalkResult result;
  EXPECT_EQ(walkedPaths(WorkspaceWalker({"/nonexistent/gloss/root"}), &result), Paths{});
  ASSERT_EQ(result.warnings.size(), 1u);
  EXPECT_EQ(result.warnings[0].path, "/nonexistent/gloss/root");
  EXPECT_EQ(result.stats.unreadable, 1u);
}

TEST(WalkerTest, LooksBinaryChecksForNulInTheFirstBlock) {
  EXPECT_FALSE(looksBinary("plain text\n"));
  EXPECT_TRUE(looksBinary(std::string_view("ab\0cd", 5)));
  std::string late(9000, 'a');
  late[8500] = '\0';
  EXPECT_FALSE(looksBinary(late));
  late[100] = '\0';
  EXPECT_TRUE(looksBinary(late));
}

// A tree with a bit of everything, to check that checkPath agrees with the walk on every path.
void buildTrickyTree(const TempTree& tree) {
  tree.git("init -q");
  tree.file(".git/info/exclude", "excluded.txt\n");
  tree.file(".gitignore", "*.log\nbuild/\n/anchored.txt\n!keep.log\n**/gen/**\n");
  tree.file("src/.gitignore", "*.tmp\n!important.tmp\n");
  tree.file("src/.ignore", "private/\n");
  for (const char* path :
       {"a.log", "keep.log", "anchored.txt", "excluded.txt", "main.c", "build/out.o", "src/build/x",
        "src/anchored.txt", "src/x.tmp", "src/important.tmp", "src/private/key", "src/gen/g.c",
        "src/lib/l.c", "src/lib/gen/deep/z.c", ".hidden/h.txt", "big.bin"}) {
    tree.file(path, std::string_view(path) == "big.bin" ? std::string(5000, 'x') : "x");
  }
  tree.link("src/lib", "lib-alias");
  tree.link("/", "to-root");
  tree.link("..", "src/up");
}

TEST(WalkerTest, CheckPathAgreesWithTheWalkOnEveryPath) {
  TempTree tree;
  buildTrickyTree(tree);
  WalkOptions options;
  options.maxFileSize = 4096;
  options.excludeGlobs = {"*.c~"};
  WorkspaceWalker walker({tree.root().string()}, options);
  const Paths walked = walkedPaths(walker);
  EXPECT_NE(std::find(walked.begin(), walked.end(), "lib-alias/l.c"), walked.end());
  EXPECT_NE(std::find(walked.begin(), walked.end(), "src/important.tmp"), walked.end());

  std::set<std::string> candidates(walked.begin(), walked.end());
  for (const auto& entry : fs::recursive_directory_iterator(tree.root())) {
    candidates.insert(fs::relative(entry.path(), tree.root()).string());
  }
  candidates.insert("lib-alias/gen/deep/z.c");
  candidates.insert("src/up/main.c");
  std::size_t selectedFiles = 0;
  for (const std::string& path : candidates) {
    const PathSelection selection = walker.checkPath(tree.path(path));
    const bool inWalk = std::binary_search(walked.begin(), walked.end(), path);
    const bool isSelectedFile = selection.verdict == PathSelection::Verdict::File;
    EXPECT_EQ(isSelectedFile, inWalk) << path;
    selectedFiles += isSelectedFile;
    if (isSelectedFile) {
      EXPECT_EQ(selection.entry.relativePath, path);
    }
  }
  EXPECT_EQ(selectedFiles, walked.size());
}

TEST(WalkerTest, CheckPathExplainsItsAnswer) {
  TempTree tree;
  buildTrickyTree(tree);
  WalkOptions options;
  options.maxFileSize = 4096;
  WorkspaceWalker walker({tree.root().string()}, options);
  using Verdict = PathSelection::Verdict;
  const auto check = [&](const std::string& path) { return walker.checkPath(tree.path(path)); };
  EXPECT_EQ(check("main.c").verdict, Verdict::File);
  EXPECT_EQ(check("main.c").entry.size, 1u);
  EXPECT_EQ(check("src/lib").verdict, Verdict::Directory);
  EXPECT_EQ(check("").verdict, Verdict::Directory);
  EXPECT_EQ(check("build/out.o").reason, SkipReason::Ignored);
  EXPECT_EQ(check("src/private/key").reason, SkipReason::Ignored);
  EXPECT_EQ(check(".hidden/h.txt").reason, SkipReason::Hidden);
  EXPECT_EQ(check(".git/config").reason, SkipReason::GitDirectory);
  EXPECT_EQ(check("big.bin").reason, SkipReason::TooLarge);
  EXPECT_EQ(check("to-root").reason, SkipReason::SymlinkOutsideRoot);
  EXPECT_EQ(check("src/up").reason, SkipReason::SymlinkLoop);
  EXPECT_EQ(check("no/such/file").reason, SkipReason::Missing);
  EXPECT_EQ(check("main.c/child").reason, SkipReason::Missing);
  EXPECT_EQ(walker.checkPath("/definitely/not/a/root").verdict, Verdict::OutsideRoots);
  EXPECT_EQ(walker.checkPath(tree.path("src/../main.c")).verdict, Verdict::File);
}

// Parity with git on a fixed tree of tricky rules: `git ls-files -co --exclude-standard`.
TEST(WalkerTest, MatchesGitOnTrickyRules) {
  TempTree tree;
  tree.git("init -q");
  tree.file(".git/info/exclude", "from-exclude.txt\n");
  tree.file(".gitignore",
            "# comment\n*.log\n!keep.log\nbuild/\n/top.txt\ndocs/*.md\n!docs/README.md\n"
            "**/gen/**\nfoo/**/bar.txt\n\\#hash.txt\n\\!bang.txt\ntrail.txt   \nspace\\ \n"
            "nested/*\n!nested/keep/\ndata[0-9].csv\nfile?.tmp\n[!a]x.dat\n*.[oa]\n"
            "deep/**/\n[bad\nend\\\n");
  tree.file("sub/.gitignore", "!*.log\n/local.txt\n*.dat\n");
  tree.file("sub/inner/.gitignore", "!ax.dat\n!bx.dat\n");
  for (const char* path : {"a.log",
                           "keep.log",
                           "build/x",
                           "src/build/y",
                           "top.txt",
                           "sub/top.txt",
                           "docs/a.md",
                           "docs/README.md",
                           "docs/sub/b.md",
                           "gen/a",
                           "x/gen/b/c",
                           "generic",
                           "foo/bar.txt",
                           "foo/a/b/bar.txt",
                           "bar.txt",
                           "#hash.txt",
                           "!bang.txt",
                           "trail.txt",
                           "space ",
                           "space",
                           "nested/drop.txt",
                           "nested/keep/k.txt",
                           "nested/other/o.txt",
                           "data1.csv",
                           "dataX.csv",
                           "file1.tmp",
                           "file12.tmp",
                           "ax.dat",
                           "bx.dat",
                           "m.o",
                           "m.a",
                           "m.c",
                           "deep/file",
                           "deep/dir/file",
                           "from-exclude.txt",
                           "sub/x.log",
                           "sub/local.txt",
                           "sub/deeper/local.txt",
                           "sub/inner/ax.dat",
                           "sub/inner/bx.dat",
                           "sub/inner/cx.dat",
                           "[bad",
                           "end\\",
                           "end"}) {
    tree.file(path);
  }
  WalkOptions options;
  options.includeHidden = true;
  const Paths expected = tree.gitFiles();
  ASSERT_GT(expected.size(), 10u);
  EXPECT_EQ(walkedPaths(tree, options), expected);
}

// Random trees and random rules, each compared with git.
TEST(WalkerTest, MatchesGitOnRandomTrees) {
  const std::vector<std::string> names = {"a",     "b",     "ab",  "ba",  "x.c", "y.log",
                                          "z.txt", "build", "gen", "doc", "Ab",  "a.b"};
  const std::vector<std::string> segments = {"a",    "b",     "*",   "?",     "a*", "*b",
                                             "[ab]", "[!a]*", "*.c", "*.log", "**", "build",
                                             "gen",  "doc",   "x.*", "?b",    "A*", "a.b"};
  for (unsigned seed = 1; seed <= 30; ++seed) {
    std::mt19937 random(seed);
    const auto pick = [&](const std::vector<std::string>& from) {
      return from[random() % from.size()];
    };
    const auto chance = [&](unsigned percent) { return random() % 100 < percent; };
    const auto randomPattern = [&] {
      std::string pattern = chance(30) ? "!" : "";
      if (chance(20)) pattern += "/";
      const unsigned parts = 1 + random() % 3;
      for (unsigned i = 0; i < parts; ++i) pattern += (i ? "/" : "") + pick(segments);
      if (chance(20)) pattern += "/";
      return pattern;
    };
    const auto ruleFile = [&](unsigned count) {
      std::string text;
      for (unsigned i = 0; i < count; ++i) text += randomPattern() + "\n";
      return text;
    };
    TempTree tree;
    tree.git("init -q");
    tree.file(".git/info/exclude", ruleFile(random() % 3));
    tree.file(".gitignore", ruleFile(3 + random() % 4));
    std::vector<std::string> directories = {""};
    for (std::size_t i = 0; i < directories.size() && directories.size() < 16; ++i) {
      std::set<std::string> used;
      const std::string prefix = directories[i].empty() ? "" : directories[i] + "/";
      for (unsigned n = 2 + random() % 4; n > 0; --n) {
        if (const std::string name = pick(names); used.insert(name).second)
          tree.file(prefix + name);
      }
      const unsigned depth = std::count(prefix.begin(), prefix.end(), '/');
      for (unsigned n = depth < 3 ? random() % 3 : 0; n > 0; --n) {
        if (const std::string name = pick(names); used.insert(name).second) {
          directories.push_back(prefix + name);
          tree.dir(prefix + name);
          if (chance(40)) tree.file(prefix + name + "/.gitignore", ruleFile(1 + random() % 3));
        }
      }
    }
    WalkOptions options;
    options.includeHidden = true;
    const Paths expected = tree.gitFiles();
    const Paths actual = walkedPaths(tree, options);
    if (actual != expected) {
      std::string rules;
      for (const auto& entry : fs::recursive_directory_iterator(tree.root())) {
        const std::string name = entry.path().filename().string();
        if (name != ".gitignore" && name != "exclude") continue;
        std::ifstream in(entry.path());
        rules +=
            entry.path().string() + ":\n" + std::string(std::istreambuf_iterator<char>(in), {});
      }
      ADD_FAILURE() << "seed " << seed << " differs from git; rules:\n" << rules;
      EXPECT_EQ(actual, expected);
      return;
    }
  }
}

// Walks the roots in GLOSS_WALK_BENCH_DIRS (':'-separated) five times and prints the times; run
// with --gtest_also_run_disabled_tests. GLOSS_WALK_BENCH_THREADS overrides the thread count.
TEST(WalkerTest, NormalPathsAreWhatIsUnderCompares) {
  EXPECT_EQ(normalPath("/ws/pkg/"), "/ws/pkg");
  EXPECT_EQ(normalPath("/ws/./pkg/../src"), "/ws/src");
  EXPECT_EQ(normalPath("/"), "/");
  EXPECT_TRUE(isUnder(normalPath("/ws/pkg/"), "/ws"));
  EXPECT_TRUE(isUnder(normalPath("/ws/"), "/ws"));
  EXPECT_FALSE(isUnder(normalPath("/ws/../etc"), "/ws"));
  EXPECT_FALSE(isUnder(normalPath("/wsx"), "/ws"));
}

TEST(WalkerTest, DISABLED_BenchmarkLargeTree) {
  const char* directories = std::getenv("GLOSS_WALK_BENCH_DIRS");
  if (directories == nullptr) GTEST_SKIP() << "set GLOSS_WALK_BENCH_DIRS";
  std::vector<std::string> roots;
  for (std::string_view rest = directories; !rest.empty();) {
    const std::size_t colon = std::min(rest.find(':'), rest.size());
    roots.emplace_back(rest.substr(0, colon));
    rest.remove_prefix(std::min(colon + 1, rest.size()));
  }
  WalkOptions options;
  if (const char* threads = std::getenv("GLOSS_WALK_BENCH_THREADS")) {
    options.threads = static_cast<unsigned>(std::atoi(threads));
  }
  const WorkspaceWalker walker(roots, options);
  for (int run = 0; run < 5; ++run) {
    std::atomic<std::uint64_t> files{0};
    const auto start = std::chrono::steady_clock::now();
    const WalkResult result = walker.walk([&](const FileEntry&) { ++files; });
    const std::chrono::duration<double, std::milli> elapsed =
        std::chrono::steady_clock::now() - start;
    std::printf(
        "run %d: %llu files, %llu dirs, %llu ignored, %llu hidden, %llu too large in %.1f ms\n",
        run, static_cast<unsigned long long>(files.load()),
        static_cast<unsigned long long>(result.stats.directories),
        static_cast<unsigned long long>(result.stats.ignored),
        static_cast<unsigned long long>(result.stats.hidden),
        static_cast<unsigned long long>(result.stats.tooLarge), elapsed.count());
    EXPECT_EQ(files.load(), result.stats.files);
  }
}

}  // namespace
}  // namespace gloss::indexer
