#include "server/GrepCli.h"

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>

#include "commands/grep/GrepCommand.h"
#include "indexer/WorkspaceIndexer.h"
#include "protocol/JsonRpc.h"
#include "server/CliArgs.h"
#include "server/WorkspacePaths.h"

namespace gloss::server {
namespace {

namespace json = boost::json;

constexpr const char* kGrepUsage =
    R"(Usage: gloss grep [OPTIONS] PATTERN [PATH...]

Searches files like ripgrep (RE2 syntax), honouring .gitignore/.ignore, skipping hidden and
binary files. PATH defaults to the current directory.

  -F, --fixed-strings      the pattern is a literal string
  -i, --ignore-case        case insensitive
  -s, --case-sensitive     case sensitive
  -S, --smart-case         insensitive unless the pattern has upper case (the default)
  -w, --word-regexp        matches must be whole words
  -g, --glob GLOB          include files matching GLOB; !GLOB excludes (repeatable)
  -t, --type TYPE          only files of TYPE (py, c, cpp, go, rust, js, ts, java, md, ...)
  -T, --type-not TYPE      no files of TYPE
  -A/-B/-C N               lines of context after / before / around each match
      --max-results N      stop after N matching lines (the summary says "truncated")
      --hidden             search hidden files and folders
      --no-ignore          do not honour ignore files
      --binary             search files with NUL bytes too
  -L, --follow             follow symbolic links (to targets inside PATH)
      --json               JSON lines: match, context, and a final summary
      --no-index           do not read the workspace index (used for enclosing symbols)
      --threads N          search threads (default: one per core)

Exit status: 0 when something matched, 1 when nothing did, 2 on errors.
)";

struct GrepArgs {
  commands::GrepRequest request;
  std::vector<std::string> paths;
  bool json = false;
  bool useIndex = true;
  bool follow = false;  // follow symlinks (inside the roots), ripgrep's -L
};

// Flags without a value; false when `arg` is not one.
bool parseFlag(const std::string& arg, GrepArgs& parsed) {
  auto& r = parsed.request;
  if (arg == "-F" || arg == "--fixed-strings")
    r.pattern.fixedStrings = true;
  else if (arg == "-i" || arg == "--ignore-case")
    r.pattern.caseMode = indexer::CaseMode::Insensitive;
  else if (arg == "-s" || arg == "--case-sensitive")
    r.pattern.caseMode = indexer::CaseMode::Sensitive;
  else if (arg == "-S" || arg == "--smart-case")
    r.pattern.caseMode = indexer::CaseMode::Smart;
  else if (arg == "-w" || arg == "--word-regexp")
    r.pattern.wordRegexp = true;
  else if (arg == "--hidden")
    r.includeHidden = true;
  else if (arg == "--no-ignore")
    r.noIgnore = true;
  else if (arg == "--binary" || arg == "-a" || arg == "--text")
    r.includeBinary = true;
  else if (arg == "--json")
    parsed.json = true;
  else if (arg == "-L" || arg == "--follow")
    parsed.follow = true;
  else if (arg == "--no-index")
    parsed.useIndex = false;
  // ripgrep habits that change nothing here: line numbers and columns are always given.
  else if (arg == "-n" || arg == "--line-number" || arg == "--column" || arg == "--no-heading" ||
           arg == "--vimgrep" || arg == "-H" || arg == "--with-filename")
    return true;
  else
    return false;
  return true;
}

// Options with a value (`-A 2`, `--glob=*.py`); false when `arg` is not one or the value is bad.
bool parseValueOption(const std::string& name, const std::string& value, GrepArgs& parsed) {
  auto& r = parsed.request;
  std::uint64_t n = 0;
  if (name == "-g" || name == "--glob")
    r.paths.globs.push_back(value);
  else if (name == "-t" || name == "--type")
    r.paths.types.push_back(value);
  else if (name == "-T" || name == "--type-not")
    r.paths.typesNot.push_back(value);
  else if (!parseCount(value, n))
    return false;
  else if (name == "-A" || name == "--after-context")
    r.contextAfter = static_cast<std::uint32_t>(n);
  else if (name == "-B" || name == "--before-context")
    r.contextBefore = static_cast<std::uint32_t>(n);
  else if (name == "-C" || name == "--context") {
    r.contextBefore = r.contextAfter = static_cast<std::uint32_t>(n);
  } else if (name == "--max-results" && n > 0)
    r.maxResults = n;
  else if (name == "--threads" && n > 0)
    r.threads = static_cast<unsigned>(n);
  else
    return false;
  return true;
}

bool takesValue(const std::string& name) {
  for (const char* option :
       {"-g", "--glob", "-t", "--type", "-T", "--type-not", "-A", "--after-context", "-B",
        "--before-context", "-C", "--context", "--max-results", "--threads"}) {
    if (name == option) return true;
  }
  return false;
}

std::optional<GrepArgs> parseArgs(const std::vector<std::string>& args, std::size_t first) {
  GrepArgs parsed;
  parsed.request.maxResults = SIZE_MAX;
  parsed.request.filtersWiden = true;
  std::optional<std::string> pattern;
  bool optionsDone = false;
  for (std::size_t i = first; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (!optionsDone && arg == "--") {
      optionsDone = true;
      continue;
    }
    if (optionsDone || arg.empty() || arg[0] != '-' || arg == "-") {
      (pattern ? parsed.paths.push_back(arg) : void(pattern = arg));
      continue;
    }
    if (parseFlag(arg, parsed)) continue;
    auto eq = arg.find('=');
    std::string name = arg.substr(0, eq);
    bool ok = false;
    if (eq != std::string::npos) {
      ok = parseValueOption(name, arg.substr(eq + 1), parsed);
    } else if (takesValue(arg) && i + 1 < args.size()) {
      ok = parseValueOption(arg, args[++i], parsed);
    }
    if (!ok) {
      std::cerr << "gloss grep: bad argument '" << arg << "'\nRun 'gloss --help' for usage.\n";
      return std::nullopt;
    }
  }
  if (!pattern) {
    std::cerr << "gloss grep: no pattern given\n";
    return std::nullopt;
  }
  parsed.request.pattern.pattern = *pattern;
  parsed.request.useIndex = false;  // see runGrepCommand: the CLI scans
  if (parsed.paths.empty()) parsed.paths.push_back(".");
  return parsed;
}

// Writes each file's hits as they come: JSON lines, or `path:line:column:text` (`path-line-text`
// for context lines), with paths shown as ripgrep shows them (joined to the argument given).
class PrintingListener : public commands::GrepListener {
 public:
  PrintingListener(const GrepArgs& args) : args_(args) {}

  void onFile(const indexer::GrepFileHits& hits,
              const std::vector<const indexer::Symbol*>& enclosing) override {
    std::string shown = displayPath(hits);
    for (std::size_t i = 0; i < hits.lines.size(); ++i) {
      const indexer::GrepLine& line = hits.lines[i];
      std::string out = args_.json ? jsonLine(shown, line, enclosing[i]) : plainLine(shown, line);
      std::fwrite(out.data(), 1, out.size(), stdout);
    }
  }

 private:
  std::string displayPath(const indexer::GrepFileHits& hits) const {
    std::string arg = args_.paths[std::min<std::size_t>(hits.rootIndex, args_.paths.size() - 1)];
    while (arg.size() > 1 && arg.back() == '/') arg.pop_back();
    if (arg == "." || arg == "./") return hits.relativePath;
    if (std::filesystem::is_regular_file(arg)) return arg;
    return arg + "/" + hits.relativePath;
  }

  static std::string plainLine(const std::string& path, const indexer::GrepLine& line) {
    std::string number = std::to_string(line.line + 1);
    if (line.isContext()) return path + "-" + number + "-" + line.text + "\n";
    return path + ":" + number + ":" + std::to_string(line.spans.front().begin + 1) + ":" +
           line.text + "\n";
  }

  // Written by hand: building a json::value per line costs more than the search itself when
  // every line matches.
  static std::string jsonLine(const std::string& path, const indexer::GrepLine& line,
                              const indexer::Symbol* symbol) {
    std::string out =
        line.isContext() ? R"({"type":"context","path":)" : R"({"type":"match","path":)";
    protocol::appendJsonString(out, path);
    out += ",\"line\":" + std::to_string(line.line + 1) + ",\"text\":";
    protocol::appendJsonString(out, line.text);
    if (!line.isContext()) {
      out += ",\"submatches\":[";
      for (std::size_t i = 0; i < line.spans.size(); ++i) {
        out += (i ? ",{\"start\":" : "{\"start\":") + std::to_string(line.spans[i].begin) +
               ",\"end\":" + std::to_string(line.spans[i].end) + "}";
      }
      out += "]";
      if (symbol) {
        out += ",\"symbol\":";
        protocol::appendJsonString(out, symbol->name);
      }
    }
    out += "}\n";
    return out;
  }

  const GrepArgs& args_;
};

// The workspace index of these roots, when `gloss index` or the daemon has built one: the
// enclosing symbols of hits come from it (for files unchanged since).
std::optional<indexer::IndexReader> openIndex(const std::vector<std::string>& roots) {
  std::string path = cacheDirectory(roots) + "/index.db";
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return std::nullopt;
  auto reader = indexer::IndexReader::open(path);
  if (!reader) return std::nullopt;
  return std::move(*reader);
}

}  // namespace

int runGrepCommand(const std::vector<std::string>& args, std::size_t first) {
  for (std::size_t i = first; i < args.size() && args[i] != "--"; ++i) {
    if (args[i] == "-h" || args[i] == "--help") {
      std::cout << kGrepUsage;
      return 0;
    }
  }
  std::optional<GrepArgs> parsed = parseArgs(args, first);
  if (!parsed) return 2;
  commands::GrepContext context;
  for (const auto& path : parsed->paths) {
    std::error_code ec;
    auto absolute = std::filesystem::absolute(path, ec).lexically_normal().string();
    if (ec || !std::filesystem::exists(absolute, ec)) {
      std::cerr << "gloss grep: " << path << ": no such file or directory\n";
      return 2;
    }
    if (absolute.size() > 1 && absolute.back() == '/') absolute.pop_back();
    context.roots.push_back(absolute);
  }
  context.walk = indexer::IndexerOptions::unlimitedWalk();
  context.walk.threads = parsed->request.threads;
  context.walk.followSymlinks = parsed->follow;
  std::optional<indexer::IndexReader> index;
  if (parsed->useIndex) index = openIndex(context.roots);
  context.index = index ? &*index : nullptr;
  // Nothing keeps that index current while no daemon runs, so its trigrams are not trusted:
  // the command line always scans, like ripgrep.
  context.indexCurrent = false;

  static char buffer[1 << 16];
  std::setvbuf(stdout, buffer, _IOFBF, sizeof buffer);
  PrintingListener listener(*parsed);
  auto summary = commands::runGrep(parsed->request, context, listener);
  if (!summary) {
    std::cerr << "gloss grep: " << summary.error() << "\n";
    return 2;
  }
  if (parsed->json) {
    const auto& stats = summary->stats;
    json::object totals{{"type", "summary"},
                        {"filesSearched", stats.filesSearched},
                        {"filesMatched", stats.filesMatched},
                        {"matches", stats.matches},
                        {"lines", stats.matchLines},
                        {"truncated", stats.truncated},
                        {"elapsedMs", static_cast<std::int64_t>(summary->elapsedMs + 0.5)},
                        {"mode", summary->mode}};
    std::string out = json::serialize(totals) + "\n";
    std::fwrite(out.data(), 1, out.size(), stdout);
  }
  std::fflush(stdout);
  return summary->stats.matchLines > 0 ? 0 : 1;
}

}  // namespace gloss::server
