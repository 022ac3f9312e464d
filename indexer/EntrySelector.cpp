#include "indexer/EntrySelector.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <utility>

namespace gloss::indexer {

namespace {

class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  int get() const { return fd_; }
  int release() { return std::exchange(fd_, -1); }
  explicit operator bool() const { return fd_ >= 0; }

 private:
  int fd_;
};

EntryVerdict skipped(SkipReason reason) {
  return EntryVerdict{EntryVerdict::Kind::Skipped, reason};
}

}  // namespace

bool isUnder(std::string_view path, std::string_view directory) {
  if (directory == "/") return path.starts_with('/');
  return path.starts_with(directory) &&
         (path.size() == directory.size() || path[directory.size()] == '/');
}

std::string normalPath(std::string_view path) {
  std::string normal = std::filesystem::path(path).lexically_normal().string();
  if (normal.size() > 1 && normal.back() == '/') normal.pop_back();
  return normal;
}

DirectoryTask EntrySelector::rootTask(std::uint32_t rootIndex,
                                      std::vector<WalkWarning>& warnings) const {
  auto chain = options_.respectIgnoreFiles
                   ? addLevelsAboveRoot(settingsChain_, canonicalRoots_[rootIndex], warnings)
                   : settingsChain_;
  return DirectoryTask{roots_[rootIndex], "", rootIndex, std::move(chain), {}};
}

Expected<OpenDirectory, int> EntrySelector::open(const DirectoryTask& task,
                                                 std::vector<WalkWarning>& warnings) const {
  FileDescriptor fd(::open(task.absolutePath.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  struct stat self {};
  if (!fd || ::fstat(fd.get(), &self) != 0) return unexpected(errno);
  DirectoryStream stream(::fdopendir(fd.get()), &::closedir);
  if (!stream) return unexpected(errno);
  const int dirFd = fd.release();  // the stream owns it now
  auto ignore = task.ignore;
  if (options_.respectIgnoreFiles) {
    DirectoryIgnoreFiles found = readDirectoryIgnoreFiles(dirFd, task.absolutePath, warnings);
    if (!found.files.empty() || found.holdsRepository) {
      ignore = IgnoreChain::inside(std::move(ignore), task.relativePath, std::move(found.files),
                                   found.holdsRepository);
    }
  }
  OpenDirectory directory{std::move(stream), dirFd, task.rootIndex, std::move(ignore),
                          task.ancestors};
  directory.ancestorsAndSelf.push_back({self.st_dev, self.st_ino});
  return directory;
}

EntryVerdict EntrySelector::classify(const OpenDirectory& directory, const char* name,
                                     unsigned char type, std::string_view relativePath,
                                     const std::string& absolutePath) const {
  if (std::strcmp(name, ".git") == 0) return skipped(SkipReason::GitDirectory);
  const bool hidden = !options_.includeHidden && name[0] == '.';
  if (hidden && !options_.override) return skipped(SkipReason::Hidden);
  EntryVerdict verdict;
  bool haveStatus = false;
  if (type == DT_UNKNOWN) {
    if (::fstatat(directory.fd, name, &verdict.status, AT_SYMLINK_NOFOLLOW) != 0) {
      return skipped(SkipReason::Missing);
    }
    type = IFTODT(verdict.status.st_mode);
    haveStatus = true;
  }
  const bool isSymlink = type == DT_LNK;
  if (isSymlink) {
    if (!options_.followSymlinks) return skipped(SkipReason::SymlinkNotFollowed);
    if (auto reason = resolveSymlink(absolutePath, verdict.status)) return skipped(*reason);
    type = IFTODT(verdict.status.st_mode);
  }
  if (type != DT_DIR && type != DT_REG) return skipped(SkipReason::NotRegular);
  const bool isDirectory = type == DT_DIR;
  const WalkOverride override =
      options_.override ? options_.override(relativePath, isDirectory) : WalkOverride::NoOpinion;
  if (override == WalkOverride::Skip) return skipped(SkipReason::Ignored);
  if (hidden && override == WalkOverride::NoOpinion) return skipped(SkipReason::Hidden);
  if (override != WalkOverride::Whitelist &&
      directory.ignore->match(relativePath, isDirectory) == IgnoreMatch::Ignore) {
    return skipped(SkipReason::Ignored);
  }
  if (isDirectory) {
    const DeviceInode target{verdict.status.st_dev, verdict.status.st_ino};
    const auto& chain = directory.ancestorsAndSelf;
    if (isSymlink && std::find(chain.begin(), chain.end(), target) != chain.end()) {
      return skipped(SkipReason::SymlinkLoop);
    }
    verdict.kind = EntryVerdict::Kind::Directory;
    return verdict;
  }
  if (!options_.statFiles && !haveStatus && !isSymlink) {
    verdict.kind = EntryVerdict::Kind::File;
    return verdict;
  }
  if (!haveStatus && !isSymlink &&
      ::fstatat(directory.fd, name, &verdict.status, AT_SYMLINK_NOFOLLOW) != 0) {
    return skipped(SkipReason::Missing);
  }
  if (static_cast<std::uint64_t>(verdict.status.st_size) > options_.maxFileSize) {
    return skipped(SkipReason::TooLarge);
  }
  verdict.kind = EntryVerdict::Kind::File;
  return verdict;
}

// Stats the link's target into `status`, or says why the link is not followed.
std::optional<SkipReason> EntrySelector::resolveSymlink(const std::string& link,
                                                        struct stat& status) const {
  char resolved[PATH_MAX];
  if (::realpath(link.c_str(), resolved) == nullptr) return SkipReason::BrokenSymlink;
  const bool inside = std::any_of(canonicalRoots_.begin(), canonicalRoots_.end(),
                                  [&](const std::string& root) { return isUnder(resolved, root); });
  if (!inside) return SkipReason::SymlinkOutsideRoot;
  if (::stat(resolved, &status) != 0) return SkipReason::BrokenSymlink;
  return std::nullopt;
}

}  // namespace gloss::indexer
