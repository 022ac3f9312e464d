// `gloss grep --json` against ripgrep on a tree of awkward files: both tools run from the tree's
// root with the same flags, and the lines they report (path, line number, kind, submatch byte
// offsets, text) must be the same sets. ripgrep is the reference: a difference is a gloss bug,
// or a deliberate difference that belongs in docs and in the flag translation below.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "GlossProcess.h"
#include "ProcessRun.h"
#include "TempWorkspace.h"

namespace gloss::test {
namespace {

namespace json = boost::json;
using namespace std::string_literals;

// ---------------------------------------------------------------------------------------------
// The tree.

std::string longMinifiedLine() {
  std::string line = "var t=[";
  while (line.size() < 250 * 1024) line += "0x2f,0x1a,";
  return line + "0];var needle_at_the_end=1;\n// trailer\n";
}

std::string manyRows() {
  std::string text;
  for (int i = 1; i <= 300; ++i) text += "row " + std::to_string(1000 + i).substr(1) + " of hay\n";
  return text;
}

void writeTree(const TempWorkspace& ws) {
  // Selection: ignore files with negations at several depths, hidden entries, .git.
  ws.write(".gitignore", "# logs are noise, except one\n*.log\n!keep.log\nbuild/\n/rootonly.txt\n");
  ws.write(".ignore", "*.secret\n!notes.log\n");
  ws.write(".git/info/exclude", "excluded_by_git.txt\n");
  ws.write(".git/HEAD", "ref: refs/heads/needle\n");
  ws.write("keep.log", "needle: kept by a negation\n");
  ws.write("debug.log", "needle: ignored log\n");
  ws.write("notes.log", "needle: re-included by .ignore\n");
  ws.write("data.secret", "needle: ignored by .ignore\n");
  ws.write("rootonly.txt", "needle: anchored rule at the root\n");
  ws.write("excluded_by_git.txt", "needle: excluded by .git/info/exclude\n");
  ws.write("build/out.c", "int needle_built = 1;\n");
  ws.write("sub/.gitignore", "*.tmp\ngenerated/\n!sub_keep.log\n");
  ws.write("sub/rootonly.txt", "needle: an anchored rule does not reach here\n");
  ws.write("sub/sub_keep.log", "needle: nested negation\n");
  ws.write("sub/other.log", "needle: still ignored\n");
  ws.write("sub/scratch.tmp", "needle tmp\n");
  ws.write("sub/generated/gen.py", "needle = 'generated'\n");
  ws.write("sub/deeper/.gitignore", "!*.tmp\n");
  ws.write("sub/deeper/kept.tmp", "needle: re-included deeper\n");
  ws.write(".hidden_top.py", "needle = 'hidden file'\n");
  ws.write(".config/settings.py", "NEEDLE_SETTING = True\n");
  ws.write("sub/.env", "NEEDLE=1\n");

  // Languages, deep folders, no final newline, an empty file.
  ws.write("src/app.py",
           "import os\n\n\nclass NeedleFinder:\n    \"\"\"Finds the needle in a haystack.\"\"\"\n\n"
           "    def find_needle(self, haystack):\n        return haystack.index(\"needle\")\n\n\n"
           "def main():\n    print(NeedleFinder().find_needle(\"hay needle hay\"))\n"
           "    return 0\n");
  ws.write(
      "src/lib.c",
      "#include \"lib.h\"\n\n/* needle counting, C style */\nint count_needles(const char *s) {\n"
      "    int n = 0;\n    while (*s) n += *s++ == 'n';\n    return n;\n}\n");
  ws.write("src/lib.h", "int count_needles(const char *s);\n");
  ws.write("src/meta.txt",
           "literal a.b(c)*[d]? here\nregex would match axb(c)*[d] too\nnot a.b(c) alone\n");
  ws.write("web/app.js",
           "const needle = require('needle');\nexport function findNeedle(hay) {\n"
           "  return hay.indexOf(needle);\n}\n");
  ws.write("cmd/main.go",
           "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"needle\")\n}");
  ws.write("crates/core/src/lib.rs", "pub fn needle() -> u32 {\n    42\n}\n");
  ws.write("README.md", "# Needle\n\nA needle in a haystack.\n");
  ws.write("a/b/c/d/e/f/g/h/i/j/deep.rs", "// needle at depth ten\nfn deep_needle() {}\n");
  ws.write("empty.py", "");

  // Bytes: CRLF, multibyte text before matches, a 250 KB line, binary, not UTF-8.
  ws.write("crlf/windows.c", "int needle = 1;\r\nint other = 2;\r\nreturn needle;\r\n");
  ws.write("text/unicode.md",
           "Café needle\n日本語のneedleです\nemoji 😀😀 needle and 🎉needle🎉\nÉTÉ été Été\n"
           "éneedle needleé needle_x needle\nStraße and STRASSE\nnaïve résumé 日本\n"
           "互斥锁（needle）指的是\n");
  ws.write("long/minified.js", longMinifiedLine());
  ws.write("bin/blob.bin",
           "\x7f"
           "ELF\0\x01needle\nneedle again\n"s);
  // The NUL is 20 KB in: inside the first block rg reads, so rg skips the whole file (for gloss,
  // any NUL makes a file binary).
  ws.write("bin/late_nul.dat",
           "needle before a late NUL\n" + std::string(20000, 'x') + "\n\0tail\n"s);
  ws.write("legacy/latin1.txt", "caf\xe9 needle\n");
  ws.write("many/rows.txt", manyRows());
  for (int i = 10; i < 30; ++i) {
    ws.write("many/singles/s" + std::to_string(i) + ".txt",
             "single hit " + std::to_string(i) + "\n");
  }
  // Symlinks inside the tree only: followed with -L (and by the daemon's workspace by default),
  // like rg -L; a target outside would be followed by rg -L but not by gloss.
  std::filesystem::create_directories(ws.path("links"));
  std::filesystem::create_directory_symlink("../src", ws.path("links/src_dir"));
  std::filesystem::create_symlink("../README.md", ws.path("links/readme.md"));
  // Over the index's default size limit (1 MiB); grep has none.
  ws.write("big/table.txt", std::string(1200 * 1024, '.') + "\nneedle in a large file\n");
}

// One tree for the whole suite: it is only read.
const TempWorkspace& tree() {
  static const std::unique_ptr<TempWorkspace> ws = [] {
    auto made = std::make_unique<TempWorkspace>();
    writeTree(*made);
    return made;
  }();
  return *ws;
}

// ---------------------------------------------------------------------------------------------
// Running both tools.

std::vector<std::string> ripgrepArgs(const std::vector<std::string>& flags,
                                     const std::string& pattern) {
  std::vector<std::string> args = {
      "rg", "--json", "--no-require-git", "--no-config",
      // A user's global git excludes would change what rg sees; gloss does not read them.
      "--no-ignore-global",
      // gloss never searches inside .git; rg --hidden would.
      "--glob=!.git"};
  for (const std::string& flag : flags) {
    // rg --binary reports binary files with NUL bytes turned into line ends (other line numbers),
    // while gloss --binary searches them as text, which is rg --text.
    args.push_back(flag == "--binary" ? "--text" : flag);
  }
  args.push_back(pattern);
  args.push_back(".");
  return args;
}

std::vector<std::string> glossArgs(const std::vector<std::string>& flags,
                                   const std::string& pattern, bool withPath = true) {
  std::vector<std::string> args = {GLOSS_BINARY, "grep", "--json"};
  args.insert(args.end(), flags.begin(), flags.end());
  args.push_back(pattern);
  if (withPath) args.push_back(".");
  return args;
}

// gloss/grep sends lines longer than this as a window around the first match.
constexpr std::size_t kPreviewBytes = 1024;

// One reported line: path, line number, and "match [s-e s-e]" (submatch byte offsets) or
// "context". Ordered by path and line so that a diff reads like the files.
using LineKey = std::tuple<std::string, std::int64_t, std::string>;

std::string shownKey(const LineKey& key) {
  return std::get<0>(key) + ":" + std::to_string(std::get<1>(key)) + " " + std::get<2>(key);
}

// What one tool reported, normalised so that the two can be compared.
struct Report {
  // Line text without its "\n"; no text when rg had to send the line as bytes (not UTF-8).
  std::map<LineKey, std::optional<std::string>> lines;
  long matchLines = 0;
  long submatches = 0;
  std::set<std::string> matchedFiles;
  // The daemon sends a window of lines longer than kPreviewBytes, starting at this byte.
  std::map<LineKey, std::size_t> windowStart;
  json::object summary;
  std::vector<std::string> problems;
};

LineKey lineKey(const std::string& path, std::int64_t line, const json::array* ranges) {
  if (!ranges) return {path, line, "context"};
  std::ostringstream kind;
  kind << "match [";
  for (std::size_t i = 0; i < ranges->size(); ++i) {
    const json::value& r = (*ranges)[i];
    kind << (i ? " " : "") << r.at("start").as_int64() << '-' << r.at("end").as_int64();
  }
  kind << ']';
  return {path, line, kind.str()};
}

json::value parseLine(const std::string& line) {
  json::parse_options options;
  options.allow_invalid_utf8 = true;  // a gloss bug there should show as a diff, not a crash
  return json::parse(line, {}, options);
}

template <typename F>
void forEachJsonLine(const std::string& output, Report& report, F&& handle) {
  std::istringstream in(output);
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    try {
      handle(parseLine(line).as_object());
    } catch (const std::exception& e) {
      report.problems.push_back("unreadable line (" + std::string(e.what()) + "): " + line);
    }
  }
}

void tallyLine(Report& report, const std::string& path, const json::array* ranges) {
  if (!ranges) return;
  ++report.matchLines;
  report.submatches += static_cast<long>(ranges->size());
  report.matchedFiles.insert(path);
}

Report readRipgrep(const std::string& output) {
  Report report;
  forEachJsonLine(output, report, [&](const json::object& message) {
    const json::string& type = message.at("type").as_string();
    if (type == "summary") report.summary = message.at("data").at("stats").as_object();
    if (type != "match" && type != "context") return;
    const json::object& data = message.at("data").as_object();
    std::string path(data.at("path").at("text").as_string());
    if (path.rfind("./", 0) == 0) path.erase(0, 2);
    const json::array* ranges = type == "match" ? &data.at("submatches").as_array() : nullptr;
    std::optional<std::string> text;
    if (const json::value* t = data.at("lines").as_object().if_contains("text")) {
      text = std::string(t->as_string());
      if (!text->empty() && text->back() == '\n') text->pop_back();
    }
    report.lines[lineKey(path, data.at("line_number").as_int64(), ranges)] = text;
    tallyLine(report, path, ranges);
  });
  return report;
}

Report readGloss(const std::string& output) {
  Report report;
  bool summarySeen = false;
  forEachJsonLine(output, report, [&](const json::object& message) {
    if (summarySeen) report.problems.push_back("output after the summary");
    const json::string& type = message.at("type").as_string();
    if (type == "summary") {
      report.summary = message;
      summarySeen = true;
    }
    if (type != "match" && type != "context") return;
    std::string path(message.at("path").as_string());
    const json::array* ranges = type == "match" ? &message.at("submatches").as_array() : nullptr;
    LineKey key = lineKey(path, message.at("line").as_int64(), ranges);
    if (report.lines.count(key)) report.problems.push_back("reported twice: " + shownKey(key));
    report.lines[key] = std::string(message.at("text").as_string());
    tallyLine(report, path, ranges);
  });
  if (!summarySeen) report.problems.push_back("no summary line");
  return report;
}

// Control characters escaped and long lines cut, so that a diff stays readable.
std::string shown(const std::optional<std::string>& text) {
  if (!text) return "(not UTF-8)";
  std::string out;
  for (unsigned char c : text->substr(0, 160)) {
    if (c < 0x20 || c == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  if (text->size() > 160) out += "... (" + std::to_string(text->size()) + " bytes)";
  return "\"" + out + "\"";
}

bool sameText(const std::string& expected, const std::string& actual,
              std::optional<std::size_t> windowStart) {
  if (!windowStart || expected.size() <= kPreviewBytes) return expected == actual;
  return !actual.empty() && *windowStart < expected.size() &&
         expected.compare(*windowStart, actual.size(), actual) == 0;
}

std::string difference(const Report& rg, const Report& gloss) {
  std::ostringstream diff;
  for (const auto& [key, text] : rg.lines) {
    auto other = gloss.lines.find(key);
    if (other == gloss.lines.end()) {
      diff << "  only rg:    " << shownKey(key) << "  " << shown(text) << "\n";
      continue;
    }
    std::optional<std::size_t> window;
    if (auto w = gloss.windowStart.find(key); w != gloss.windowStart.end()) window = w->second;
    if (text && (!other->second || !sameText(*text, *other->second, window))) {
      diff << "  text:       " << shownKey(key) << "\n    rg:    " << shown(text)
           << "\n    gloss: " << shown(other->second) << "\n";
    }
  }
  for (const auto& [key, text] : gloss.lines) {
    if (!rg.lines.count(key)) {
      diff << "  only gloss: " << shownKey(key) << "  " << shown(text) << "\n";
    }
  }
  return diff.str();
}

void expectConsistentSummary(const Report& gloss) {
  const json::object& s = gloss.summary;
  ASSERT_TRUE(s.contains("lines") && s.contains("matches") && s.contains("filesMatched") &&
              s.contains("filesSearched") && s.contains("truncated") && s.contains("mode"))
      << json::serialize(s);
  EXPECT_EQ(s.at("lines").to_number<long>(), gloss.matchLines) << json::serialize(s);
  EXPECT_EQ(s.at("matches").to_number<long>(), gloss.submatches) << json::serialize(s);
  EXPECT_EQ(s.at("filesMatched").to_number<long>(), static_cast<long>(gloss.matchedFiles.size()))
      << json::serialize(s);
  EXPECT_GE(s.at("filesSearched").to_number<long>(), s.at("filesMatched").to_number<long>());
  EXPECT_TRUE(s.at("mode") == json::value("scan") || s.at("mode") == json::value("index"))
      << json::serialize(s);
}

std::string requireRipgrep() {
  std::string rg = findOnPath("rg");
  if (rg.empty()) {
    ADD_FAILURE() << "ripgrep (rg) is not on PATH: these tests compare gloss with it. Install "
                     "Debian's ripgrep package (.ci/setup does).";
  }
  return rg;
}

// ---------------------------------------------------------------------------------------------
// The cases. Every case names its case mode: rg's default is case-sensitive, gloss's is smart.

struct ParityCase {
  const char* name;
  std::vector<std::string> flags;
  std::string pattern;
};

const std::vector<ParityCase> kCases = {
    {"literal", {"-s"}, "needle"},
    {"ignore_case", {"-i"}, "needle"},
    {"smart_case_lower_is_insensitive", {"-S"}, "needle"},
    {"smart_case_upper_is_sensitive", {"-S"}, "Needle"},
    {"case_sensitive_upper", {"-s"}, "NeedleFinder"},
    {"ignore_case_upper_pattern", {"-i"}, "NEEDLEFINDER"},
    {"word", {"-s", "-w"}, "needle"},
    {"word_between_multibyte_letters", {"-i", "-w"}, "été"},
    {"alternation", {"-s"}, "find_needle|count_needles|findNeedle"},
    {"class_and_word_boundary", {"-s"}, "\\b[a-z]+_[a-z]+\\("},
    {"unicode_word_class", {"-s"}, "\\w+é"},
    {"repetition_class", {"-s"}, "row [0-9]{2}7 "},
    {"anchor_start", {"-s"}, "^(int|pub|func) "},
    {"anchor_end_not_before_cr", {"-s"}, ";$"},
    {"fixed_string_metacharacters", {"-s", "-F"}, "a.b(c)*[d]?"},
    {"same_text_as_regex", {"-s"}, "a.b(c)*[d]?"},
    {"fixed_string_ignore_case", {"-i", "-F"}, "A.B(C)"},
    {"multibyte_literal", {"-s"}, "日本語"},
    {"multibyte_ignore_case", {"-i"}, "été"},
    {"match_at_end_of_long_line", {"-s"}, "needle_at_the_end"},
    {"glob_include", {"-s", "-g", "*.c"}, "needle"},
    // rg (and gloss grep): a file matching an include glob is searched even when an ignore file
    // excludes it. gloss/grep narrows instead, as an editor's "files to include" does.
    {"glob_include_overrides_ignore_files", {"-s", "-g", "*.log"}, "needle"},
    {"glob_exclude", {"-s", "-g", "!*.md", "-g", "!src/**"}, "needle"},
    {"glob_with_folders", {"-s", "-g", "crates/**/*.rs"}, "needle"},
    {"type", {"-s", "-t", "js"}, "needle"},
    // rg (and gloss grep): a hidden file (not folder) of the requested type is searched without
    // --hidden; gloss/grep only narrows.
    {"type_match_overrides_hidden", {"-s", "-t", "py"}, "needle"},
    {"types", {"-s", "-t", "rust", "-t", "go"}, "needle"},
    {"type_not", {"-s", "-T", "c"}, "needle"},
    {"follow_symlinks", {"-s", "-L"}, "needle"},
    {"hidden", {"-i", "--hidden"}, "needle"},
    {"no_ignore", {"-s", "--no-ignore"}, "needle"},
    {"hidden_and_no_ignore", {"-i", "--hidden", "--no-ignore"}, "needle"},
    {"binary_searched_as_text", {"-s", "--binary"}, "needle"},
    {"context", {"-s", "-C", "2"}, "return"},
    {"context_after_and_before", {"-s", "-A", "1", "-B", "3"}, "deep_needle|count_needles"},
    {"nothing_matches", {"-s"}, "zebra_quokka_42"},
    {"many_lines", {"-s"}, "e"},
};

void PrintTo(const ParityCase& c, std::ostream* out) {
  *out << "gloss grep --json";
  for (const std::string& flag : c.flags) *out << ' ' << flag;
  *out << " '" << c.pattern << "' .";
}

class GrepParity : public ::testing::TestWithParam<ParityCase> {};

TEST_P(GrepParity, AgreesWithRipgrep) {
  if (requireRipgrep().empty()) return;
  const ParityCase& c = GetParam();
  ProcessResult rg = runProcess(ripgrepArgs(c.flags, c.pattern), tree().root());
  ASSERT_TRUE(rg.failure.empty()) << rg.failure;
  ASSERT_LE(rg.exitStatus, 1) << "rg failed: " << rg.err;
  ProcessResult gloss = runProcess(glossArgs(c.flags, c.pattern), tree().root());
  ASSERT_TRUE(gloss.failure.empty()) << gloss.failure;
  EXPECT_EQ(gloss.exitStatus, rg.exitStatus) << "gloss stderr: " << gloss.err;

  Report expected = readRipgrep(rg.out);
  Report actual = readGloss(gloss.out);
  ASSERT_TRUE(expected.problems.empty()) << expected.problems.front();
  for (const std::string& problem : actual.problems) ADD_FAILURE() << "gloss: " << problem;
  if (std::string diff = difference(expected, actual); !diff.empty()) {
    ADD_FAILURE() << "gloss and rg disagree on '" << c.pattern << "' (" << expected.lines.size()
                  << " lines from rg, " << actual.lines.size() << " from gloss):\n"
                  << diff;
  }
  if (actual.summary.empty()) return;
  expectConsistentSummary(actual);
  EXPECT_EQ(actual.summary.at("truncated"), json::value(false));
}

INSTANTIATE_TEST_SUITE_P(GrepParityCases, GrepParity, ::testing::ValuesIn(kCases),
                         [](const auto& info) { return std::string(info.param.name); });

// The tree must exercise what the cases claim to cover; a case that stopped matching anything
// would pass silently otherwise.
TEST(GrepParityTree, RipgrepSeesTheTrickyFiles) {
  if (requireRipgrep().empty()) return;
  ProcessResult rg = runProcess(ripgrepArgs({"-i", "--hidden"}, "needle"), tree().root());
  Report seen = readRipgrep(rg.out);
  for (const char* path :
       {"keep.log", "notes.log", "sub/sub_keep.log", "sub/deeper/kept.tmp", "sub/rootonly.txt",
        ".hidden_top.py", "crlf/windows.c", "text/unicode.md", "long/minified.js",
        "legacy/latin1.txt", "a/b/c/d/e/f/g/h/i/j/deep.rs", "cmd/main.go", "big/table.txt"}) {
    EXPECT_TRUE(seen.matchedFiles.count(path)) << path;
  }
  for (const char* path :
       {"debug.log", "data.secret", "rootonly.txt", "excluded_by_git.txt", "build/out.c",
        "sub/other.log", "sub/scratch.tmp", "sub/generated/gen.py", "bin/blob.bin",
        "bin/late_nul.dat", "links/readme.md"}) {
    EXPECT_FALSE(seen.matchedFiles.count(path)) << path;
  }
}

// ---------------------------------------------------------------------------------------------
// The daemon: gloss/grep on the same tree once its index is ready, so that the trigram
// prefilter answers (it may admit too many files, never too few). Positions are negotiated as
// UTF-8, so LSP characters are the byte offsets rg reports.

// The gloss/grep params a command line stands for.
json::object grepParams(const ParityCase& c) {
  static const std::map<std::string, std::pair<const char*, json::value>> kSwitches = {
      {"-s", {"caseSensitivity", "sensitive"}},
      {"-i", {"caseSensitivity", "insensitive"}},
      {"-S", {"caseSensitivity", "smart"}},
      {"-F", {"fixedStrings", true}},
      {"-w", {"wordRegexp", true}},
      {"--hidden", {"includeHidden", true}},
      {"--no-ignore", {"noIgnore", true}},
      {"--binary", {"includeBinary", true}}};
  json::object params{{"pattern", c.pattern}, {"maxResults", 100000}, {"useIndex", true}};
  std::map<std::string, json::array> lists;
  for (std::size_t i = 0; i < c.flags.size(); ++i) {
    const std::string& flag = c.flags[i];
    auto next = [&] { return c.flags.at(++i); };
    if (auto s = kSwitches.find(flag); s != kSwitches.end()) {
      params[s->second.first] = s->second.second;
    } else if (flag == "-g") {
      std::string glob = next();
      bool excluded = glob.rfind('!', 0) == 0;
      lists[excluded ? "exclude" : "include"].push_back(
          json::string(excluded ? glob.substr(1) : glob));
    } else if (flag == "-t" || flag == "-T") {
      lists[flag == "-t" ? "types" : "typesNot"].push_back(json::string(next()));
    } else if (flag == "-A" || flag == "-B" || flag == "-C") {
      int lines = std::stoi(next());
      if (flag != "-B") params["contextAfter"] = lines;
      if (flag != "-A") params["contextBefore"] = lines;
    } else if (flag != "-L") {  // the workspace follows symlinks already
      ADD_FAILURE() << "no gloss/grep parameter for " << flag;
    }
  }
  for (auto& [name, list] : lists) params[name] = std::move(list);
  return params;
}

Report readDaemon(const json::object& result, const std::string& root) {
  Report report;
  const std::string prefix = "file://" + root + "/";
  for (const json::value& entry : result.at("matches").as_array()) {
    const json::object& m = entry.as_object();
    std::string uri(m.at("uri").as_string());
    if (uri.rfind(prefix, 0) != 0) report.problems.push_back("uri outside the tree: " + uri);
    std::string path = uri.substr(std::min(prefix.size(), uri.size()));
    std::int64_t line = m.at("line").as_int64();  // 0-based, as LSP lines are
    bool context = m.contains("context") && m.at("context") == json::value(true);
    json::array offsets;
    if (!context) {
      for (const json::value& range : m.at("ranges").as_array()) {
        if (range.at("start").at("line").as_int64() != line ||
            range.at("end").at("line").as_int64() != line) {
          report.problems.push_back("range off its line: " + json::serialize(m));
        }
        offsets.push_back(json::object{{"start", range.at("start").at("character")},
                                       {"end", range.at("end").at("character")}});
      }
    }
    LineKey key = lineKey(path, line + 1, context ? nullptr : &offsets);
    if (report.lines.count(key)) report.problems.push_back("reported twice: " + shownKey(key));
    report.lines[key] = std::string(m.at("text").as_string());
    report.windowStart[key] =
        m.contains("textStart") ? static_cast<std::size_t>(m.at("textStart").as_int64()) : 0;
    tallyLine(report, path, context ? nullptr : &offsets);
  }
  return report;
}

// One daemon for every test that needs it; it ends with the test process.
class DaemonOnTree : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (daemon_) return;
    cache_ = std::make_unique<TempWorkspace>();  // index.db outside the searched tree
    daemon_ = std::make_unique<GlossProcess>(
        std::vector<std::string>{"serve", "--db", cache_->path("index.db")});
    json::value params = initializeParams(tree().root());
    params.as_object()["capabilities"] =
        json::object{{"general", json::object{{"positionEncodings", json::array{"utf-8"}}}}};
    daemon_->request(0, "initialize", params);
    auto init = daemon_->responseTo(0);
    if (!init || !init->as_object().contains("result")) return;
    utf8_ = init->at("result").at("capabilities").as_object().if_contains("positionEncoding") &&
            init->at("result").at("capabilities").at("positionEncoding") == json::value("utf-8");
    daemon_->notify("initialized");
    ready_ = waitForIndexReady(*daemon_, 1, 1199);
  }
  static json::value grep(const json::object& params) {
    static int id = 10000;
    daemon_->request(++id, "gloss/grep", params);
    auto response = daemon_->responseTo(id, std::chrono::seconds(60));
    return response ? *response : json::value();
  }

  static inline std::unique_ptr<TempWorkspace> cache_;
  static inline std::unique_ptr<GlossProcess> daemon_;
  static inline bool utf8_ = false;
  static inline bool ready_ = false;
};

class GrepParityDaemon : public DaemonOnTree, public ::testing::WithParamInterface<ParityCase> {};

// Over LSP, globs and types only narrow the workspace's own files (docs/grep.md): rg's lines are
// kept for the files rg lists without those filters.
void narrowToWorkspaceFiles(const std::vector<std::string>& flags, Report& expected) {
  std::vector<std::string> args = {
      "rg",           "--files", "--no-require-git", "--no-config", "--no-ignore-global",
      "--glob=!.git", "-L"};
  bool filtered = false;
  for (std::size_t i = 0; i < flags.size(); ++i) {
    if (flags[i] == "-g" || flags[i] == "-t" || flags[i] == "-T") {
      filtered = true;
      ++i;  // and its value
    } else if (flags[i] == "--hidden" || flags[i] == "--no-ignore") {
      args.push_back(flags[i]);
    }
  }
  if (!filtered) return;
  ProcessResult listed = runProcess(args, tree().root());
  std::set<std::string> files;
  std::istringstream in(listed.out);
  for (std::string line; std::getline(in, line);) {
    files.insert(line.rfind("./", 0) == 0 ? line.substr(2) : line);
  }
  std::erase_if(expected.lines,
                [&](const auto& entry) { return !files.count(std::get<0>(entry.first)); });
}

TEST_P(GrepParityDaemon, AgreesWithRipgrep) {
  if (requireRipgrep().empty()) return;
  ASSERT_TRUE(ready_) << "the daemon's index never became ready\n" << daemon_->stderrText();
  ASSERT_TRUE(utf8_) << "the daemon did not accept UTF-8 positions";
  const ParityCase& c = GetParam();
  // The workspace follows symlinks (to targets inside it) unless settings say otherwise.
  std::vector<std::string> rgFlags = c.flags;
  rgFlags.push_back("-L");
  ProcessResult rg = runProcess(ripgrepArgs(rgFlags, c.pattern), tree().root());
  ASSERT_LE(rg.exitStatus, 1) << rg.failure << rg.err;
  json::value response = grep(grepParams(c));
  ASSERT_TRUE(response.is_object() && response.as_object().contains("result"))
      << json::serialize(response);
  const json::object& result = response.at("result").as_object();

  Report expected = readRipgrep(rg.out);
  narrowToWorkspaceFiles(c.flags, expected);
  Report actual = readDaemon(result, tree().root());
  for (const std::string& problem : actual.problems) ADD_FAILURE() << "gloss/grep: " << problem;
  if (std::string diff = difference(expected, actual); !diff.empty()) {
    ADD_FAILURE() << "gloss/grep and rg disagree on '" << c.pattern << "' (mode "
                  << json::serialize(result.at("mode")) << "):\n"
                  << diff;
  }
  EXPECT_EQ(result.at("lineCount").to_number<long>(), actual.matchLines);
  EXPECT_EQ(result.at("matchCount").to_number<long>(), actual.submatches);
  EXPECT_EQ(result.at("filesMatched").to_number<long>(),
            static_cast<long>(actual.matchedFiles.size()));
  EXPECT_EQ(result.at("truncated"), json::value(false));
  // Cases that only shape the pattern must be answered by the prefilter, or this suite would
  // not test it; file selection flags may reach files the index lacks, and then a scan is fine.
  static const std::set<std::string> kSelection = {"-g",       "-t",          "-T",
                                                   "--hidden", "--no-ignore", "--binary"};
  bool selectsFiles = std::any_of(c.flags.begin(), c.flags.end(),
                                  [](const std::string& f) { return kSelection.count(f) > 0; });
  if (!selectsFiles) {
    EXPECT_EQ(result.at("mode"), json::value("index"));
  }
}

INSTANTIATE_TEST_SUITE_P(GrepParityCases, GrepParityDaemon, ::testing::ValuesIn(kCases),
                         [](const auto& info) { return std::string(info.param.name); });

class GrepParityDaemonExtras : public DaemonOnTree {};

TEST_F(GrepParityDaemonExtras, MatchesNameTheirEnclosingFunction) {
  ASSERT_TRUE(ready_);
  json::value response = grep(json::object{{"pattern", "haystack.index"},
                                           {"fixedStrings", true},
                                           {"caseSensitivity", "sensitive"},
                                           {"include", json::array{"src/*.py"}}});
  ASSERT_TRUE(response.as_object().contains("result")) << json::serialize(response);
  const json::array& matches = response.at("result").at("matches").as_array();
  ASSERT_EQ(matches.size(), 1u) << json::serialize(response);
  ASSERT_TRUE(matches[0].as_object().contains("symbol")) << json::serialize(matches[0]);
  EXPECT_EQ(matches[0].at("symbol").at("name"), json::value("find_needle"));
}

TEST_F(GrepParityDaemonExtras, MaxResultsSpentAtTheEndOfAFileStillTruncates) {
  ASSERT_TRUE(ready_);
  json::value response = grep(json::object{
      {"pattern", "^single hit"}, {"caseSensitivity", "sensitive"}, {"maxResults", 3}});
  ASSERT_TRUE(response.as_object().contains("result")) << json::serialize(response);
  EXPECT_EQ(response.at("result").at("matches").as_array().size(), 3u);
  EXPECT_EQ(response.at("result").at("truncated"), json::value(true));
}

// ---------------------------------------------------------------------------------------------
// The command line beyond the matches.

TEST(GrepParityCli, BadPatternIsAnErrorWithAMessage) {
  if (requireRipgrep().empty()) return;
  ProcessResult rg = runProcess(ripgrepArgs({"-s"}, "foo("), tree().root());
  ASSERT_EQ(rg.exitStatus, 2) << "premise: rg refuses the pattern";
  ProcessResult valid = runProcess(glossArgs({"-s"}, "foo"), tree().root());
  ASSERT_LE(valid.exitStatus, 1) << "premise: gloss grep runs at all\n" << valid.err;
  ProcessResult gloss = runProcess(glossArgs({"-s"}, "foo("), tree().root());
  ASSERT_TRUE(gloss.failure.empty()) << gloss.failure;
  EXPECT_EQ(gloss.exitStatus, 2);
  EXPECT_NE(gloss.err.find_first_not_of(" \n"), std::string::npos) << "no message on stderr";
  EXPECT_EQ(gloss.out.find("\"type\":\"match\""), std::string::npos) << gloss.out;
}

TEST(GrepParityCli, MaxResultsCapsTheLinesAndSaysSo) {
  ProcessResult gloss =
      runProcess(glossArgs({"-s", "--max-results", "5"}, "^row [0-9]+ of hay$"), tree().root());
  ASSERT_TRUE(gloss.failure.empty()) << gloss.failure;
  EXPECT_EQ(gloss.exitStatus, 0) << gloss.err;
  Report report = readGloss(gloss.out);
  for (const std::string& problem : report.problems) ADD_FAILURE() << problem;
  EXPECT_EQ(report.matchLines, 5);
  EXPECT_EQ(report.lines.size(), 5u);
  for (const auto& [key, text] : report.lines) {
    EXPECT_EQ(std::get<0>(key), "many/rows.txt") << shownKey(key);
    EXPECT_EQ(text.value_or("").rfind("row ", 0), 0u) << shownKey(key);
  }
  if (report.summary.empty()) return;
  expectConsistentSummary(report);
  EXPECT_EQ(report.summary.at("truncated"), json::value(true));
  EXPECT_EQ(report.summary.at("lines"), json::value(5));
}

// With one matching line per file the budget runs out exactly at the end of a file; other
// files still match, so the result is cut all the same.
TEST(GrepParityCli, MaxResultsSpentAtTheEndOfAFileStillTruncates) {
  for (const char* threads : {"1", "2"}) {
    ProcessResult gloss =
        runProcess(glossArgs({"-s", "--threads", threads, "--max-results", "3"}, "^single hit"),
                   tree().root());
    Report report = readGloss(gloss.out);
    EXPECT_EQ(report.matchLines, 3) << "threads " << threads;
    ASSERT_FALSE(report.summary.empty()) << gloss.err;
    EXPECT_EQ(report.summary.at("truncated"), json::value(true)) << "threads " << threads;
  }
}

TEST(GrepParityCli, MaxResultsAboveTheTotalDoesNotTruncate) {
  ProcessResult gloss =
      runProcess(glossArgs({"-s", "--max-results", "300"}, "^row [0-9]+ of hay$"), tree().root());
  Report report = readGloss(gloss.out);
  EXPECT_EQ(report.matchLines, 300);
  ASSERT_FALSE(report.summary.empty()) << gloss.err;
  EXPECT_EQ(report.summary.at("truncated"), json::value(false));
}

TEST(GrepParityCli, DefaultPathIsTheCurrentDirectory) {
  ProcessResult explicitRoot = runProcess(glossArgs({"-s"}, "needle"), tree().root());
  ProcessResult implicitRoot = runProcess(glossArgs({"-s"}, "needle", false), tree().root());
  EXPECT_EQ(implicitRoot.exitStatus, 0) << implicitRoot.err;
  Report a = readGloss(explicitRoot.out);
  Report b = readGloss(implicitRoot.out);
  EXPECT_FALSE(a.lines.empty());
  EXPECT_TRUE(difference(a, b).empty()) << difference(a, b);
}

}  // namespace
}  // namespace gloss::test
