// How a file becomes chunks (DESIGN.md §4).
//
// 1. One parse, one cursor walk (ChunkerDefinitions) finds the definitions listed per language
//    in ChunkerRules. A definition's range starts at the contiguous comments, decorators and
//    attributes directly above it (no blank line between) and covers wrappers it is the sole
//    child of (`export`, `template<...>`, Python decorators, `const f = () => {}`). Function
//    bodies are not searched; containers (classes, impls, namespaces, modules) are, and so is
//    everything else (`#ifdef` blocks, `extern "C"`, IIFEs).
// 2. Layout (ChunkerLayout), by the budget (non-blank characters and lines):
//    - a definition that fits is one chunk;
//    - a container that does not fit becomes an Outline chunk (its header: leading comments up
//      to the line opening its body, plus what precedes the first member if that still fits)
//      followed by its members laid out the same way, recursively; the Outline chunk carries
//      the collapsed text (member signatures, bodies elided);
//    - any other definition that does not fit is cut into windows at the shallowest statement
//      boundaries, each window keeping the definition's kind and names;
//    - text between definitions: blank lines, lines starting with a closing bracket or `;`,
//      and the rest of a definition's last line stay with the definition before them; a
//      paragraph of at most two lines hugging a definition (no blank line between) joins it if
//      the budget allows, below first (`EXPORT_SYMBOL(f);`, `#endif`), else above (`#ifdef X`);
//      the remaining glue becomes Preamble chunks; blank text at the top joins the first chunk;
//    - merging, left to right under the budget: adjacent glue of the same container; glue right
//      after an Outline into it (the fields before the first member); adjacent definitions of
//      at most two lines in the same container (one-line getters), the chunk named after the
//      first while every one stays in `symbols`. Every other named definition keeps a chunk of
//      its own, so each can be found by its name;
//    - glue still over budget is cut into windows, preferring paragraph breaks.
// 3. Plain text, unsupported languages and failed, timed-out or guarded-off parses (see
//    ChunkerParseGuard.h) get line windows.
// Every byte lands in exactly one chunk; chunks are contiguous, sorted and never empty.
#include "indexer/Chunker.h"

#include <tree_sitter/api.h>

#include <array>
#include <limits>

#include "indexer/ChunkerDefinitions.h"
#include "indexer/ChunkerLayout.h"
#include "indexer/ChunkerOutline.h"
#include "indexer/ChunkerParseGuard.h"
#include "indexer/ChunkerRules.h"
#include "indexer/ChunkerText.h"
#include "indexer/ChunkerWindows.h"

namespace gloss::indexer {
namespace {

using namespace chunker;

constexpr std::size_t kLanguageCount = static_cast<std::size_t>(Language::Java) + 1;

struct TreeDeleter {
  void operator()(TSTree* tree) const { ts_tree_delete(tree); }
};

Chunk textChunk(const LineIndex& lines, std::uint32_t begin, std::uint32_t end, ChunkKind kind) {
  Chunk chunk;
  chunk.kind = kind;
  chunk.startByte = begin;
  chunk.endByte = end;
  chunk.startLine = lines.lineOf(begin);
  chunk.endLine = lines.lastLineOf(begin, end);
  return chunk;
}

void name(Chunk& chunk, const Definition& d) {
  chunk.symbol = d.name;
  chunk.qualifiedName = d.qualifiedName;
  chunk.signature = d.signature;
  chunk.parent = d.parentName;
}

// Symbol ends are exclusive positions; a file's final newline ends on the line after it.
void endPosition(const LineIndex& lines, std::uint32_t byte, std::uint32_t& line,
                 std::uint32_t& column) {
  if (byte >= lines.size() && lines.size() > 0 && lines.text().back() == '\n') {
    line = lines.lineCount();
    column = 0;
    return;
  }
  line = lines.lineOf(byte);
  column = lines.column(byte);
}

Symbol toSymbol(const LineIndex& lines, const Definition& d) {
  Symbol symbol;
  symbol.name = d.name;
  symbol.qualifiedName = d.qualifiedName;
  symbol.kind = std::string(d.symbolKind);
  symbol.signature = d.signature;
  symbol.parent = d.parentName;
  symbol.startByte = d.start;
  symbol.endByte = d.end;
  symbol.startLine = lines.lineOf(d.start);
  symbol.startColumn = lines.column(d.start);
  endPosition(lines, d.end, symbol.endLine, symbol.endColumn);
  symbol.nameLine = lines.lineOf(d.nameByte);
  symbol.nameColumn = lines.column(d.nameByte);
  return symbol;
}

}  // namespace

struct Chunker::State {
  explicit State(ChunkOptions chunkOptions)
      : options(chunkOptions),
        parser(ts_parser_new()),
        cursor(ts_tree_cursor_new(TSNode{})),
        guard(parser) {}
  ~State() {
    ts_tree_cursor_delete(&cursor);
    ts_parser_delete(parser);
  }
  State(const State&) = delete;
  State& operator=(const State&) = delete;

  const CompiledRules& rules(Language language, const LanguageSpec& spec,
                             const TSLanguage* grammar) {
    auto& slot = compiled[static_cast<std::size_t>(language)];
    if (!slot) slot = std::make_unique<CompiledRules>(spec, grammar);
    return *slot;
  }

  std::uint64_t timeoutFor(std::size_t bytes) const {
    return options.parseTimeoutMicros + options.parseTimeoutMicrosPerMiB * (bytes >> 20);
  }

  ChunkResult textWindows(const LineIndex& lines) const;
  ChunkResult syntaxChunks(const CompiledRules& rules, const LineIndex& lines, TSTree* tree);

  ChunkOptions options;
  TSParser* parser;
  TSTreeCursor cursor;  // reset onto each tree; reusing it saves its allocation
  ParseGuard guard;
  std::array<std::unique_ptr<CompiledRules>, kLanguageCount> compiled;
};

ChunkResult Chunker::State::textWindows(const LineIndex& lines) const {
  ChunkResult result;
  WindowLimits limits{std::numeric_limits<std::size_t>::max(), options.textWindowLines,
                      options.maxChunkBytes};
  std::vector<Cut> cuts = textCuts(lines, 0, lines.size());
  for (const ByteRange& window : splitWindows(lines, 0, lines.size(), cuts, limits)) {
    result.chunks.push_back(textChunk(lines, window.begin, window.end, ChunkKind::Text));
  }
  return result;
}

ChunkResult Chunker::State::syntaxChunks(const CompiledRules& rules, const LineIndex& lines,
                                         TSTree* tree) {
  ChunkResult result;
  TSNode root = ts_tree_root_node(tree);
  result.parsed = true;
  result.hadSyntaxErrors = ts_node_has_error(root);
  std::vector<Definition> defs = findDefinitions(rules, lines, root, cursor);
  LayoutLimits limits{Budget{options.maxChunkChars, options.maxChunkLines}, options.maxChunkBytes};
  for (const Piece& piece : layOutPieces(defs, lines, limits, cursor)) {
    Chunk chunk = textChunk(lines, piece.start, piece.end, ChunkKind::Preamble);
    if (piece.kind == PieceKind::Glue) {
      if (piece.parent >= 0) chunk.parent = defs[piece.parent].qualifiedName;
    } else {
      name(chunk, defs[piece.def]);
      chunk.kind = defs[piece.def].kind;
    }
    if (piece.kind == PieceKind::Outline) {
      chunk.kind = ChunkKind::Outline;
      chunk.outline = buildOutline(defs, piece.def, lines, rules, cursor);
    }
    result.chunks.push_back(std::move(chunk));
  }
  result.symbols.reserve(defs.size());
  for (const Definition& d : defs) result.symbols.push_back(toSymbol(lines, d));
  return result;
}

Chunker::Chunker(ChunkOptions options) : state_(std::make_unique<State>(options)) {}
Chunker::~Chunker() = default;
Chunker::Chunker(Chunker&&) noexcept = default;
Chunker& Chunker::operator=(Chunker&&) noexcept = default;

ChunkResult Chunker::chunk(Language language, std::string_view text) {
  // Offsets are 32-bit throughout (tree-sitter's too); a larger file gets no chunks.
  if (text.empty() || text.size() >= std::numeric_limits<std::uint32_t>::max()) return {};
  LineIndex lines(text);
  const LanguageSpec* spec = languageSpec(language);
  const TSLanguage* grammar =
      languageInfo(language).grammar ? languageInfo(language).grammar() : nullptr;
  if (!spec || !grammar || !ts_parser_set_language(state_->parser, grammar)) {
    return state_->textWindows(lines);
  }
  const CompiledRules& rules = state_->rules(language, *spec, grammar);
  ts_parser_set_timeout_micros(state_->parser, state_->timeoutFor(text.size()));
  state_->guard.arm(text);
  std::unique_ptr<TSTree, TreeDeleter> tree(ts_parser_parse_string(
      state_->parser, nullptr, text.data(), static_cast<std::uint32_t>(text.size())));
  if (!tree || state_->guard.cancelled()) {  // timed out, or cancelled by the guard
    tree.reset();
    ts_parser_reset(state_->parser);  // an abandoned parse would otherwise resume next time
    return state_->textWindows(lines);
  }
  return state_->syntaxChunks(rules, lines, tree.get());
}

ChunkResult chunkFile(Language language, std::string_view text, const ChunkOptions& options) {
  return Chunker(options).chunk(language, text);
}

}  // namespace gloss::indexer
