#include "server/Cli.h"

#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <iostream>
#include <optional>
#include <thread>

#include "commands/llm/ConfigSources.h"
#include "protocol/Transport.h"
#include "server/AllocatorTuning.h"
#include "server/CliArgs.h"
#include "server/CommandCli.h"
#include "server/GrepCli.h"
#include "server/IndexCommand.h"
#include "server/SelfCheck.h"
#include "server/Server.h"
#include "server/Version.h"

namespace gloss::server {
namespace {

constexpr const char* kUsage =
    R"(gloss — code-aware assistance for editors, over the Language Server Protocol

Usage:
  gloss [serve] [options]     serve LSP over stdio (what an editor launches)
  gloss index [PATH...]       build or update the index of a workspace and print a summary
        [--db FILE|:memory:] [--json] [--quiet] [--exclude GLOB]... [--no-ignore-files]
        [--include-hidden] [--max-file-size BYTES] [--threads N]
        [--only FILE]...  (re-index just these files, as a save does)
  gloss grep [OPTIONS] PATTERN [PATH...]
                              search files like ripgrep (RE2 syntax; gitignore, hidden and
                              binary files skipped): -F -i -s -S (smart case, the default) -w -L
                              -g GLOB (!GLOB excludes) -t/-T TYPE -A/-B/-C N --max-results N
                              --hidden --no-ignore --binary --json --no-index --threads N;
                              exit status 0 matched, 1 no match, 2 error
  gloss explain TARGET [--question TEXT] [--show-context]
                              explain code: TARGET is path:line, path:line-line or a symbol;
                              --show-context prints what the model would get, token counts
                              included, and asks nothing
  gloss generate-tests TARGET [--write]
                              tests for a symbol, a position or a file, in the framework the
                              repository uses; --write creates the proposed test file
  gloss summarize [PATH]      summarize a file, a folder or (default) the workspace
  gloss summarize --diff BASE...HEAD | --diff BASE..HEAD | --staged | --working-tree |
        --commits N           summarize a change for CI (no index needed): what each hunk does
                              to functions and classes, risk notes, a changed-symbols table;
        [--format markdown|json] [--output FILE] [--fail-on-provider-error] [--verbose]
                              exit status 0 done (a failed model falls back to the structural
                              summary, noted on stderr), 1 git failed, 2 bad arguments, not a
                              git repository or unknown revision, 3 the provider failed and
                              --fail-on-provider-error was given (docs/diff.md)
        common options: [--root DIR] (default: the enclosing git repository, else the current
        folder) [--db FILE|:memory:] [--json] [--quiet] and the provider flags below; the
        answer streams to stdout as Markdown; exit status 0 done, 1 the answer failed or was
        cut off, 2 bad arguments or no such target
  gloss status [--json]       start an in-process server, run initialize, gloss/status and
                              shutdown, and print the status
  gloss --version             print the version
  gloss --help                print this help

Options for serve:
  --stdio                     use stdin/stdout (the default and only transport)
  --log-level LEVEL           error | warning | info | debug (default: info); logs go to stderr
                              and, once initialized, to the editor as window/logMessage
  --max-message-bytes N       refuse messages larger than N bytes (default: 67108864); only
                              this flag sets it (docs/limits.md has every limit)
  --workers N                 request worker threads (default: number of cores, at least 2)
  --max-queued N              requests waiting for a worker before new ones are refused
                              with -32803 (default: 256; wins over the maxQueuedRequests
                              setting)
  --db FILE                   the index database (default: $XDG_CACHE_HOME/gloss/<workspace>/index.db)
  --sessions-db FILE          the chat sessions database (default:
                              $XDG_DATA_HOME/gloss/<workspace>/sessions.db; :memory: allowed)
  --no-index                  do not build an index (documents and symbols still work)
  --test-methods              enable gloss/test/* methods (for the test suite)
  --provider NAME             language model: offline (the default when nothing is configured),
                              openai, azure, openrouter, ollama, llamacpp, vllm, lmstudio,
                              anthropic; also --base-url URL, --model NAME, --api-version V,
                              --context-limit N, --max-output-tokens N, --max-retries N,
                              --connect-timeout-ms N, --first-token-timeout-ms N,
                              --idle-timeout-ms N. These win over the editor's settings, which
                              win over GLOSS_* environment variables (docs/llm.md). Keys come
                              from settings or the environment, never from the command line.

Exit status: 0 after shutdown+exit, 1 when exit comes without shutdown or input ends first,
2 for bad arguments.
)";

struct ServeArgs {
  ServerOptions server;
  std::size_t maxMessageBytes = protocol::FramedTransport::kDefaultMaxMessageBytes;
};

// A positive count for a size_t option.
bool parsePositive(const std::string& text, std::size_t& out) {
  std::uint64_t value = 0;
  if (!parseCount(text, value) || value == 0) return false;
  out = static_cast<std::size_t>(value);
  return true;
}

std::optional<ServeArgs> parseServeArgs(const std::vector<std::string>& args, std::size_t first) {
  ServeArgs parsed;
  parsed.server.workerThreads = std::max(2u, std::thread::hardware_concurrency());
  for (std::size_t i = first; i < args.size(); ++i) {
    const std::string& arg = args[i];
    auto value = [&]() -> const std::string* { return i + 1 < args.size() ? &args[++i] : nullptr; };
    const std::string* v = nullptr;
    if (arg == "--stdio") continue;
    if (arg == "--test-methods") {
      parsed.server.testMethods = true;
    } else if (arg == "--no-index") {
      parsed.server.indexing = false;
    } else if (arg == "--db" && (v = value())) {
      parsed.server.indexPath = *v;
    } else if (arg == "--sessions-db" && (v = value())) {
      parsed.server.sessionsPath = *v;
    } else if (arg == "--log-level" && (v = value()) && parseLogLevel(*v, parsed.server.logLevel)) {
    } else if (arg == "--max-message-bytes" && (v = value()) &&
               parsePositive(*v, parsed.maxMessageBytes)) {
    } else if (arg == "--workers" && (v = value()) &&
               parsePositive(*v, parsed.server.workerThreads)) {
    } else if (std::size_t queued = 0;
               arg == "--max-queued" && (v = value()) && parsePositive(*v, queued)) {
      parsed.server.maxQueuedRequests = queued;
    } else {
      std::cerr << "gloss: bad argument '" << arg << (v ? " " + *v : std::string()) << "'\n"
                << "Run 'gloss --help' for usage.\n";
      return std::nullopt;
    }
  }
  return parsed;
}

int serve(const ServeArgs& args) {
  tuneAllocatorForDaemon();  // a daemon runs for days: its RSS must not creep (docs/soak.md)
  // Only protocol messages may reach stdout: keep a private handle on it for the transport and
  // point fd 1 at stderr, so a stray print anywhere cannot corrupt the stream.
  int protocolOut = ::dup(STDOUT_FILENO);
  if (protocolOut < 0 || ::dup2(STDERR_FILENO, STDOUT_FILENO) < 0) {
    std::perror("gloss: cannot set up stdout");
    return 1;
  }
  std::signal(SIGPIPE, SIG_IGN);
  protocol::FramedTransport transport(
      std::make_unique<protocol::FdChannel>(STDIN_FILENO, protocolOut), args.maxMessageBytes);
  Server server(transport, args.server);
  return server.run();
}

}  // namespace

int runCli(const std::vector<std::string>& args) {
  std::string command = args.size() > 1 ? args[1] : "serve";
  if (command == "--version" || command == "version") {
    std::cout << "gloss " << kVersion << "\n";
    return 0;
  }
  if (command == "--help" || command == "-h" || command == "help") {
    std::cout << kUsage;
    return 0;
  }
  if (command == "status") return runSelfCheck(args, 2);
  if (command == "index") return runIndexCommand(args, 2);
  if (command == "grep") return runGrepCommand(args, 2);
  if (command == "explain" || command == "generate-tests" || command == "summarize")
    return runCodeCommand(args, 2);
  std::size_t first = command == "serve" ? 2 : 1;
  if (command != "serve" && command.rfind("--", 0) != 0) {
    std::cerr << "gloss: unknown command '" << command << "'\nRun 'gloss --help' for usage.\n";
    return 2;
  }
  std::vector<std::string> rest = args;
  auto providerFlags = llm::takeCliFlags(rest);
  if (!providerFlags) {
    std::cerr << "gloss: " << providerFlags.error() << "\n";
    return 2;
  }
  std::optional<ServeArgs> serveArgs = parseServeArgs(rest, first);
  if (!serveArgs) return 2;
  serveArgs->server.providerFlags = std::move(*providerFlags);
  return serve(*serveArgs);
}

}  // namespace gloss::server
