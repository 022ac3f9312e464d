// Keeps tree-sitter 0.20.7 (Debian's runtime) away from its crash on degenerate input: when one
// node would get 65536 or more children (100k `{`, 70k unclosed `#if`, an endless run of tokens
// error recovery must skip), the runtime wraps a 16-bit count and corrupts the heap, inside the
// parse or when the tree is freed. A node cannot have more children than the file has tokens, so
// small files are safe as they are; for larger ones the guard follows the parse through the
// runtime's log, estimates the parse-stack depth and the number of skipped tokens (the sources
// of an error node's children), and cancels the parse long before either nears the limit. The
// caller then falls back to line windows. The log costs parse time, hence only for large files.
#pragma once

#include <cstddef>
#include <string_view>

#include <tree_sitter/api.h>

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
