#include "server/CommandCli.h"

#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>

#include "commands/Markdown.h"
#include "commands/TargetSpec.h"
#include "commands/explain/Explain.h"
#include "commands/generate_tests/GenerateTests.h"
#include "commands/llm/ConfigSources.h"
#include "commands/redact/Findings.h"
#include "commands/summarize/Summarize.h"
#include "indexer/PathContainment.h"
#include "server/CliArgs.h"
#include "server/DiffCli.h"
#include "server/IndexOpen.h"
#include "server/WorkspacePaths.h"

namespace gloss::server {

namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

std::atomic<bool> interrupted{false};

struct CodeArgs {
  std::string command;  // explain | generate-tests | summarize
  std::string target;
  std::string question;
  std::string root;
  std::string database;
  bool showContext = false;
  bool write = false;
  bool json = false;
  bool quiet = false;
  llm::ConfigLayer providerFlags;
};

int usageError(const std::string& command, const std::string& message) {
  std::cerr << "gloss " << command << ": " << message << "\nRun 'gloss --help' for usage.\n";
  return 2;
}

std::optional<CodeArgs> parse(std::vector<std::string> args, std::size_t first, int& status) {
  status = 2;
  CodeArgs parsed;
  parsed.command = args[first - 1];
  auto flags = llm::takeCliFlags(args);
  if (!flags) {
    usageError(parsed.command, flags.error());
    return std::nullopt;
  }
  parsed.providerFlags = std::move(*flags);
  for (std::size_t i = first; i < args.size(); ++i) {
    const std::string& arg = args[i];
    const std::string* value = i + 1 < args.size() ? &args[i + 1] : nullptr;
    if (arg == "--json") {
      parsed.json = true;
    } else if (arg == "--quiet" || arg == "-q") {
      parsed.quiet = true;
    } else if (arg == "--show-context" && parsed.command == "explain") {
      parsed.showContext = true;
    } else if (arg == "--write" && parsed.command == "generate-tests") {
      parsed.write = true;
    } else if ((arg == "--question" || arg == "--root" || arg == "--db") && value) {
      (arg == "--question" ? parsed.question
       : arg == "--root"   ? parsed.root
                           : parsed.database) = *value;
      ++i;
    } else if (!arg.starts_with("-") && parsed.target.empty()) {
      parsed.target = arg;
    } else {
      usageError(parsed.command, "bad argument '" + arg + "'");
      return std::nullopt;
    }
  }
  if (parsed.target.empty() && parsed.command != "summarize") {
    usageError(parsed.command, "a target is needed (path:line, a path, or a symbol)");
    return std::nullopt;
  }
  status = 0;
  return parsed;
}

// A path the user typed, made absolute from the current folder and checked against the root
// with symlinks resolved.
std::optional<std::string> insideRoot(const std::string& path, const std::string& root,
                                      const std::string& command) {
  std::error_code ec;
  auto inside = indexer::containedPath(fs::absolute(path, ec).string(), {root});
  if (!inside) usageError(command, "refused: " + path + " is outside the workspace " + root);
  return inside;
}

// `--root` as given, made absolute; empty when it is not a folder.
std::string absoluteFolder(const std::string& path) {
  std::error_code ec;
  std::string absolute = indexer::normalPath(fs::absolute(path, ec).string());
  return fs::is_directory(absolute, ec) ? absolute : std::string();
}

json::object outcomeJson(const commands::CommandOutcome& outcome, const llm::Provider& provider,
                         const std::string& root) {
  json::array references, files, ambiguous;
  for (const commands::ContextItem& item : outcome.context.items) {
    references.push_back(json::object{{"path", commands::relativeTo(item.path, root)},
                                      {"startLine", item.startLine + 1},
                                      {"endLine", item.endLine + 1},
                                      {"symbol", item.symbol},
                                      {"role", commands::toString(item.role)},
                                      {"why", item.why},
                                      {"tokens", item.tokens}});
  }
  for (const commands::FileProposal& file : outcome.files) {
    files.push_back(json::object{{"path", commands::relativeTo(file.path, root)},
                                 {"content", file.content},
                                 {"exists", file.exists}});
  }
  for (const commands::SymbolCandidate& c : outcome.ambiguous) {
    ambiguous.push_back(json::object{{"path", commands::relativeTo(c.path, root)},
                                     {"line", c.line + 1},
                                     {"qualifiedName", c.qualifiedName},
                                     {"kind", c.kind}});
  }
  const llm::ChatResult& r = outcome.result;
  json::object out{{"title", outcome.title},      {"content", r.text},
                   {"provider", provider.name()}, {"model", r.model},
                   {"complete", r.complete},      {"contextTokens", outcome.context.tokens},
                   {"references", references},    {"files", files},
                   {"ambiguous", ambiguous}};
  if (r.error) out["error"] = r.error->message;
  if (!r.redactions.empty()) out["redactions"] = redact::toJSON(r.redactions);
  return out;
}

commands::CommandResult<commands::CommandOutcome> dispatch(const CodeArgs& args,
                                                           const commands::CommandEnv& env,
                                                           const std::string& target) {
  if (args.command == "summarize") return runSummarize(env, {target, args.question});
  auto exists = [](const std::string& p) {
    std::error_code ec;
    return fs::is_regular_file(p, ec);
  };
  commands::TargetSpec spec = commands::parseTargetSpec(args.target, exists);
  commands::ContextTarget resolved{target, spec.line, spec.endLine, spec.symbol};
  if (!spec.symbol.empty()) resolved.path.clear();
  if (args.command == "explain") {
    commands::ExplainRequest request{resolved, args.question, {}, args.showContext};
    return runExplain(env, request);
  }
  return runGenerateTests(env, {resolved, args.question});
}

int writeProposals(const commands::CommandOutcome& outcome, const CodeArgs& args,
                   const std::string& root) {
  for (const commands::FileProposal& file : outcome.files) {
    std::string rel = commands::relativeTo(file.path, root);
    // Checked again with symlinks resolved right before writing: a folder on the way that
    // leads out of the workspace must not receive the file.
    if (!indexer::containedPath(file.path, {root})) {
      std::cerr << "gloss generate-tests: refused to write " << file.path << " (outside " << root
                << ")\n";
      return 2;
    }
    if (!args.write) {
      if (!args.quiet)
        std::cerr << "gloss generate-tests: run with --write to create " << rel << "\n";
      continue;
    }
    std::error_code ec;
    fs::create_directories(fs::path(file.path).parent_path(), ec);
    std::ofstream out(file.path, std::ios::binary | std::ios::trunc);
    out << file.content;
    if (!out.flush()) {
      std::cerr << "gloss generate-tests: cannot write " << rel << "\n";
      return 1;
    }
    if (!args.quiet) std::cerr << "gloss generate-tests: wrote " << rel << "\n";
  }
  return 0;
}

}  // namespace

int runCodeCommand(const std::vector<std::string>& argv, std::size_t first) {
  // A change summary needs git, not the index: it has its own front door.
  if (argv[first - 1] == "summarize" && isDiffSummary(argv, first))
    return runDiffCommand(argv, first);
  int status = 0;
  std::optional<CodeArgs> args = parse(argv, first, status);
  if (!args) return status;
  const std::string& name = args->command;
  std::string root = args->root.empty() ? workspaceRootOf(".") : absoluteFolder(args->root);
  if (root.empty()) return usageError(name, "not a folder: " + args->root);
  std::string target = root;
  if (!args->target.empty()) {
    commands::TargetSpec spec = commands::parseTargetSpec(args->target, [](const std::string& p) {
      std::error_code ec;
      return fs::exists(p, ec);
    });
    if (spec.symbol.empty() || name == "summarize") {
      auto inside = insideRoot(spec.path.empty() ? args->target : spec.path, root, name);
      if (!inside) return 2;
      target = *inside;
    }
  }
  std::string providerError;
  std::unique_ptr<llm::Provider> provider =
      providerFromCommandLine(args->providerFlags, providerError);
  if (!provider) return usageError(name, providerError);

  bool terminal = ::isatty(STDERR_FILENO) && !args->quiet;
  IndexUpdateOptions indexOptions{
      {root},   args->database.empty() ? cacheDirectory({root}) + "/index.db" : args->database,
      {},       args->quiet,
      terminal, "gloss " + name};
  auto index = openUpdatedIndex(indexOptions);
  if (!index) {
    std::cerr << "gloss " << name << ": " << index.error() << "\n";
    return 1;
  }
  std::signal(SIGINT, [](int) { interrupted = true; });
  bool stream = !args->json;
  commands::CommandEnv env{*index->store, {root}, {}, *provider, {}, {}, {}};
  if (stream) {
    env.onDelta = [](std::string_view text) {
      std::fwrite(text.data(), 1, text.size(), stdout);
      std::fflush(stdout);
    };
  }
  env.cancelled = [] { return interrupted.load(); };
  if (terminal)
    env.onProgress = [](const std::string& message, std::optional<int>) {
      std::fprintf(stderr, "\r%s", message.c_str());
      std::fflush(stderr);
    };
  auto outcome = dispatch(*args, env, target);
  if (!outcome) {
    std::cerr << "gloss " << name << ": " << outcome.error().message << "\n";
    return outcome.error().kind == commands::CommandError::Kind::InvalidTarget ? 2 : 1;
  }
  const llm::ChatResult& result = outcome->result;
  if (args->json) {
    std::cout << json::serialize(outcomeJson(*outcome, *provider, root)) << "\n";
  } else if (!result.text.empty() && !result.text.ends_with('\n')) {
    std::cout << "\n";
  }
  std::cout.flush();
  if (!result.redactions.empty() && !args->quiet)
    std::cerr << "gloss " << name << ": " << redact::describe(result.redactions) << "\n";
  if (int written = writeProposals(*outcome, *args, root)) return written;
  if (result.error) {
    std::cerr << "gloss " << name << ": " << result.error->message << "\n";
    return 1;
  }
  return interrupted ? 130 : 0;
}

}  // namespace gloss::server
