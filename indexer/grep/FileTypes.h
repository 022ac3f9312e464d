// File types for grep's --type/--type-not filters, named as ripgrep names them (`py`, `cpp`,
// `js`…), each a list of globs matched against a file's name.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gloss::indexer {

struct FileType {
  std::string_view name;
  std::vector<std::string_view> globs;
};

const std::vector<FileType>& fileTypes();
// nullptr when the name is unknown.
const FileType* findFileType(std::string_view name);

}  // namespace gloss::indexer
