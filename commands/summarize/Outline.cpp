#include "commands/summarize/Outline.h"

#include <algorithm>
#include <map>

#include "commands/DocComments.h"
#include "commands/Markdown.h"

namespace gloss::commands {

namespace {

CommandError dbError(const indexer::DbError& error) {
  return {CommandError::Kind::Database, "index: " + error.message};
}

std::string firstLine(const std::string& text) {
  return text.substr(0, text.find('\n'));
}

bool isNamespace(const std::string& kind) {
  return kind == "namespace" || kind == "module";
}

bool isContainer(const std::string& kind) {
  return kind == "class" || kind == "struct" || kind == "interface" || kind == "enum" ||
         kind == "trait" || kind == "impl" || kind == "union";
}

// The chunk holding `line`, among the file's chunks (sorted by line).
const indexer::ChunkRow* chunkHolding(const std::vector<indexer::ChunkRow>& chunks,
                                      std::uint32_t line) {
  for (const indexer::ChunkRow& row : chunks) {
    if (row.chunk.kind == indexer::ChunkKind::Outline) continue;
    if (row.chunk.startLine <= line && line <= row.chunk.endLine) return &row;
  }
  return nullptr;
}

std::string fileDoc(const std::vector<indexer::ChunkRow>& chunks) {
  return chunks.empty() ? std::string() : firstLine(fileComment(chunks.front().text));
}

}  // namespace

CommandResult<std::vector<std::string>> filesUnder(indexer::IndexReader& index,
                                                   const std::string& folder) {
  auto stamps = index.loadStamps();
  if (!stamps) return gloss::unexpected(dbError(stamps.error()));
  std::vector<std::string> files;
  std::string prefix = folder.ends_with('/') ? folder : folder + "/";
  for (const auto& [path, stamp] : *stamps) {
    if (path == folder || path.starts_with(prefix)) files.push_back(path);
  }
  std::sort(files.begin(), files.end());
  return files;
}

CommandResult<FileOutline> outlineFile(indexer::IndexReader& index, const std::string& path) {
  FileOutline file;
  file.path = path;
  file.language = fenceLanguage(path);
  if (file.language.empty()) file.language = "text";
  auto stamp = index.fileStamp(path);
  if (!stamp) return gloss::unexpected(dbError(stamp.error()));
  if (*stamp) file.bytes = (*stamp)->size;
  auto chunks = index.chunksOfFile(path);
  if (!chunks) return gloss::unexpected(dbError(chunks.error()));
  for (const indexer::ChunkRow& row : *chunks)
    file.lines = std::max(file.lines, row.chunk.endLine + 1);
  file.doc = fileDoc(*chunks);
  auto symbols = index.symbolsOfFile(path);
  if (!symbols) return gloss::unexpected(dbError(symbols.error()));
  std::map<std::string, int> depthOf;  // containers seen so far
  for (const indexer::SymbolRow& row : *symbols) {
    const indexer::Symbol& s = row.symbol;
    int depth = 0;
    if (!s.parent.empty()) {
      auto it = depthOf.find(s.parent);
      if (it == depthOf.end() || it->second >= 1) continue;  // locals and nested members
      depth = it->second + 1;
    }
    if (isNamespace(s.kind)) {
      // Namespaces only group: their members are listed as top level, except private ones.
      if (s.name.empty() || s.name.find("anonymous") != std::string::npos) continue;
      depthOf[s.qualifiedName] = depth - 1;
      continue;
    }
    if (isContainer(s.kind)) depthOf[s.qualifiedName] = depth;
    OutlineSymbol out{s.qualifiedName, s.kind, s.signature, "", s.startLine, depth};
    if (const indexer::ChunkRow* chunk = chunkHolding(*chunks, s.startLine))
      out.doc = firstLine(docComment(chunk->text, s.signature));
    file.symbols.push_back(std::move(out));
  }
  return file;
}

std::string renderFileOutline(const FileOutline& file, const std::string& root) {
  std::string out = "### " + relativeTo(file.path, root) + " (" + file.language + ", " +
                    std::to_string(file.lines) + (file.lines == 1 ? " line)\n" : " lines)\n");
  if (!file.doc.empty()) out += file.doc + "\n";
  for (const OutlineSymbol& s : file.symbols) {
    out += std::string(static_cast<std::size_t>(s.depth) * 2, ' ') + "- " + s.kind + " " +
           inlineCode(s.name) + " (line " + std::to_string(s.line + 1) + ")";
    if (!s.doc.empty()) out += ": " + s.doc;
    out += "\n";
  }
  if (file.symbols.empty()) out += "- no definitions\n";
  return out;
}

CommandResult<FolderOutline> outlineFolder(const CommandEnv& env, const std::string& folder,
                                           std::size_t maxFiles) {
  auto files = filesUnder(env.index, folder);
  if (!files) return gloss::unexpected(files.error());
  FolderOutline result;
  result.files = files->size();
  std::map<std::string, std::size_t> languages;
  for (const std::string& path : *files) {
    std::string language = fenceLanguage(path);
    ++languages[language.empty() ? "other" : language];
  }
  std::string& out = result.markdown;
  out = "## " + relativeTo(folder, env.root()) + ": " + std::to_string(files->size()) +
        (files->size() == 1 ? " file" : " files");
  std::vector<std::pair<std::string, std::size_t>> byCount(languages.begin(), languages.end());
  std::stable_sort(byCount.begin(), byCount.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  for (std::size_t i = 0; i < byCount.size(); ++i)
    out += (i == 0 ? " (" : ", ") + byCount[i].first + " " + std::to_string(byCount[i].second);
  out += byCount.empty() ? "\n\n" : ")\n\n";
  for (const std::string& path : *files) {
    if (result.shown == maxFiles || env.isCancelled()) break;
    auto file = outlineFile(env.index, path);
    if (!file) return gloss::unexpected(file.error());
    out += renderFileOutline(*file, env.root()) + "\n";
    ++result.shown;
    if (result.shown % 50 == 0)
      env.progress("outlined " + std::to_string(result.shown) + "/" +
                       std::to_string(std::min(maxFiles, files->size())) + " files",
                   static_cast<int>(result.shown * 100 / std::min(maxFiles, files->size())));
  }
  if (result.shown < result.files)
    out += "... and " + std::to_string(result.files - result.shown) + " more files not outlined.\n";
  return result;
}

}  // namespace gloss::commands
