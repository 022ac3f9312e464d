// The trigram prefilter over a real index.db: what it extracts, that candidates never miss a
// file with a real match (checked against the matcher on random trees), and staleness.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <set>

#include "indexer/WorkspaceIndexer.h"
#include "indexer/grep/LineSearcher.h"
#include "indexer/grep/TrigramIndex.h"
#include "indexer/grep/Trigrams.h"

namespace gloss::indexer {
namespace {

Trigram tri(const char* s) {
  return (Trigram(s[0]) << 14) | (Trigram(s[1]) << 7) | Trigram(s[2]);
}

TEST(Trigrams, CollectorFoldsCaseAndSkipsNonAsciiAndLineBreaks) {
  TrigramCollector collector;
  auto trigrams = collector.collect("AbC\nxé yz");
  EXPECT_EQ(trigrams, (std::vector<Trigram>{tri(" yz"), tri("abc")}));
  // The collector is reused: earlier text leaves nothing behind.
  EXPECT_EQ(collector.collect("ab"), std::vector<Trigram>{});
  // KELVIN SIGN and LONG S fold to ASCII under case-insensitive matching, so they count as such.
  auto folded = collector.collect(
      "\xE2\x84\xAA"
      "ey \xC5\xBF"
      "et");
  EXPECT_NE(std::find(folded.begin(), folded.end(), tri("key")), folded.end());
  EXPECT_NE(std::find(folded.begin(), folded.end(), tri("set")), folded.end());
}

TEST(Trigrams, LiteralTrigramsComeFromAsciiRuns) {
  EXPECT_EQ(literalTrigrams("abcd"), (std::vector<Trigram>{tri("abc"), tri("bcd")}));
  EXPECT_TRUE(literalTrigrams("ab\xC3\xA9"
                              "cd")
                  .empty());
}

TEST(Trigrams, PostingsRoundTrip) {
  std::string bytes;
  std::uint32_t last = 0;
  std::vector<std::uint32_t> ids = {1, 2, 130, 20000, 3000000};
  for (auto id : ids) {
    appendPosting(bytes, id - last);
    last = id;
  }
  std::vector<std::uint32_t> decoded;
  decodePostings(bytes, decoded);
  EXPECT_EQ(decoded, ids);
}

class TrigramIndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (std::filesystem::temp_directory_path() / "gloss-tri-XXXXXX").string();
    root = mkdtemp(pattern.data());
    auto opened = IndexStore::open(root + ".db");
    ASSERT_TRUE(opened.ok());
    store = std::make_unique<IndexStore>(std::move(*opened));
  }
  void TearDown() override {
    store.reset();
    std::filesystem::remove_all(root);
    for (const char* suffix : {".db", ".db-wal", ".db-shm"}) std::filesystem::remove(root + suffix);
  }
  void write(const std::string& name, const std::string& text) {
    std::filesystem::create_directories(std::filesystem::path(root + "/" + name).parent_path());
    std::ofstream(root + "/" + name, std::ios::binary) << text;
  }
  void indexAndBuild() {
    WorkspaceIndexer indexer(*store, {root}, IndexerOptions{});
    ASSERT_TRUE(indexer.update().errors.empty());
    auto built = rebuildTrigramIndex(store->database(), 2, nullptr);
    ASSERT_TRUE(built.ok());
  }
  std::set<std::string> candidates(PatternOptions options, bool* filtered = nullptr) {
    auto matcher = GrepMatcher::compile(options);
    EXPECT_TRUE(matcher.ok());
    auto found = trigramCandidates(store->database(), *matcher);
    EXPECT_TRUE(found.ok());
    if (filtered) *filtered = found->filtered;
    std::set<std::string> names;
    for (const auto& path : found->paths) names.insert(path.substr(root.size() + 1));
    return names;
  }

  std::string root;
  std::unique_ptr<IndexStore> store;
};

TEST_F(TrigramIndexTest, CandidatesFollowTheRegexStructure) {
  write("lock.c", "spin_lock_irqsave(&l, flags);\n");
  write("unlock.c", "spin_unlock_irqsave(&l, flags);\n");
  write("other.c", "int main(void) { return 0; }\n");
  write("upper.c", "SPIN_LOCK_IRQSAVE\n");
  indexAndBuild();
  auto state = trigramIndexState(store->database());
  ASSERT_TRUE(state.ok());
  EXPECT_TRUE(state->built);
  EXPECT_EQ(state->stale, 0);

  bool filtered = false;
  EXPECT_EQ(
      candidates({"spin_(lock|unlock)_irqsave", false, CaseMode::Sensitive, false}, &filtered),
      (std::set<std::string>{"lock.c", "unlock.c", "upper.c"}));  // case folded: a superset
  EXPECT_TRUE(filtered);
  EXPECT_EQ(candidates({"return 0", true, CaseMode::Sensitive, false}),
            (std::set<std::string>{"other.c"}));
  EXPECT_TRUE(candidates({"absent_identifier", false, CaseMode::Sensitive, false}).empty());
  // No literal of three characters: nothing to filter on.
  candidates({"\\w+\\s*=\\s*\\w+", false, CaseMode::Sensitive, false}, &filtered);
  EXPECT_FALSE(filtered);
}

TEST_F(TrigramIndexTest, FilesWrittenAfterTheBuildAreAlwaysCandidates) {
  write("a.txt", "alpha\n");
  write("b.txt", "beta\n");
  indexAndBuild();
  write("b.txt", "now holds alpha too\n");
  WorkspaceIndexer indexer(*store, {root}, IndexerOptions{});
  ASSERT_TRUE(indexer.updateFile(root + "/b.txt").ok());
  EXPECT_EQ(candidates({"alpha", false, CaseMode::Sensitive, false}),
            (std::set<std::string>{"a.txt", "b.txt"}));
  auto state = trigramIndexState(store->database());
  EXPECT_EQ(state->stale, 1);
  // A deleted file drops out of both lists.
  std::filesystem::remove(root + "/a.txt");
  ASSERT_TRUE(indexer.updateFile(root + "/a.txt").ok());
  EXPECT_EQ(candidates({"alpha", false, CaseMode::Sensitive, false}),
            (std::set<std::string>{"b.txt"}));
}

TEST_F(TrigramIndexTest, KelvinSignStillMatchesCaseInsensitiveK) {
  write("kelvin.txt",
        "273 \xE2\x84\xAA"
        "elvin\n");
  indexAndBuild();
  EXPECT_EQ(candidates({"kelvin", false, CaseMode::Insensitive, false}),
            (std::set<std::string>{"kelvin.txt"}));
}

// Random files and patterns: every file in which the matcher finds a match must be a candidate.
TEST_F(TrigramIndexTest, NeverDropsAFileWithARealMatch) {
  const std::vector<std::string> words = {"alpha",        "Beta", "gamma_x", "DELTA", "eps",
                                          "zeta9",        "ab",   "ba",      "é",     "ß",
                                          "\xE2\x84\xAA", "\t",   "()"};
  std::mt19937 rng(12345);
  std::map<std::string, std::string> files;
  for (int f = 0; f < 60; ++f) {
    std::string text;
    int count = static_cast<int>(rng() % 40);
    for (int w = 0; w < count; ++w) {
      text += words[rng() % words.size()];
      text += (rng() % 5 == 0) ? "\n" : " ";
    }
    std::string name = "f" + std::to_string(f) + ".txt";
    write(name, text);
    files[name] = text;
  }
  indexAndBuild();
  const std::vector<std::string> patterns = {
      "alpha",    "beta|delta", "gam+a_x", "zeta[0-9]",    "(eps|ab)a", "al.ha",          "^beta",
      "delta$",   "a(b|c)?a",   "ka",      "kelvin|alpha", "x?eps\\b",  "\\(\\)",         "lph",
      "[a-z]{5}", "ta ga",      "é",       "BETA gamma_x", "a.*z",      "eps( |\\t)+zeta"};
  for (const auto& pattern : patterns) {
    for (CaseMode mode : {CaseMode::Sensitive, CaseMode::Insensitive}) {
      PatternOptions options{pattern, false, mode, false};
      auto matcher = GrepMatcher::compile(options);
      ASSERT_TRUE(matcher.ok()) << pattern;
      auto admitted = candidates(options);
      for (const auto& [name, text] : files) {
        std::vector<GrepLine> lines;
        searchLines(*matcher, text, {}, lines);
        if (!lines.empty()) {
          EXPECT_TRUE(admitted.count(name)) << pattern << " dropped " << name;
        }
      }
    }
  }
}

}  // namespace
}  // namespace gloss::indexer
