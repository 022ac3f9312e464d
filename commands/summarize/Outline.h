// The offline summary of a file, a folder or the workspace: an outline from the index — files,
// their languages and sizes, their top-level symbols with the first line of each doc comment,
// classes with their methods. Large targets are cut to a readable length and say how much
// was left out. It is also the structural part of the prompts for the model.
#pragma once

#include <string>
#include <vector>

#include "commands/CommandEnv.h"

namespace gloss::commands {

struct OutlineSymbol {
  std::string name;  // qualified
  std::string kind;
  std::string signature;
  std::string doc;         // first line of the doc comment, may be empty
  std::uint32_t line = 0;  // 0-based
  int depth = 0;           // 0 top level, 1 member of a class
};

struct FileOutline {
  std::string path;  // absolute
  std::string language;
  std::uint32_t lines = 0;
  std::int64_t bytes = 0;
  std::string doc;  // the file's leading comment or module docstring, first line
  std::vector<OutlineSymbol> symbols;
};

// The indexed files under `folder` (a file path gives that file alone), sorted by path.
CommandResult<std::vector<std::string>> filesUnder(indexer::IndexReader& index,
                                                   const std::string& folder);

CommandResult<FileOutline> outlineFile(indexer::IndexReader& index, const std::string& path);

// Markdown for one file: "### path (language, N lines)" then the symbols as a nested list.
std::string renderFileOutline(const FileOutline& file, const std::string& root);

struct FolderOutline {
  std::string markdown;
  std::size_t files = 0;  // files under the folder
  std::size_t shown = 0;  // files outlined in detail
};

// Totals by language, then each file's outline until `maxFiles`; the rest are counted.
CommandResult<FolderOutline> outlineFolder(const CommandEnv& env, const std::string& folder,
                                           std::size_t maxFiles);

}  // namespace gloss::commands
