// How WorkspaceWalker judges what it meets: the directory tasks it queues, the directories it
// opens, and the verdict on each entry. Internal to the walker; not part of its public header.
#pragma once

#include <dirent.h>
#include <sys/stat.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "indexer/IgnoreRules.h"
#include "indexer/WorkspaceWalker.h"
#include "protocol/Expected.h"

namespace gloss::indexer {

struct DeviceInode {
  dev_t device;
  ino_t inode;
  bool operator==(const DeviceInode&) const = default;
};

// A directory waiting to be read.
struct DirectoryTask {
  std::string absolutePath;
  std::string relativePath;
  std::uint32_t rootIndex = 0;
  std::shared_ptr<const IgnoreChain> ignore;  // rules from above; its own files are read later
  std::vector<DeviceInode> ancestors;         // directories above it, for symlink loop checks
};

using DirectoryStream = std::unique_ptr<DIR, int (*)(DIR*)>;

// A directory opened for reading, with what its entries are judged by.
struct OpenDirectory {
  DirectoryStream stream;
  int fd = -1;  // owned by `stream`
  std::uint32_t rootIndex = 0;
  std::shared_ptr<const IgnoreChain> ignore;  // including the directory's own ignore files
  std::vector<DeviceInode> ancestorsAndSelf;

  DirectoryTask subdirectory(std::string absolutePath, std::string relativePath) const {
    return {std::move(absolutePath), std::move(relativePath), rootIndex, ignore, ancestorsAndSelf};
  }
};

struct EntryVerdict {
  enum class Kind { File, Directory, Skipped };
  Kind kind = Kind::Skipped;
  SkipReason reason = SkipReason::Missing;
  struct stat status {};
};

// The decisions shared by the walk and checkPath, so that both always agree: where a root
// starts, what opening a directory adds, and what becomes of each entry. Holds references to the
// walker's options and roots, so it must not outlive them.
class EntrySelector {
 public:
  EntrySelector(const WalkOptions& options, const std::vector<std::string>& roots,
                const std::vector<std::string>& canonicalRoots,
                std::shared_ptr<const IgnoreChain> settingsChain)
      : options_(options),
        roots_(roots),
        canonicalRoots_(canonicalRoots),
        settingsChain_(std::move(settingsChain)) {}

  DirectoryTask rootTask(std::uint32_t rootIndex, std::vector<WalkWarning>& warnings) const;

  // Opens the task's directory and reads its ignore files; the error is an errno value.
  Expected<OpenDirectory, int> open(const DirectoryTask& task,
                                    std::vector<WalkWarning>& warnings) const;

  // `type` is the dirent d_type (DT_UNKNOWN makes it stat).
  EntryVerdict classify(const OpenDirectory& directory, const char* name, unsigned char type,
                        std::string_view relativePath, const std::string& absolutePath) const;

 private:
  std::optional<SkipReason> resolveSymlink(const std::string& link, struct stat& status) const;

  const WalkOptions& options_;
  const std::vector<std::string>& roots_;
  const std::vector<std::string>& canonicalRoots_;
  std::shared_ptr<const IgnoreChain> settingsChain_;
};

}  // namespace gloss::indexer
