#include "server/DiffCli.h"

#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <optional>

#include "commands/diff/DiffCommand.h"
#include "commands/llm/ConfigSources.h"
#include "server/CliArgs.h"

namespace gloss::server {

namespace {

namespace diff = commands::diff;

std::atomic<bool> interrupted{false};

struct DiffArgs {
  diff::DiffSpec spec;
  int modes = 0;  // how many of --diff/--staged/--working-tree/--commits were given
  std::string root = ".";
  bool json = false;
  std::string output;
  bool failOnProviderError = false;
  bool quiet = false;
  bool verbose = false;
  llm::ConfigLayer providerFlags;
};

int usageError(const std::string& message) {
  std::cerr << "gloss summarize: " << message << "\nRun 'gloss --help' for usage.\n";
  return 2;
}

// Splits "--flag=value" into the flag and its value.
std::pair<std::string, std::optional<std::string>> splitFlag(const std::string& arg) {
  std::size_t eq = arg.find('=');
  if (!arg.starts_with("--") || eq == std::string::npos) return {arg, std::nullopt};
  return {arg.substr(0, eq), arg.substr(eq + 1)};
}

std::optional<DiffArgs> parse(std::vector<std::string> args, std::size_t first) {
  DiffArgs parsed;
  auto flags = llm::takeCliFlags(args);
  if (!flags) {
    usageError(flags.error());
    return std::nullopt;
  }
  parsed.providerFlags = std::move(*flags);
  for (std::size_t i = first; i < args.size(); ++i) {
    auto [flag, inlineValue] = splitFlag(args[i]);
    auto value = [&, flag = flag, inlineValue = inlineValue]() -> std::optional<std::string> {
      if (inlineValue) return inlineValue;
      if (i + 1 < args.size()) return args[++i];
      usageError(flag + " needs a value");
      return std::nullopt;
    };
    std::optional<std::string> v;
    if (flag == "--diff") {
      if (!(v = value())) return std::nullopt;
      parsed.spec = {diff::DiffMode::Range, *v, 1};
      ++parsed.modes;
    } else if (flag == "--staged" || flag == "--cached" || flag == "--working-tree") {
      parsed.spec.mode =
          flag == "--working-tree" ? diff::DiffMode::WorkingTree : diff::DiffMode::Staged;
      ++parsed.modes;
    } else if (flag == "--commits") {
      std::uint64_t n = 0;
      if (!(v = value())) return std::nullopt;
      if (!parseCount(*v, n) || n == 0 || n > 100000) {
        usageError("--commits needs a positive number, got '" + *v + "'");
        return std::nullopt;
      }
      parsed.spec = {diff::DiffMode::Commits, "", static_cast<int>(n)};
      ++parsed.modes;
    } else if (flag == "--format") {
      if (!(v = value())) return std::nullopt;
      if (*v != "json" && *v != "markdown" && *v != "md") {
        usageError("--format is markdown or json, got '" + *v + "'");
        return std::nullopt;
      }
      parsed.json = *v == "json";
    } else if (flag == "--json") {
      parsed.json = true;
    } else if (flag == "--output" || flag == "-o") {
      if (!(v = value())) return std::nullopt;
      parsed.output = *v;
    } else if (flag == "--root") {
      if (!(v = value())) return std::nullopt;
      parsed.root = *v;
    } else if (flag == "--db") {
      // Accepted for symmetry with the other commands; a diff summary uses no index.
      if (!(v = value())) return std::nullopt;
    } else if (flag == "--fail-on-provider-error") {
      parsed.failOnProviderError = true;
    } else if (flag == "--quiet" || flag == "-q") {
      parsed.quiet = true;
    } else if (flag == "--verbose" || flag == "-v") {
      parsed.verbose = true;
    } else {
      usageError("bad argument '" + args[i] + "'");
      return std::nullopt;
    }
  }
  if (parsed.modes != 1) {
    usageError("give exactly one of --diff BASE...HEAD, --staged, --working-tree, --commits N");
    return std::nullopt;
  }
  return parsed;
}

bool writeOutput(const std::string& text, const std::string& path) {
  if (path.empty() || path == "-") {
    std::cout << text;
    std::cout.flush();
    return static_cast<bool>(std::cout);
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  return static_cast<bool>(out.flush());
}

}  // namespace

bool isDiffSummary(const std::vector<std::string>& args, std::size_t first) {
  for (std::size_t i = first; i < args.size(); ++i) {
    std::string flag = splitFlag(args[i]).first;
    if (flag == "--diff" || flag == "--staged" || flag == "--cached" || flag == "--working-tree" ||
        flag == "--commits")
      return true;
  }
  return false;
}

int runDiffCommand(const std::vector<std::string>& argv, std::size_t first) {
  std::optional<DiffArgs> args = parse(argv, first);
  if (!args) return 2;
  std::string providerError;
  std::unique_ptr<llm::Provider> provider =
      providerFromCommandLine(args->providerFlags, providerError);
  if (!provider) return usageError(providerError);

  bool terminal = ::isatty(STDERR_FILENO) && !args->quiet;
  diff::SummaryCallbacks callbacks;
  if (args->verbose && !args->quiet) {
    callbacks.progress = [](const std::string& message) {
      std::fprintf(stderr, "gloss summarize: %s\n", message.c_str());
    };
  } else if (terminal) {
    callbacks.progress = [](const std::string& message) {
      std::fprintf(stderr, "\r\033[K%s", message.c_str());
      std::fflush(stderr);
    };
  }
  std::signal(SIGINT, [](int) { interrupted = true; });
  std::signal(SIGPIPE, SIG_IGN);  // a git that exits early must not kill us mid-write
  callbacks.cancelled = [] { return interrupted.load(); };

  diff::DiffRequest request{args->root, args->spec, {}};
  auto report = diff::runDiffSummary(request, *provider, callbacks);
  if (terminal && !args->verbose) std::fprintf(stderr, "\r\033[K");
  if (!report) {
    std::cerr << "gloss summarize: " << report.error().message << "\n";
    return report.error().kind == diff::DiffError::Kind::Git ? 1 : 2;
  }
  if (interrupted) return 130;
  if (!report->fallbackNote.empty()) {
    if (args->failOnProviderError) {
      std::cerr << "gloss summarize: the provider failed: " << report->summary.error->message
                << "\n";
      return 3;
    }
    if (!args->quiet) std::cerr << "gloss summarize: " << report->fallbackNote << "\n";
  }
  if (args->verbose && !args->quiet)
    std::cerr << "gloss summarize: " << report->changes.files.size() << " files, "
              << report->changes.symbols.size() << " changed definitions, "
              << report->summary.requests << " model requests\n";
  std::string text = args->json ? boost::json::serialize(diff::renderJson(*report)) + "\n"
                                : diff::renderMarkdown(*report);
  if (!writeOutput(text, args->output)) {
    std::cerr << "gloss summarize: cannot write " << args->output << "\n";
    return 1;
  }
  return 0;
}

}  // namespace gloss::server
