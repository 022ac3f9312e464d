// Turns what the user asked for (`BASE...HEAD`, `BASE..HEAD`, `--staged`, `--working-tree`,
// `--commits N`) into two resolved revisions, the unified diff between them and the old and new
// text of each changed file, all read from git. Caps keep a huge diff bounded; what they leave
// out is listed in `omitted`.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "commands/diff/UnifiedDiff.h"
#include "protocol/Expected.h"

namespace gloss::commands::diff {

enum class DiffMode { Range, Staged, WorkingTree, Commits };

struct DiffSpec {
  DiffMode mode = DiffMode::Range;
  std::string range;  // Range: "BASE...HEAD" (from their merge base) or "BASE..HEAD"
  int commits = 1;    // Commits: the last N commits of HEAD
};

struct DiffLimits {
  std::size_t maxDiffBytes = std::size_t{64} << 20;  // git diff output read at most
  std::size_t maxFiles = 1000;                       // files whose symbols are mapped
  std::size_t maxFileBytes = std::size_t{1} << 20;   // a version larger than this is not chunked
  std::chrono::milliseconds gitTimeout{120'000};     // per git process
};

struct DiffError {
  enum class Kind { BadArguments, NotARepository, UnknownRevision, Git } kind = Kind::Git;
  std::string message;
};

struct ResolvedRange {
  std::string label;   // as the user wrote it: "main...feature", "--staged", "HEAD~3..HEAD"
  std::string oldRev;  // a commit or tree id
  std::string newRev;  // a commit id; empty for the index (--staged) or the working tree
  DiffMode mode = DiffMode::Range;
};

struct LoadedDiff {
  std::string root;  // the repository's top folder
  ResolvedRange range;
  ParsedDiff diff;
  // Parallel to diff.files; nullopt when the version does not exist, is binary, too large or
  // beyond the file cap.
  std::vector<std::optional<std::string>> oldTexts, newTexts;
  std::vector<std::string> omitted;  // sentences saying what the caps left out
};

gloss::Expected<LoadedDiff, DiffError> loadGitDiff(const std::string& startDir,
                                                   const DiffSpec& spec,
                                                   const DiffLimits& limits = {});

// The arguments of the `git diff` that loadGitDiff runs (for --verbose and the docs).
std::vector<std::string> gitDiffArguments(const ResolvedRange& range);

}  // namespace gloss::commands::diff
