// Ignore rules with git's semantics: one compiled ignore file (IgnoreRules), and the chain of
// ignore files that applies to a directory during a walk (IgnoreChain).
//
// Precedence in a chain (first decisive match wins): deeper directories before shallower ones;
// within one directory `.ignore`, then `.gitignore`, then `.git/info/exclude`; the exclude
// patterns from gloss's settings come last. Like ripgrep, git's files stop applying above the
// directory that holds a repository's `.git` (a nested repository is its own world), while
// `.ignore` files and settings keep applying.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "indexer/Glob.h"

namespace gloss::indexer {

enum class IgnoreMatch {
  NoMatch,  // no rule says anything about the path
  Ignore,   // the last matching rule excludes it
  Include,  // the last matching rule is a `!` negation: explicitly whitelisted
};

// A line that could not be compiled; the rest of its file still applies.
// Also used for ignore files that exist but cannot be read.
struct IgnoreWarning {
  std::string path;
  std::size_t line = 0;  // 1-based; 0 when not about one line
  std::string message;
};

class IgnoreRules {
 public:
  IgnoreRules() = default;

  // Compiles the text of one ignore file; `source` names it in warnings.
  static IgnoreRules parse(std::string_view text, std::string source);
  // Compiles one pattern per element (gloss's exclude setting), in gitignore syntax.
  static IgnoreRules fromPatterns(const std::vector<std::string>& patterns, std::string source);

  // `path` is relative to the directory holding the ignore file, '/'-separated, no leading '/'.
  IgnoreMatch match(std::string_view path, bool isDirectory) const;

  std::size_t size() const { return rules_.size(); }
  const std::vector<IgnoreWarning>& warnings() const { return warnings_; }

 private:
  struct Rule {
    Glob glob;
    bool negated = false;
    bool directoryOnly = false;
    bool matchesBasename = false;  // no '/' in the pattern: matches the name at any depth
  };
  struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  using RuleIndex =
      std::unordered_map<std::string, std::vector<std::uint32_t>, StringHash, std::equal_to<>>;

  void addLine(std::string_view line, std::size_t lineNumber);
  void addRule(Rule rule);
  bool applies(const Rule& rule, std::string_view path, std::string_view name, bool isDir) const;
  int lastMatchIn(const std::vector<std::uint32_t>& candidates, int better, std::string_view path,
                  std::string_view name, bool isDirectory) const;

  std::string source_;
  std::vector<Rule> rules_;
  std::vector<IgnoreWarning> warnings_;
  // Rules sorted into buckets so a path is tested only against rules that could match it;
  // each bucket holds rule indices in file order.
  RuleIndex byName_;       // basename rules without wildcards ("node_modules")
  RuleIndex byExtension_;  // basename rules like `*.o`, keyed by the text after the last '.'
  std::vector<std::uint32_t> others_;
};

// Which file a set of rules came from; also their precedence within one directory.
enum class IgnoreFileKind : std::uint8_t { DotIgnore, GitIgnore, GitInfoExclude, Settings };

struct IgnoreFile {
  IgnoreFileKind kind;
  IgnoreRules rules;
};

// Immutable, shared by every directory below the one that adds it, so walker threads can use it
// without locks. A directory without ignore files reuses its parent's chain.
class IgnoreChain {
 public:
  // The bottom of a chain: rules relative to the workspace root that apply after all others.
  static std::shared_ptr<const IgnoreChain> base(IgnoreRules settingsExcludes);
  // A level for a directory inside the root; `directoryPath` is relative to the root ("" for the
  // root itself). `holdsRepository` says the directory contains `.git`.
  static std::shared_ptr<const IgnoreChain> inside(std::shared_ptr<const IgnoreChain> parent,
                                                   std::string_view directoryPath,
                                                   std::vector<IgnoreFile> files,
                                                   bool holdsRepository);
  // A level for a directory above the root (the root is inside its repository);
  // `rootFromHere` is the root's path relative to that directory.
  static std::shared_ptr<const IgnoreChain> above(std::shared_ptr<const IgnoreChain> parent,
                                                  std::string rootFromHere,
                                                  std::vector<IgnoreFile> files,
                                                  bool holdsRepository);

  // `path` is relative to the workspace root and must lie below this level's directory.
  IgnoreMatch match(std::string_view path, bool isDirectory) const;

 private:
  IgnoreChain() = default;
  IgnoreMatch matchLevel(std::string_view path, bool isDirectory, bool outsideRepository) const;

  std::shared_ptr<const IgnoreChain> parent_;
  std::vector<IgnoreFile> files_;  // sorted by precedence
  std::size_t stripLength_ = 0;    // inside levels: drop this many leading chars of a root path
  std::string rootFromHere_;       // above levels: prepend this and a '/'
  bool isAbove_ = false;
  bool holdsRepository_ = false;
};

// The ignore files of one open directory: `.ignore`, `.gitignore` (not read through a symlink,
// as git refuses to) and, when the directory holds `.git`, the repository's `info/exclude`.
struct DirectoryIgnoreFiles {
  std::vector<IgnoreFile> files;
  bool holdsRepository = false;  // the directory contains `.git` (a directory or a gitdir file)
};
DirectoryIgnoreFiles readDirectoryIgnoreFiles(int directoryFd, const std::string& directoryPath,
                                              std::vector<IgnoreWarning>& warnings);

// When `canonicalRoot` lies inside a repository whose top is above it, adds the levels from that
// top down to the root's parent on top of `chain`, so opening a subfolder of a repository
// ignores what git would. Otherwise returns `chain` unchanged.
std::shared_ptr<const IgnoreChain> addLevelsAboveRoot(std::shared_ptr<const IgnoreChain> chain,
                                                      const std::string& canonicalRoot,
                                                      std::vector<IgnoreWarning>& warnings);

}  // namespace gloss::indexer
