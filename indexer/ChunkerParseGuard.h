// Keeps tree-sitter 0.20.7 (Debian's runtime) away from its heap corruption on degenerate input
// (100k `{`, 70k unclosed `#if`, 100k tokens error recovery must skip): when error recovery folds
// tens of thousands of subtrees into one node, a 16-bit count wraps (an ERROR node of 100,000
// children reports 34,464) and the runtime frees bad pointers, during the parse or when the tree
// is deleted. A node cannot have more children than the file has tokens, so small files are safe
// as they are; for larger ones the guard follows the parse through the runtime's log, estimates
// the parse-stack depth and the number of skipped tokens (what error nodes are made of), and
// cancels the parse well before they near 65,535. The caller then falls back to line windows.
// The log costs parse time (about +75% on the files watched), hence only for large files.
#pragma once

#include <tree_sitter/api.h>

#include <cstddef>
#include <string_view>

namespace gloss::indexer::chunker {

class ParseGuard {
 public:
  // Installs the cancellation flag on `parser`; the guard must outlive the parser's use of it.
  explicit ParseGuard(TSParser* parser);
  ParseGuard(const ParseGuard&) = delete;
  ParseGuard& operator=(const ParseGuard&) = delete;

  // Call before each parse: watches it when `text` may hold enough tokens to be dangerous.
  void arm(std::string_view text);
  bool cancelled() const { return cancel_ != 0; }

  // An upper bound on the tokens any of the grammars can make of `text`, counted up to stopAt.
  static std::size_t tokenBound(std::string_view text, std::size_t stopAt);

 private:
  static void onLog(void* self, TSLogType type, const char* message);
  void observe(const char* message);

  TSParser* parser_;
  std::size_t cancel_ = 0;  // read by tree-sitter every few hundred operations
  long depth_ = 0;
  long skipped_ = 0;
};

}  // namespace gloss::indexer::chunker
