// Identifier-aware tokenization for the FTS5 index over chunk text (DESIGN.md §3), and a builder
// that turns free text into a MATCH expression no user input can break.
//
// Words are runs of ASCII letters, digits, '_' and any byte >= 0x80 (so non-ASCII UTF-8 always
// counts as word characters and a sequence is never split). Everything is lower-cased (ASCII
// only). A word is split into parts at '_', at lower→Upper humps ("parseArgs"), before the last
// capital of an acronym ("XMLHttp" → xml, http) and between letters and digits ("Server2").
//
// Positions — chosen so "parse args", "parseArgs" and "parse_args" all find both spellings:
//   document: the whole word, its first part colocated with it, the other parts at the
//             following positions:  parseArgs → [parseargs|parse] [args]
//                                   parse_args → [parse_args|parse] [args]
//   query:    only the parts, at consecutive positions: parseArgs and parse_args → [parse][args].
// A query phrase therefore matches the parts of either spelling, a lower-case "parseargs" still
// matches the whole word, and a phrase across words ("foo parseArgs") lines up because the whole
// word takes no position of its own.
// Words starting with a digit (number literals such as 0x1F) and words longer than
// kMaxSplitWordBytes (base64 and other blobs) are kept whole: their parts are noise.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;

namespace gloss::indexer {

inline constexpr std::string_view kIdentifierTokenizerName = "gloss_ident";
inline constexpr std::size_t kMaxSplitWordBytes = 64;
inline constexpr std::size_t kMaxTokenBytes = 128;  // longer words are indexed by their prefix

enum class TokenizeMode { Document, Query };

struct IdentifierToken {
  std::string_view text;  // lower-cased; valid until the next call to next()
  int start = 0;          // byte range of the token in the input
  int end = 0;
  bool colocated = false;  // same position as the previous token
};

class IdentifierSplitter {
 public:
  IdentifierSplitter(std::string_view text, TokenizeMode mode) : text_(text), mode_(mode) {}
  bool next(IdentifierToken& token);

 private:
  struct Piece {
    std::size_t begin;  // relative to the current word
    std::size_t end;
    bool colocated;
  };
  bool loadNextWord();
  void splitParts(std::string_view word);

  std::string_view text_;
  TokenizeMode mode_;
  std::size_t pos_ = 0;
  std::size_t wordStart_ = 0;
  std::string lowered_;  // the current word, lower-cased; tokens view into it
  std::vector<Piece> parts_;
  std::vector<Piece> pending_;
  std::size_t pendingIndex_ = 0;
};

// Convenience for tests and diagnostics: every token's text, in order.
std::vector<std::string> tokenizeIdentifiers(std::string_view text, TokenizeMode mode);

// Registers the tokenizer under kIdentifierTokenizerName; needed on every connection that reads
// or writes the FTS table. Returns an sqlite3 result code.
int registerIdentifierTokenizer(sqlite3* db);

enum class MatchMode { Any, All };

// Builds an FTS5 MATCH expression from free text: each word becomes a quoted string (so FTS5
// operators, '-', '*', parentheses and stray quotes are inert), joined with OR (Any) or AND
// (All). Duplicates and common English stop words are dropped (unless nothing else is left) and
// at most kMaxQueryTerms words are kept. Returns "" when the text has no words.
inline constexpr std::size_t kMaxQueryTerms = 32;
std::string buildMatchExpression(std::string_view text, MatchMode mode);

}  // namespace gloss::indexer
