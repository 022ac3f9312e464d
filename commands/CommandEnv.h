// What every code-aware command (explain, generate-tests, summarize, chat) runs with: the index,
// the workspace, the provider, and where its output goes. The daemon fills it from a request
// (deltas become `$/progress`, cancellation comes from `$/cancelRequest`); the CLI fills it
// from the command line (deltas go to stdout). One engine, two front doors.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "commands/context/ContextBuilder.h"
#include "commands/llm/Provider.h"
#include "indexer/IndexReader.h"

namespace gloss::commands {

// "3/12 files" style progress for long commands; percent when known.
using ProgressSink = std::function<void(const std::string& message, std::optional<int> percent)>;

struct CommandEnv {
  indexer::IndexReader& index;
  std::vector<std::string> roots;  // workspace folders; roots[0] is the default for paths
  UnsavedText unsaved;             // may be empty
  const llm::Provider& provider;
  llm::DeltaSink onDelta;      // may be empty
  llm::CancelCheck cancelled;  // may be empty
  ProgressSink onProgress;     // may be empty

  const std::string& root() const { return roots.front(); }
  bool isCancelled() const { return cancelled && cancelled(); }
  void progress(const std::string& message, std::optional<int> percent = std::nullopt) const {
    if (onProgress) onProgress(message, percent);
  }
  // The file's text as the editor shows it: the unsaved buffer, else the file on disk.
  std::optional<std::string> text(const std::string& path) const;
  // provider.chat with this environment's sink and cancellation (either may be empty).
  llm::ChatResult chat(const llm::ChatRequest& request) const;
  // The same, with the text kept to itself (map steps of map-reduce).
  llm::ChatResult chatQuietly(const llm::ChatRequest& request) const;
};

// A file a command proposes to create or replace (generated tests); applied only on request.
struct FileProposal {
  std::string path;  // absolute, inside a root
  std::string content;
  bool exists = false;  // the file is already there: applying replaces it
};

// What a command returns to either front door.
struct CommandOutcome {
  llm::ChatResult result;                  // the answer: text streamed as it came, usage, errors
  BuiltContext context;                    // what the prompt held (references for the editor)
  std::vector<SymbolCandidate> ambiguous;  // the target name matched several definitions
  std::vector<FileProposal> files;
  std::string title;  // "Explain `parse_args`", for documents and headings
};

// A command's refusal before any work: a target that does not exist, a file outside the
// workspace, a database failure. Carried as a value to the front door, which maps it to a
// JSON-RPC error or exit status 2.
struct CommandError {
  enum class Kind { InvalidTarget, Database } kind = Kind::InvalidTarget;
  std::string message;
};

template <typename T>
using CommandResult = gloss::Expected<T, CommandError>;

}  // namespace gloss::commands
