#include "commands/diff/GitDiffSource.h"

#include <charconv>
#include <fstream>
#include <sstream>

#include "commands/diff/GitRunner.h"

namespace gloss::commands::diff {

namespace {

using Error = DiffError::Kind;

gloss::Unexpected<DiffError> fail(Error kind, std::string message) {
  return gloss::unexpected(DiffError{kind, std::move(message)});
}

std::string firstLine(const std::string& text) {
  return text.substr(0, text.find('\n'));
}

class Repository {
 public:
  Repository(const std::string& dir, const DiffLimits& limits)
      : git_(dir, limits.gitTimeout), limits_(limits) {}

  gloss::Expected<GitOutput, DiffError> run(const std::vector<std::string>& args,
                                            const std::string& input = {},
                                            std::size_t maxOutput = GitRunner::kDefaultMaxOutput) {
    auto output = git_.run(args, input, maxOutput);
    if (!output) return fail(Error::Git, output.error());
    return std::move(*output);
  }

  // The commit `rev` names, or git's refusal as an unknown-revision error.
  gloss::Expected<std::string, DiffError> commit(const std::string& rev) {
    auto out = run({"rev-parse", "--verify", "--end-of-options", rev + "^{commit}"});
    if (!out) return gloss::unexpected(out.error());
    if (out->exitCode != 0) {
      // rev-parse --verify only says "Needed a single revision"; git log names the problem.
      auto detail = run({"log", "-1", "--format=%H", "--end-of-options", rev, "--"});
      std::string why =
          detail && detail->exitCode != 0 ? GitRunner::message(*detail) : GitRunner::message(*out);
      return fail(Error::UnknownRevision, "unknown revision '" + rev + "': " + why);
    }
    return firstLine(out->out);
  }

  // HEAD, or the empty tree on a branch with no commits yet.
  gloss::Expected<std::string, DiffError> headOrEmptyTree() {
    auto head = run({"rev-parse", "--verify", "--quiet", "HEAD^{commit}"});
    if (!head) return gloss::unexpected(head.error());
    if (head->exitCode == 0) return firstLine(head->out);
    auto empty = run({"hash-object", "-t", "tree", "/dev/null"});
    if (!empty) return gloss::unexpected(empty.error());
    return firstLine(empty->out);
  }

  gloss::Expected<ResolvedRange, DiffError> resolve(const DiffSpec& spec) {
    ResolvedRange range;
    range.mode = spec.mode;
    if (spec.mode == DiffMode::Staged || spec.mode == DiffMode::WorkingTree) {
      range.label = spec.mode == DiffMode::Staged ? "--staged" : "--working-tree";
      auto old = headOrEmptyTree();
      if (!old) return gloss::unexpected(old.error());
      range.oldRev = *old;
      return range;
    }
    std::string base, head;
    bool mergeBase = false;
    if (spec.mode == DiffMode::Commits) {
      base = "HEAD~" + std::to_string(spec.commits);
      head = "HEAD";
      range.label = base + "..HEAD";
    } else {
      std::size_t dots = spec.range.find("..");
      if (dots == std::string::npos)
        return fail(Error::BadArguments,
                    "expected BASE...HEAD or BASE..HEAD, got '" + spec.range + "'");
      mergeBase = spec.range.compare(dots, 3, "...") == 0;
      base = spec.range.substr(0, dots);
      head = spec.range.substr(dots + (mergeBase ? 3 : 2));
      if (base.empty()) base = "HEAD";
      if (head.empty()) head = "HEAD";
      range.label = spec.range;
    }
    auto oldCommit = commit(base);
    if (!oldCommit) return gloss::unexpected(oldCommit.error());
    auto newCommit = commit(head);
    if (!newCommit) return gloss::unexpected(newCommit.error());
    range.oldRev = *oldCommit;
    range.newRev = *newCommit;
    if (mergeBase) {
      auto common = run({"merge-base", *oldCommit, *newCommit});
      if (!common) return gloss::unexpected(common.error());
      if (common->exitCode != 0)
        return fail(Error::UnknownRevision,
                    "'" + base + "' and '" + head + "' have no common ancestor");
      range.oldRev = firstLine(common->out);
    }
    return range;
  }

  // Reads every named blob through one `git cat-file --batch`; a name git does not know (a
  // file that does not exist on that side) stays nullopt.
  gloss::Expected<std::vector<std::optional<std::string>>, DiffError> blobs(
      const std::vector<std::string>& names) {
    std::vector<std::optional<std::string>> texts(names.size());
    std::string input;
    for (const std::string& name : names) input += name + "\n";
    if (input.empty()) return texts;
    auto out = run({"cat-file", "--batch"}, input);
    if (!out) return gloss::unexpected(out.error());
    std::string_view rest = out->out;
    for (std::size_t i = 0; i < names.size() && !rest.empty(); ++i) {
      std::size_t eol = rest.find('\n');
      std::string_view header = rest.substr(0, eol);
      rest.remove_prefix(eol == std::string_view::npos ? rest.size() : eol + 1);
      if (header.ends_with(" missing") || header.ends_with(" ambiguous")) continue;
      std::size_t space = header.rfind(' ');
      std::size_t size = 0;
      std::string_view digits = header.substr(space + 1);
      auto parsed = std::from_chars(digits.data(), digits.data() + digits.size(), size);
      if (space == std::string_view::npos || parsed.ec != std::errc() || size > rest.size()) break;
      if (header.find(" blob ") != std::string_view::npos && size <= limits_.maxFileBytes)
        texts[i] = std::string(rest.substr(0, size));
      rest.remove_prefix(std::min(rest.size(), size + 1));
    }
    return texts;
  }

 private:
  GitRunner git_;
  DiffLimits limits_;
};

std::optional<std::string> readFile(const std::string& path, std::size_t maxBytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream out;
  out << in.rdbuf();
  std::string text = std::move(out).str();
  if (text.size() > maxBytes) return std::nullopt;
  return text;
}

bool loadable(const FileDiff& file, const std::string& path) {
  return !file.binary && !path.empty() && path.find('\n') == std::string::npos;
}

}  // namespace

std::vector<std::string> gitDiffArguments(const ResolvedRange& range) {
  std::vector<std::string> args{"diff",
                                "--no-color",
                                "--no-ext-diff",
                                "--no-textconv",
                                "--find-renames",
                                "--src-prefix=a/",
                                "--dst-prefix=b/",
                                "--no-relative",
                                "-U3"};
  if (range.mode == DiffMode::Staged) args.push_back("--cached");
  args.push_back(range.oldRev);
  if (!range.newRev.empty()) args.push_back(range.newRev);
  args.push_back("--");
  return args;
}

gloss::Expected<LoadedDiff, DiffError> loadGitDiff(const std::string& startDir,
                                                   const DiffSpec& spec, const DiffLimits& limits) {
  Repository repo(startDir, limits);
  auto top = repo.run({"rev-parse", "--show-toplevel"});
  if (!top) return gloss::unexpected(top.error());
  if (top->exitCode != 0) return fail(Error::NotARepository, GitRunner::message(*top));
  LoadedDiff loaded;
  loaded.root = firstLine(top->out);
  Repository atRoot(loaded.root, limits);
  auto range = atRoot.resolve(spec);
  if (!range) return gloss::unexpected(range.error());
  loaded.range = *range;
  auto diff = atRoot.run(gitDiffArguments(loaded.range), {}, limits.maxDiffBytes);
  if (!diff) return gloss::unexpected(diff.error());
  if (diff->exitCode != 0) return fail(Error::Git, GitRunner::message(*diff));
  loaded.diff = parseUnifiedDiff(diff->out, diff->truncated);
  if (diff->truncated)
    loaded.omitted.push_back("The diff was cut at " + std::to_string(limits.maxDiffBytes >> 20) +
                             " MiB: files after " + std::to_string(loaded.diff.files.size()) +
                             " are left out.");

  const std::vector<FileDiff>& files = loaded.diff.files;
  std::size_t mapped = std::min(files.size(), limits.maxFiles);
  if (files.size() > mapped)
    loaded.omitted.push_back(std::to_string(files.size() - mapped) + " files beyond the first " +
                             std::to_string(mapped) +
                             " are counted but their symbols are not mapped.");
  std::vector<std::string> names;
  std::vector<std::pair<std::size_t, bool>> slots;  // file index, new side
  std::string newPrefix = loaded.range.mode == DiffMode::Staged ? ":" : loaded.range.newRev + ":";
  for (std::size_t i = 0; i < mapped; ++i) {
    const FileDiff& file = files[i];
    if (loadable(file, file.oldPath)) {
      names.push_back(loaded.range.oldRev + ":" + file.oldPath);
      slots.emplace_back(i, false);
    }
    if (loadable(file, file.newPath) && loaded.range.mode != DiffMode::WorkingTree) {
      names.push_back(newPrefix + file.newPath);
      slots.emplace_back(i, true);
    }
  }
  auto texts = atRoot.blobs(names);
  if (!texts) return gloss::unexpected(texts.error());
  loaded.oldTexts.resize(files.size());
  loaded.newTexts.resize(files.size());
  for (std::size_t k = 0; k < slots.size(); ++k) {
    auto [index, isNew] = slots[k];
    (isNew ? loaded.newTexts : loaded.oldTexts)[index] = std::move((*texts)[k]);
  }
  if (loaded.range.mode == DiffMode::WorkingTree) {
    for (std::size_t i = 0; i < mapped; ++i)
      if (loadable(files[i], files[i].newPath))
        loaded.newTexts[i] = readFile(loaded.root + "/" + files[i].newPath, limits.maxFileBytes);
  }
  std::size_t large = 0;
  for (std::size_t i = 0; i < mapped; ++i) {
    bool missing = (loadable(files[i], files[i].oldPath) && !loaded.oldTexts[i]) ||
                   (loadable(files[i], files[i].newPath) && !loaded.newTexts[i]);
    large += missing ? 1 : 0;
  }
  if (large > 0)
    loaded.omitted.push_back(std::to_string(large) + " file" + (large == 1 ? "" : "s") +
                             " larger than " + std::to_string(limits.maxFileBytes >> 10) +
                             " KiB (or unreadable): symbols not mapped.");
  return loaded;
}

}  // namespace gloss::commands::diff
