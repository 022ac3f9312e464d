#include "indexer/IgnoreRules.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <optional>
#include <system_error>

namespace gloss::indexer {

namespace {

// git trims trailing spaces unless escaped with a backslash (`foo\ ` keeps one space).
std::string_view trimTrailingSpaces(std::string_view line) {
  constexpr std::size_t kNone = std::string_view::npos;
  std::size_t firstTrailingSpace = kNone;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == ' ') {
      if (firstTrailingSpace == kNone) firstTrailingSpace = i;
      continue;
    }
    if (line[i] == '\\' && ++i == line.size()) return line;
    firstTrailingSpace = kNone;
  }
  return line.substr(0, firstTrailingSpace);
}

std::string_view baseName(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

}  // namespace

IgnoreRules IgnoreRules::parse(std::string_view text, std::string source) {
  IgnoreRules rules;
  rules.source_ = std::move(source);
  constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
  if (text.starts_with(kUtf8Bom)) text.remove_prefix(kUtf8Bom.size());
  std::size_t lineNumber = 0;
  while (!text.empty()) {
    const std::size_t newline = text.find('\n');
    std::string_view line = text.substr(0, newline);
    text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
    if (line.ends_with('\r')) line.remove_suffix(1);
    rules.addLine(line, ++lineNumber);
  }
  return rules;
}

IgnoreRules IgnoreRules::fromPatterns(const std::vector<std::string>& patterns,
                                      std::string source) {
  IgnoreRules rules;
  rules.source_ = std::move(source);
  for (std::size_t i = 0; i < patterns.size(); ++i) rules.addLine(patterns[i], i + 1);
  return rules;
}

void IgnoreRules::addLine(std::string_view line, std::size_t lineNumber) {
  if (line.empty() || line.front() == '#') return;
  std::string_view pattern = trimTrailingSpaces(line);
  const bool negated = pattern.starts_with('!');
  if (negated) pattern.remove_prefix(1);
  const bool directoryOnly = pattern.ends_with('/');
  if (directoryOnly) pattern.remove_suffix(1);
  if (pattern.empty()) return;
  // Any '/' left (leading or inside) anchors the pattern to this file's directory.
  const bool matchesBasename = pattern.find('/') == std::string_view::npos;
  if (pattern.starts_with('/')) pattern.remove_prefix(1);
  auto glob = Glob::compile(pattern);
  if (!glob) {
    warnings_.push_back({source_, lineNumber, glob.error() + " in '" + std::string(line) + "'"});
    return;
  }
  addRule(Rule{std::move(glob).value(), negated, directoryOnly, matchesBasename});
}

void IgnoreRules::addRule(Rule rule) {
  const auto index = static_cast<std::uint32_t>(rules_.size());
  std::optional<std::string> nameKey;
  std::optional<std::string> extensionKey;
  if (rule.matchesBasename) {
    if (auto literal = rule.glob.exactLiteral()) {
      nameKey = std::string(*literal);
    } else if (auto suffix = rule.glob.literalSuffix()) {
      const std::size_t dot = suffix->rfind('.');
      if (dot != std::string_view::npos) extensionKey = std::string(suffix->substr(dot + 1));
    }
  }
  rules_.push_back(std::move(rule));
  if (nameKey) {
    byName_[*nameKey].push_back(index);
  } else if (extensionKey) {
    byExtension_[*extensionKey].push_back(index);
  } else {
    others_.push_back(index);
  }
}

bool IgnoreRules::applies(const Rule& rule, std::string_view path, std::string_view name,
                          bool isDirectory) const {
  if (rule.directoryOnly && !isDirectory) return false;
  return rule.glob.matches(rule.matchesBasename ? name : path);
}

// The latest rule among `candidates` that matches, if it comes after rule `better`.
int IgnoreRules::lastMatchIn(const std::vector<std::uint32_t>& candidates, int better,
                             std::string_view path, std::string_view name, bool isDirectory) const {
  for (auto it = candidates.rbegin(); it != candidates.rend(); ++it) {
    if (static_cast<int>(*it) <= better) break;
    if (applies(rules_[*it], path, name, isDirectory)) return static_cast<int>(*it);
  }
  return better;
}

IgnoreMatch IgnoreRules::match(std::string_view path, bool isDirectory) const {
  if (rules_.empty()) return IgnoreMatch::NoMatch;
  const std::string_view name = baseName(path);
  int last = -1;
  if (!byName_.empty()) {
    if (auto it = byName_.find(name); it != byName_.end()) {
      last = lastMatchIn(it->second, last, path, name, isDirectory);
    }
  }
  if (!byExtension_.empty()) {
    if (const std::size_t dot = name.rfind('.'); dot != std::string_view::npos) {
      if (auto it = byExtension_.find(name.substr(dot + 1)); it != byExtension_.end()) {
        last = lastMatchIn(it->second, last, path, name, isDirectory);
      }
    }
  }
  last = lastMatchIn(others_, last, path, name, isDirectory);
  if (last < 0) return IgnoreMatch::NoMatch;
  return rules_[last].negated ? IgnoreMatch::Include : IgnoreMatch::Ignore;
}

std::shared_ptr<const IgnoreChain> IgnoreChain::base(IgnoreRules settingsExcludes) {
  std::shared_ptr<IgnoreChain> level(new IgnoreChain());
  level->files_.push_back({IgnoreFileKind::Settings, std::move(settingsExcludes)});
  return level;
}

namespace {
void sortByPrecedence(std::vector<IgnoreFile>& files) {
  std::stable_sort(files.begin(), files.end(),
                   [](const IgnoreFile& a, const IgnoreFile& b) { return a.kind < b.kind; });
}
}  // namespace

std::shared_ptr<const IgnoreChain> IgnoreChain::inside(std::shared_ptr<const IgnoreChain> parent,
                                                       std::string_view directoryPath,
                                                       std::vector<IgnoreFile> files,
                                                       bool holdsRepository) {
  std::shared_ptr<IgnoreChain> level(new IgnoreChain());
  level->parent_ = std::move(parent);
  level->files_ = std::move(files);
  sortByPrecedence(level->files_);
  level->stripLength_ = directoryPath.empty() ? 0 : directoryPath.size() + 1;
  level->holdsRepository_ = holdsRepository;
  return level;
}

std::shared_ptr<const IgnoreChain> IgnoreChain::above(std::shared_ptr<const IgnoreChain> parent,
                                                      std::string rootFromHere,
                                                      std::vector<IgnoreFile> files,
                                                      bool holdsRepository) {
  std::shared_ptr<IgnoreChain> level(new IgnoreChain());
  level->parent_ = std::move(parent);
  level->files_ = std::move(files);
  sortByPrecedence(level->files_);
  level->rootFromHere_ = std::move(rootFromHere);
  level->isAbove_ = true;
  level->holdsRepository_ = holdsRepository;
  return level;
}

IgnoreMatch IgnoreChain::match(std::string_view path, bool isDirectory) const {
  bool outsideRepository = false;
  for (const IgnoreChain* level = this; level != nullptr; level = level->parent_.get()) {
    const IgnoreMatch verdict = level->matchLevel(path, isDirectory, outsideRepository);
    if (verdict != IgnoreMatch::NoMatch) return verdict;
    outsideRepository = outsideRepository || level->holdsRepository_;
  }
  return IgnoreMatch::NoMatch;
}

IgnoreMatch IgnoreChain::matchLevel(std::string_view path, bool isDirectory,
                                    bool outsideRepository) const {
  if (files_.empty()) return IgnoreMatch::NoMatch;
  // Reused per thread so levels above the root cost no allocation per path.
  thread_local std::string joined;
  std::string_view local;
  if (isAbove_) {
    joined.assign(rootFromHere_).append("/").append(path);
    local = joined;
  } else {
    local = path.substr(std::min(stripLength_, path.size()));
  }
  for (const IgnoreFile& file : files_) {
    const bool gitOwned =
        file.kind == IgnoreFileKind::GitIgnore || file.kind == IgnoreFileKind::GitInfoExclude;
    if (outsideRepository && gitOwned) continue;
    const IgnoreMatch verdict = file.rules.match(local, isDirectory);
    if (verdict != IgnoreMatch::NoMatch) return verdict;
  }
  return IgnoreMatch::NoMatch;
}

namespace {

std::string joined(std::string_view directory, std::string_view name) {
  std::string out(directory);
  if (!out.empty() && out.back() != '/') out.push_back('/');
  return out.append(name);
}

bool exists(const std::string& path) {
  struct stat status {};
  return ::lstat(path.c_str(), &status) == 0;
}

// Reads a small file; nullopt when absent. Other failures become warnings, because a silently
// unread ignore file would change what gets indexed.
std::optional<std::string> readSmallFile(int dirFd, const char* name, int extraFlags,
                                         const std::string& displayPath,
                                         std::vector<IgnoreWarning>& warnings) {
  const int fd = ::openat(dirFd, name, O_RDONLY | O_CLOEXEC | extraFlags);
  if (fd < 0) {
    if (errno == ELOOP && (extraFlags & O_NOFOLLOW)) {
      warnings.push_back({displayPath, 0, "not read: git does not follow a symlinked ignore file"});
    } else if (errno != ENOENT && errno != ENOTDIR) {
      warnings.push_back({displayPath, 0, std::generic_category().message(errno)});
    }
    return std::nullopt;
  }
  std::string text;
  char buffer[16 * 1024];
  for (;;) {
    const ssize_t count = ::read(fd, buffer, sizeof buffer);
    if (count > 0) {
      text.append(buffer, static_cast<std::size_t>(count));
    } else if (count == 0 || errno != EINTR) {
      if (count < 0) warnings.push_back({displayPath, 0, std::generic_category().message(errno)});
      ::close(fd);
      return count == 0 ? std::optional<std::string>(std::move(text)) : std::nullopt;
    }
  }
}

void addFile(IgnoreFileKind kind, std::optional<std::string> text, std::string source,
             std::vector<IgnoreFile>& files, std::vector<IgnoreWarning>& warnings) {
  if (!text) return;
  IgnoreRules rules = IgnoreRules::parse(*text, std::move(source));
  warnings.insert(warnings.end(), rules.warnings().begin(), rules.warnings().end());
  files.push_back({kind, std::move(rules)});
}

// `.git` is a directory, or for submodules and worktrees a file saying "gitdir: <path>".
std::string gitDirectory(int dirFd, const std::string& directory, const struct stat& dotGit,
                         std::vector<IgnoreWarning>& warnings) {
  const std::string dotGitPath = joined(directory, ".git");
  if (S_ISDIR(dotGit.st_mode)) return dotGitPath;
  const auto text = readSmallFile(dirFd, ".git", 0, dotGitPath, warnings);
  constexpr std::string_view kPrefix = "gitdir: ";
  if (!text || !text->starts_with(kPrefix)) return {};
  std::string target = text->substr(kPrefix.size());
  while (!target.empty() && (target.back() == '\n' || target.back() == '\r')) target.pop_back();
  return target.starts_with('/') ? target : joined(directory, target);
}

}  // namespace

DirectoryIgnoreFiles readDirectoryIgnoreFiles(int directoryFd, const std::string& directoryPath,
                                              std::vector<IgnoreWarning>& warnings) {
  DirectoryIgnoreFiles found;
  const std::string dotIgnore = joined(directoryPath, ".ignore");
  const std::string gitIgnore = joined(directoryPath, ".gitignore");
  addFile(IgnoreFileKind::DotIgnore, readSmallFile(directoryFd, ".ignore", 0, dotIgnore, warnings),
          dotIgnore, found.files, warnings);
  addFile(IgnoreFileKind::GitIgnore,
          readSmallFile(directoryFd, ".gitignore", O_NOFOLLOW, gitIgnore, warnings), gitIgnore,
          found.files, warnings);
  struct stat dotGit {};
  found.holdsRepository = ::fstatat(directoryFd, ".git", &dotGit, AT_SYMLINK_NOFOLLOW) == 0;
  if (!found.holdsRepository) return found;
  const std::string gitDir = gitDirectory(directoryFd, directoryPath, dotGit, warnings);
  if (gitDir.empty()) return found;
  const std::string exclude = gitDir + "/info/exclude";
  addFile(IgnoreFileKind::GitInfoExclude,
          readSmallFile(AT_FDCWD, exclude.c_str(), 0, exclude, warnings), exclude, found.files,
          warnings);
  return found;
}

std::shared_ptr<const IgnoreChain> addLevelsAboveRoot(std::shared_ptr<const IgnoreChain> chain,
                                                      const std::string& canonicalRoot,
                                                      std::vector<IgnoreWarning>& warnings) {
  if (exists(joined(canonicalRoot, ".git"))) return chain;
  std::vector<std::filesystem::path> above;  // the root's parent first, the repository top last
  for (std::filesystem::path dir(canonicalRoot);;) {
    if (!dir.has_relative_path()) return chain;  // reached '/' without finding a repository
    dir = dir.parent_path();
    above.push_back(dir);
    if (exists(joined(dir.native(), ".git"))) break;
  }
  for (auto it = above.rbegin(); it != above.rend(); ++it) {
    const int fd = ::open(it->c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) continue;
    DirectoryIgnoreFiles found = readDirectoryIgnoreFiles(fd, it->native(), warnings);
    ::close(fd);
    chain = IgnoreChain::above(std::move(chain),
                               std::filesystem::path(canonicalRoot).lexically_relative(*it),
                               std::move(found.files), found.holdsRepository);
  }
  return chain;
}

}  // namespace gloss::indexer
