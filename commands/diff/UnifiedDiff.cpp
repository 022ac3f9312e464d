#include "commands/diff/UnifiedDiff.h"

#include <charconv>

namespace gloss::commands::diff {

namespace {

bool take(std::string_view& line, std::string_view prefix) {
  if (!line.starts_with(prefix)) return false;
  line.remove_prefix(prefix.size());
  return true;
}

// "a/path" or "\"a/pa\\th\"" from a ---/+++/rename line; "/dev/null" gives "".
std::string headerPath(std::string_view text, std::string_view prefix) {
  while (!text.empty() && (text.back() == '\r' || text.back() == '\t')) text.remove_suffix(1);
  std::string path = unquotePath(text);
  if (path == "/dev/null") return "";
  if (!prefix.empty() && std::string_view(path).starts_with(prefix)) path.erase(0, prefix.size());
  return path;
}

std::uint32_t number(std::string_view& text) {
  std::uint32_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc()) return 0;
  text.remove_prefix(static_cast<std::size_t>(end - text.data()));
  return value;
}

// "-12,3 +14,5 @@ context" → the four numbers (a missing count means 1).
bool parseHunkHeader(std::string_view line, DiffHunk& hunk) {
  if (!take(line, "@@ -")) return false;
  hunk.oldStart = number(line);
  hunk.oldCount = take(line, ",") ? number(line) : 1;
  if (!take(line, " +")) return false;
  hunk.newStart = number(line);
  hunk.newCount = take(line, ",") ? number(line) : 1;
  return take(line, " @@");
}

// The paths of "diff --git a/x b/x" when both are the same (the only unambiguous case without
// quotes); the ---/+++ or rename lines that follow refine them.
void pathsFromGitHeader(std::string_view rest, FileDiff& file) {
  if (rest.starts_with('"')) {
    std::size_t close = 1;
    while (close < rest.size() && (rest[close] != '"' || rest[close - 1] == '\\')) ++close;
    file.oldPath = headerPath(rest.substr(0, close + 1), "a/");
    file.newPath = headerPath(rest.substr(std::min(rest.size(), close + 2)), "b/");
    return;
  }
  if (rest.size() % 2 == 1) {
    std::size_t half = rest.size() / 2;
    std::string_view left = rest.substr(0, half), right = rest.substr(half + 1);
    if (left.starts_with("a/") && right.starts_with("b/") && left.substr(2) == right.substr(2)) {
      file.oldPath = std::string(left.substr(2));
      file.newPath = file.oldPath;
    }
  }
}

class Parser {
 public:
  explicit Parser(bool truncated) { out_.truncated = truncated; }

  void line(std::string_view line) {
    if (line.starts_with("diff --git ")) return startFile(line.substr(11));
    if (!file_) return;
    if (hunk_ && (oldLeft_ > 0 || newLeft_ > 0) && bodyLine(line)) return;
    hunk_ = nullptr;
    header(line);
  }

  ParsedDiff finish() {
    if (out_.truncated && !out_.files.empty()) out_.files.pop_back();
    for (FileDiff& file : out_.files) {
      if (file.status == FileStatus::Added) file.oldPath.clear();
      if (file.status == FileStatus::Deleted) file.newPath.clear();
    }
    return std::move(out_);
  }

 private:
  void startFile(std::string_view rest) {
    out_.files.emplace_back();
    file_ = &out_.files.back();
    hunk_ = nullptr;
    pathsFromGitHeader(rest, *file_);
  }

  // A line inside a hunk; false when the hunk's counts say it is over.
  bool bodyLine(std::string_view line) {
    char tag = line.empty() ? ' ' : line[0];
    if (tag == '\\') return true;  // "\ No newline at end of file"
    std::string_view text = line.empty() ? line : line.substr(1);
    if (tag == '-' && oldLeft_ > 0) {
      hunk_->removedLines.push_back(oldLine_++);
      --oldLeft_;
      ++file_->removed;
    } else if (tag == '+' && newLeft_ > 0) {
      hunk_->addedLines.push_back(newLine_++);
      hunk_->addedText.emplace_back(text);
      --newLeft_;
      ++file_->added;
    } else if (tag == ' ' && oldLeft_ > 0 && newLeft_ > 0) {
      ++oldLine_, ++newLine_;
      --oldLeft_, --newLeft_;
    } else {
      return false;
    }
    hunk_->text.append(line).push_back('\n');
    return true;
  }

  void header(std::string_view line) {
    FileDiff& f = *file_;
    DiffHunk hunk;
    if (parseHunkHeader(line, hunk)) {
      f.hunks.push_back(std::move(hunk));
      hunk_ = &f.hunks.back();
      hunk_->text.append(line).push_back('\n');
      oldLine_ = hunk_->oldStart, newLine_ = hunk_->newStart;
      oldLeft_ = hunk_->oldCount, newLeft_ = hunk_->newCount;
    } else if (take(line, "--- ")) {
      f.oldPath = headerPath(line, "a/");
    } else if (take(line, "+++ ")) {
      f.newPath = headerPath(line, "b/");
    } else if (take(line, "new file mode ")) {
      f.status = FileStatus::Added;
      f.newMode = line;
    } else if (take(line, "deleted file mode ")) {
      f.status = FileStatus::Deleted;
      f.oldMode = line;
    } else if (take(line, "old mode ")) {
      f.oldMode = line;
    } else if (take(line, "new mode ")) {
      f.newMode = line;
    } else if (take(line, "rename from ") || take(line, "copy from ")) {
      f.oldPath = headerPath(line, "");
    } else if (take(line, "rename to ")) {
      f.status = FileStatus::Renamed;
      f.newPath = headerPath(line, "");
    } else if (take(line, "copy to ")) {
      f.status = FileStatus::Copied;
      f.newPath = headerPath(line, "");
    } else if (take(line, "similarity index ")) {
      std::string_view digits = line;
      f.similarity = static_cast<int>(number(digits));
    } else if (line.starts_with("Binary files ") || line == "GIT binary patch") {
      f.binary = true;
    }
  }

  ParsedDiff out_;
  FileDiff* file_ = nullptr;
  DiffHunk* hunk_ = nullptr;
  std::uint32_t oldLine_ = 0, newLine_ = 0, oldLeft_ = 0, newLeft_ = 0;
};

}  // namespace

const char* toString(FileStatus status) {
  switch (status) {
    case FileStatus::Added:
      return "added";
    case FileStatus::Deleted:
      return "deleted";
    case FileStatus::Modified:
      return "modified";
    case FileStatus::Renamed:
      return "renamed";
    case FileStatus::Copied:
      return "copied";
  }
  return "modified";
}

std::string unquotePath(std::string_view text) {
  if (text.size() < 2 || text.front() != '"' || text.back() != '"') return std::string(text);
  std::string out;
  for (std::size_t i = 1; i + 1 < text.size(); ++i) {
    char c = text[i];
    if (c != '\\' || i + 2 >= text.size()) {
      out.push_back(c);
      continue;
    }
    char e = text[++i];
    if (e >= '0' && e <= '7' && i + 2 < text.size() - 1) {  // \303\251: octal bytes
      out.push_back(
          static_cast<char>(((e - '0') << 6) | ((text[i + 1] - '0') << 3) | (text[i + 2] - '0')));
      i += 2;
      continue;
    }
    switch (e) {
      case 'n':
        out.push_back('\n');
        break;
      case 't':
        out.push_back('\t');
        break;
      case 'r':
        out.push_back('\r');
        break;
      case 'a':
        out.push_back('\a');
        break;
      case 'b':
        out.push_back('\b');
        break;
      case 'f':
        out.push_back('\f');
        break;
      case 'v':
        out.push_back('\v');
        break;
      default:
        out.push_back(e);  // \" and \\ stand for themselves
    }
  }
  return out;
}

ParsedDiff parseUnifiedDiff(std::string_view text, bool truncated) {
  Parser parser(truncated);
  while (!text.empty()) {
    std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    if (line.ends_with('\r') && !line.starts_with('+') && !line.starts_with('-') &&
        !line.starts_with(' '))
      line.remove_suffix(1);
    parser.line(line);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
  }
  return parser.finish();
}

}  // namespace gloss::commands::diff
