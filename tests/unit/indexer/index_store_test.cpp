#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>

#include "indexer/IndexStore.h"

namespace gloss::indexer {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::UnorderedElementsAre;

struct Piece {
  std::string symbol;  // empty: glue without a symbol
  std::string text;    // whole lines, ending in '\n'
  ChunkKind kind = ChunkKind::Function;
};

// A file whose chunks are the pieces laid end to end; each named piece is also a symbol.
ParsedFile makeFile(std::string path, const std::vector<Piece>& pieces,
                    Language language = Language::Python) {
  ParsedFile file;
  file.record.path = std::move(path);
  file.record.language = language;
  std::uint32_t line = 0;
  for (const Piece& piece : pieces) {
    Chunk chunk;
    chunk.kind = piece.kind;
    chunk.symbol = chunk.qualifiedName = piece.symbol;
    chunk.startByte = static_cast<std::uint32_t>(file.text.size());
    chunk.startLine = line;
    file.text += piece.text;
    line += static_cast<std::uint32_t>(std::count(piece.text.begin(), piece.text.end(), '\n'));
    chunk.endByte = static_cast<std::uint32_t>(file.text.size());
    chunk.endLine = line - 1;
    if (!piece.symbol.empty()) {
      Symbol symbol;
      symbol.name = symbol.qualifiedName = piece.symbol;
      symbol.kind = "function";
      symbol.startByte = chunk.startByte;
      symbol.endByte = chunk.endByte;
      symbol.startLine = symbol.nameLine = chunk.startLine;
      symbol.endLine = chunk.endLine;
      symbol.nameColumn = 4;
      file.symbols.push_back(symbol);
    }
    file.chunks.push_back(chunk);
  }
  file.record.size = static_cast<std::int64_t>(file.text.size());
  file.record.mtimeNs = 1'700'000'000'000'000'000;
  file.record.hash = contentHash(file.text);
  return file;
}

ParsedFile parserFile(std::string path) {
  return makeFile(std::move(path), {{"", "import sys\n"},
                                    {"parseArgs", "def parseArgs(argv):\n    return argv[1:]\n"},
                                    {"main", "def main():\n    parseArgs(sys.argv)\n"}});
}

class IndexStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "gloss-store-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    dbPath_ = (dir_ / "index.db").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  IndexStore openStore(const std::string& path) {
    auto store = IndexStore::open(path);
    EXPECT_TRUE(store.ok()) << (store.ok() ? "" : store.error().message);
    return std::move(store).value();
  }
  static void put(IndexStore& store, const ParsedFile& file) {
    auto status = store.replaceFile(file.record, file.text, file.chunks, file.symbols);
    ASSERT_TRUE(status.ok()) << status.error().message;
  }
  static std::vector<std::string> searchPaths(IndexReader& reader, std::string_view query,
                                              MatchMode mode = MatchMode::Any) {
    auto rows = reader.searchChunks(query, 50, mode);
    EXPECT_TRUE(rows.ok()) << query << ": " << (rows.ok() ? "" : rows.error().message);
    std::vector<std::string> paths;
    if (rows.ok()) {
      for (const ChunkRow& row : *rows) paths.push_back(row.path + ":" + row.chunk.symbol);
    }
    return paths;
  }
  void writeBytes(const std::string& bytes) {
    std::ofstream out(dbPath_, std::ios::binary | std::ios::trunc);
    out << bytes;
  }

  fs::path dir_;
  std::string dbPath_;
};

TEST_F(IndexStoreTest, CreateThenReopenKeepsData) {
  {
    IndexStore store = openStore(dbPath_);
    EXPECT_TRUE(store.openReport().created);
    EXPECT_FALSE(store.openReport().rebuilt);
    put(store, parserFile("src/cli.py"));
  }
  IndexStore store = openStore(dbPath_);
  EXPECT_FALSE(store.openReport().created);
  EXPECT_FALSE(store.openReport().rebuilt);
  auto stamps = store.loadStamps();
  ASSERT_TRUE(stamps.ok());
  ASSERT_EQ(stamps->count("src/cli.py"), 1u);
  ParsedFile file = parserFile("src/cli.py");
  EXPECT_EQ(stamps->at("src/cli.py").hash, file.record.hash);
  EXPECT_EQ(stamps->at("src/cli.py").mtimeNs, file.record.mtimeNs);
  auto chunks = store.chunksOfFile("src/cli.py");
  ASSERT_TRUE(chunks.ok());
  ASSERT_EQ(chunks->size(), 3u);
  EXPECT_EQ((*chunks)[1].chunk.symbol, "parseArgs");
  EXPECT_EQ((*chunks)[1].text, "def parseArgs(argv):\n    return argv[1:]\n");
  EXPECT_EQ((*chunks)[1].chunk.startLine, 1u);
  EXPECT_EQ((*chunks)[1].chunk.endLine, 2u);
}

TEST_F(IndexStoreTest, InMemoryStoreWorksButHasNoReader) {
  IndexStore store = openStore(":memory:");
  put(store, parserFile("a.py"));
  EXPECT_THAT(searchPaths(store, "parseArgs"), ::testing::Contains("a.py:parseArgs"));
  EXPECT_FALSE(store.openReader().ok());
}

TEST_F(IndexStoreTest, OtherSchemaVersionsAreRebuilt) {
  for (int version : {kIndexSchemaVersion - 1, kIndexSchemaVersion + 1}) {
    {
      IndexStore store = openStore(dbPath_);
      put(store, parserFile("a.py"));
    }
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(dbPath_.c_str(), &db), SQLITE_OK);
    std::string pragma = "PRAGMA user_version=" + std::to_string(version);
    ASSERT_EQ(sqlite3_exec(db, pragma.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(db);

    IndexStore store = openStore(dbPath_);
    EXPECT_TRUE(store.openReport().rebuilt);
    EXPECT_THAT(store.openReport().reason, HasSubstr("schema version"));
    EXPECT_TRUE(store.loadStamps()->empty());
  }
}

TEST_F(IndexStoreTest, GarbageFileIsRebuilt) {
  std::mt19937 random(5);
  std::string garbage(64 * 1024, '\0');
  for (char& c : garbage) c = static_cast<char>(random());
  writeBytes(garbage);
  IndexStore store = openStore(dbPath_);
  EXPECT_TRUE(store.openReport().rebuilt);
  EXPECT_FALSE(store.openReport().reason.empty());
  put(store, parserFile("a.py"));
  EXPECT_EQ(searchPaths(store, "main").size(), 1u);
}

TEST_F(IndexStoreTest, TruncatedFilesAreRebuilt) {
  for (double keep : {0.5, 0.01}) {
    {
      IndexStore store = openStore(dbPath_);
      std::vector<ParsedFile> files;
      for (int i = 0; i < 200; ++i) files.push_back(parserFile("f" + std::to_string(i) + ".py"));
      ASSERT_TRUE(store.replaceFiles(files).ok());
    }
    auto size = fs::file_size(dbPath_);
    ASSERT_GT(size, 40'000u);
    fs::resize_file(dbPath_, static_cast<std::uintmax_t>(size * keep));
    IndexStore store = openStore(dbPath_);
    EXPECT_TRUE(store.openReport().rebuilt) << "kept " << keep;
    EXPECT_TRUE(store.loadStamps()->empty());
  }
}

TEST_F(IndexStoreTest, ForeignDatabaseIsRebuilt) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(dbPath_.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "CREATE TABLE notes(x)", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  IndexStore store = openStore(dbPath_);
  EXPECT_TRUE(store.openReport().rebuilt);
  EXPECT_THAT(store.openReport().reason, HasSubstr("not a gloss index"));
}

TEST_F(IndexStoreTest, ReplaceFileOnlyChangesThatFile) {
  IndexStore store = openStore(dbPath_);
  put(store, parserFile("a.py"));
  put(store, parserFile("b.py"));
  auto before = store.chunksOfFile("b.py");
  auto symbolsBefore = store.symbolsOfFile("b.py");
  auto stampsBefore = store.loadStamps();
  ASSERT_TRUE(before.ok() && symbolsBefore.ok() && stampsBefore.ok());

  put(store, makeFile("a.py", {{"renderFrame", "def renderFrame():\n    pass\n"}}));

  auto after = store.chunksOfFile("b.py");
  auto symbolsAfter = store.symbolsOfFile("b.py");
  auto stampsAfter = store.loadStamps();
  ASSERT_TRUE(after.ok() && symbolsAfter.ok() && stampsAfter.ok());
  ASSERT_EQ(after->size(), before->size());
  for (std::size_t i = 0; i < after->size(); ++i) EXPECT_EQ((*after)[i].id, (*before)[i].id);
  ASSERT_EQ(symbolsAfter->size(), symbolsBefore->size());
  for (std::size_t i = 0; i < symbolsAfter->size(); ++i) {
    EXPECT_EQ((*symbolsAfter)[i].id, (*symbolsBefore)[i].id);
  }
  EXPECT_EQ(stampsAfter->at("a.py").id, stampsBefore->at("a.py").id);
  EXPECT_EQ(stampsAfter->at("b.py").id, stampsBefore->at("b.py").id);

  EXPECT_THAT(searchPaths(store, "parseArgs"), UnorderedElementsAre("b.py:parseArgs", "b.py:main"));
  EXPECT_THAT(searchPaths(store, "render frame"), ElementsAre("a.py:renderFrame"));
  EXPECT_EQ(store.chunksOfFile("a.py")->size(), 1u);
  auto stats = store.stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->files, 2);
  EXPECT_EQ(stats->chunks, 4);
  EXPECT_EQ(stats->symbols, 3);
}

TEST_F(IndexStoreTest, RemoveFile) {
  IndexStore store = openStore(dbPath_);
  put(store, parserFile("a.py"));
  put(store, makeFile("b.py", {{"other", "def other():\n    pass\n"}}));
  auto removed = store.removeFile("a.py");
  ASSERT_TRUE(removed.ok());
  EXPECT_TRUE(*removed);
  EXPECT_TRUE(store.chunksOfFile("a.py")->empty());
  EXPECT_TRUE(store.symbolsOfFile("a.py")->empty());
  EXPECT_TRUE(searchPaths(store, "parseArgs").empty());
  EXPECT_EQ(store.loadStamps()->size(), 1u);
  EXPECT_FALSE(*store.removeFile("a.py"));

  std::vector<std::string> paths = {"b.py", "missing.py"};
  ASSERT_TRUE(store.removeFiles(paths).ok());
  EXPECT_EQ(store.stats()->chunks, 0);
}

TEST_F(IndexStoreTest, RenameFileMovesRowsAndReplacesTheTarget) {
  IndexStore store = openStore(dbPath_);
  put(store, parserFile("a.py"));
  put(store, makeFile("b.py", {{"other", "def other():\n    pass\n"}}));
  ASSERT_TRUE(*store.renameFile("a.py", "c.py"));
  EXPECT_TRUE(store.chunksOfFile("a.py")->empty());
  EXPECT_EQ(store.chunksOfFile("c.py")->size(), 3u);
  EXPECT_THAT(searchPaths(store, "return argv", MatchMode::All), ElementsAre("c.py:parseArgs"));

  ASSERT_TRUE(*store.renameFile("c.py", "b.py"));
  EXPECT_TRUE(store.findSymbolsByName("other", true)->empty());
  EXPECT_EQ(store.symbolsOfFile("b.py")->size(), 2u);
  EXPECT_EQ(store.stats()->files, 1);
  EXPECT_FALSE(*store.renameFile("missing.py", "b.py"));
  EXPECT_EQ(store.stats()->files, 1);
}

TEST_F(IndexStoreTest, TouchFileUpdatesTheStamp) {
  IndexStore store = openStore(dbPath_);
  put(store, parserFile("a.py"));
  ASSERT_TRUE(*store.touchFile("a.py", 99, 12345));
  auto stamps = store.loadStamps();
  EXPECT_EQ(stamps->at("a.py").size, 99);
  EXPECT_EQ(stamps->at("a.py").mtimeNs, 12345);
  EXPECT_EQ(stamps->at("a.py").hash, parserFile("a.py").record.hash);
  EXPECT_FALSE(*store.touchFile("missing.py", 1, 1));
}

TEST_F(IndexStoreTest, SearchFindsEverySpellingOfAnIdentifier) {
  IndexStore store = openStore(dbPath_);
  put(store, makeFile("camel.js", {{"run", "function run() { return parseArgs(argv); }\n"}}));
  put(store, makeFile("snake.py", {{"go", "def go():\n    return parse_args(argv)\n"}}));
  put(store, makeFile("near.py", {{"parse", "def parse(): pass\n"}, {"arguments", "args = 1\n"}}));
  for (std::string_view query : {"parse args", "parseArgs", "parse_args", "PARSE_ARGS"}) {
    EXPECT_THAT(searchPaths(store, query, MatchMode::All),
                UnorderedElementsAre("camel.js:run", "snake.py:go"))
        << query;
    auto any = searchPaths(store, query, MatchMode::Any);
    EXPECT_THAT(any, ::testing::IsSupersetOf({"camel.js:run", "snake.py:go"})) << query;
  }
  // The whole lower-cased word matches only the camelCase spelling.
  EXPECT_THAT(searchPaths(store, "parseargs"), ElementsAre("camel.js:run"));
}

TEST_F(IndexStoreTest, SearchRanksNameHitsFirstAndScoresDescend) {
  IndexStore store = openStore(dbPath_);
  put(store, makeFile("a.py", {{"helper", "def helper():\n    return renderFrame(1)\n"},
                               {"renderFrame", "def renderFrame(x):\n    return x\n"}}));
  auto rows = store.searchChunks("renderFrame", 10);
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].chunk.symbol, "renderFrame");
  EXPECT_GT((*rows)[0].score, (*rows)[1].score);
  EXPECT_EQ(store.searchChunks("renderFrame", 1)->size(), 1u);
}

TEST_F(IndexStoreTest, HostileQueriesDoNotError) {
  IndexStore store = openStore(dbPath_);
  put(store, parserFile("a.py"));
  for (std::string_view query :
       {"\"", "\"parseArgs", "parseArgs\"", "a AND", "OR OR", "NEAR(", "-main", "main*", "^main",
        "text:main", "(main", "{main}", "*", "", "'\\", "\"\"\"", "\xff\xfe main \x01"}) {
    for (auto mode : {MatchMode::Any, MatchMode::All}) {
      auto rows = store.searchChunks(query, 10, mode);
      EXPECT_TRUE(rows.ok()) << query << ": " << (rows.ok() ? "" : rows.error().message);
    }
  }
  EXPECT_FALSE(store.searchChunks("(main", 10)->empty());
}

TEST_F(IndexStoreTest, OutlineChunksAreIndexedFromTheirOutline) {
  IndexStore store = openStore(dbPath_);
  ParsedFile file = makeFile("w.py", {{"Widget",
                                       "class Widget:\n    def draw(self):\n"
                                       "        return 1\n",
                                       ChunkKind::Outline},
                                      {"Widget.draw", "x = 2\n"}});
  file.chunks[0].outline = "class Widget:\n    def collapsedSignature(self): ...\n";
  put(store, file);
  EXPECT_THAT(searchPaths(store, "collapsed signature"), ElementsAre("w.py:Widget"));
  EXPECT_TRUE(searchPaths(store, "return").empty());
  auto chunks = store.chunksOfFile("w.py");
  EXPECT_EQ((*chunks)[0].text, file.chunks[0].outline);
  EXPECT_EQ((*chunks)[0].chunk.kind, ChunkKind::Outline);
  EXPECT_EQ((*chunks)[1].text, "x = 2\n");
}

TEST_F(IndexStoreTest, ChunkRangesPastTheTextAreClamped) {
  IndexStore store = openStore(":memory:");
  ParsedFile file = makeFile("short.py", {{"f", "def f(): pass\n"}});
  file.chunks[0].startByte = 4;
  file.chunks[0].endByte = 10'000;
  Chunk beyond = file.chunks[0];
  beyond.startByte = 20'000;
  file.chunks.push_back(beyond);
  put(store, file);
  auto chunks = store.chunksOfFile("short.py");
  ASSERT_EQ(chunks->size(), 2u);
  EXPECT_EQ((*chunks)[0].text, "f(): pass\n");
  EXPECT_EQ((*chunks)[1].text, "");
}

TEST_F(IndexStoreTest, ChunkAtPicksTheInnermostChunk) {
  IndexStore store = openStore(dbPath_);
  ParsedFile file = makeFile("k.py", {{"Klass", "class Klass:\n    x = 1\n"},
                                      {"Klass.a", "    def a(self):\n        pass\n"},
                                      {"Klass.b", "    def b(self):\n        pass\n"}});
  // An outline of the whole class overlaps its members.
  Chunk outline = file.chunks[0];
  outline.kind = ChunkKind::Outline;
  outline.endByte = file.chunks[2].endByte;
  outline.endLine = file.chunks[2].endLine;
  outline.outline = "class Klass: ...";
  file.chunks.push_back(outline);
  put(store, file);
  EXPECT_EQ(store.chunkAt("k.py", 3)->value().chunk.symbol, "Klass.a");
  EXPECT_EQ(store.chunkAt("k.py", 4)->value().chunk.symbol, "Klass.b");
  EXPECT_EQ(store.chunkAt("k.py", 0)->value().chunk.kind, ChunkKind::Function);
  EXPECT_FALSE(store.chunkAt("k.py", 6)->has_value());
  EXPECT_FALSE(store.chunkAt("other.py", 0)->has_value());
}

TEST_F(IndexStoreTest, FindsSymbolsByExactAndCaseInsensitiveName) {
  IndexStore store = openStore(dbPath_);
  put(store, parserFile("a.py"));
  put(store, parserFile("b.py"));
  auto exact = store.findSymbolsByName("parseArgs", true);
  ASSERT_TRUE(exact.ok());
  ASSERT_EQ(exact->size(), 2u);
  EXPECT_EQ((*exact)[0].path, "a.py");
  EXPECT_EQ((*exact)[0].symbol.startLine, 1u);
  EXPECT_EQ((*exact)[0].symbol.nameColumn, 4u);
  EXPECT_TRUE(store.findSymbolsByName("PARSEARGS", true)->empty());
  EXPECT_EQ(store.findSymbolsByName("PARSEARGS", false)->size(), 2u);
  EXPECT_EQ(store.findSymbolsByName("parseArgs", true, 1)->size(), 1u);
  EXPECT_THAT(store.symbolsOfFile("a.py")->size(), 2u);
}

TEST_F(IndexStoreTest, FuzzySymbolsRanksAndSeesNewWrites) {
  IndexStore store = openStore(dbPath_);
  put(store, makeFile("a.py", {{"parseArgumentsLater", "def parseArgumentsLater(): pass\n"},
                               {"parseArgs", "def parseArgs(): pass\n"},
                               {"unrelated", "def unrelated(): pass\n"}}));
  auto rows = store.fuzzySymbols("pArg", 10);
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].symbol.name, "parseArgs");
  EXPECT_EQ((*rows)[1].symbol.name, "parseArgumentsLater");
  EXPECT_GT((*rows)[0].score, (*rows)[1].score);

  put(store, makeFile("b.py", {{"pArg", "def pArg(): pass\n"}}));
  rows = store.fuzzySymbols("pArg", 1);
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].symbol.name, "pArg");
  EXPECT_EQ((*rows)[0].path, "b.py");
}

TEST_F(IndexStoreTest, ReaderSeesCommittedWrites) {
  IndexStore store = openStore(dbPath_);
  put(store, parserFile("a.py"));
  auto reader = store.openReader();
  ASSERT_TRUE(reader.ok()) << reader.error().message;
  EXPECT_EQ(searchPaths(*reader, "renderFrame").size(), 0u);
  EXPECT_EQ(reader->fuzzySymbols("rendFr", 5)->size(), 0u);

  put(store, makeFile("b.py", {{"renderFrame", "def renderFrame(): pass\n"}}));
  EXPECT_THAT(searchPaths(*reader, "renderFrame"), ElementsAre("b.py:renderFrame"));
  auto fuzzy = reader->fuzzySymbols("rendFr", 5);
  ASSERT_TRUE(fuzzy.ok());
  ASSERT_EQ(fuzzy->size(), 1u);
  EXPECT_EQ((*fuzzy)[0].symbol.name, "renderFrame");
  EXPECT_EQ(reader->stats()->files, 2);
}

TEST_F(IndexStoreTest, ReaderRefusesAMissingIndex) {
  auto reader = IndexReader::open((dir_ / "none.db").string());
  EXPECT_FALSE(reader.ok());
}

TEST_F(IndexStoreTest, StatsCountFilesPerLanguage) {
  IndexStore store = openStore(dbPath_);
  put(store, parserFile("a.py"));
  put(store, makeFile("b.go", {{"Run", "func Run() {}\n"}}, Language::Go));
  auto stats = store.stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->files, 2);
  EXPECT_EQ(stats->chunks, 4);
  EXPECT_EQ(stats->symbols, 3);
  EXPECT_EQ(stats->sourceBytes, parserFile("a.py").record.size +
                                    static_cast<std::int64_t>(sizeof("func Run() {}\n") - 1));
  EXPECT_THAT(stats->filesPerLanguage,
              UnorderedElementsAre(std::pair<const std::string, std::int64_t>("python", 1),
                                   std::pair<const std::string, std::int64_t>("go", 1)));
  EXPECT_GT(stats->databaseBytes, 0);
}

TEST(IndexStoreContentHash, DependsOnEveryByteAndTheLength) {
  EXPECT_EQ(contentHash("hello world"), contentHash("hello world"));
  EXPECT_NE(contentHash("hello world"), contentHash("hello worle"));
  EXPECT_NE(contentHash("hello world!"), contentHash("iello world!"));
  EXPECT_NE(contentHash(""), contentHash(std::string(1, '\0')));
  EXPECT_NE(contentHash(std::string(8, '\0')), contentHash(std::string(9, '\0')));
}

}  // namespace
}  // namespace gloss::indexer
