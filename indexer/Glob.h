// Glob patterns with gitignore semantics (git's wildmatch with WM_PATHNAME), used by ignore rules
// and by grep's --glob filters. A pattern is compiled once into a token list; matching walks the
// tokens with bounded backtracking and never allocates.
//
//   *      any run of characters except '/'
//   **     at a segment boundary: `**/x` any leading dirs, `x/**` anything below, `x/**/y` zero
//          or more dirs; elsewhere (`a**b`) it is a plain `*`
//   ?      one character except '/'
//   [...]  a class: `[abc]`, `[a-z]`, `[!x]` or `[^x]`, `[[:alpha:]]`; never matches '/'
//   \c     the character c, literally
#pragma once

#include <bitset>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "protocol/Expected.h"

namespace gloss::indexer {

struct GlobOptions {
  bool caseInsensitive = false;  // ASCII case folding
};

class Glob {
 public:
  // Compiles `pattern`; a malformed one (unterminated class, trailing backslash, unknown
  // [:class:]) is an error message, because git treats such a pattern as matching nothing.
  static Expected<Glob, std::string> compile(std::string_view pattern, GlobOptions options = {});

  // Whether the whole of `text` matches ('/'-separated path or a single name).
  bool matches(std::string_view text) const;

  const std::string& pattern() const { return pattern_; }

  // Set when the pattern has no wildcards at all: the one text it matches (folded to lower case
  // for a case-insensitive glob). Lets callers index such patterns in a hash table.
  std::optional<std::string_view> exactLiteral() const;
  // Set when the pattern is `*` followed by a literal without '/', like `*.o`: that literal.
  std::optional<std::string_view> literalSuffix() const;

 private:
  enum class Op : std::uint8_t {
    Literal,    // `offset`/`length` into literals_
    AnyChar,    // ?
    Class,      // `offset` indexes classes_
    Star,       // * : any run without '/'
    AnyString,  // ** : anything, '/' included
    AnyDirs,    // **/ : empty, or anything that ends with '/'
  };
  struct Token {
    Op op;
    std::uint32_t offset = 0;
    std::uint32_t length = 0;
  };
  // Why a sub-match failed; the abort kinds prune backtracking that cannot succeed.
  enum class Outcome { Match, NoMatch, AbortToAnyString, AbortAll };
  enum class Shape { Exact, Suffix, Prefix, Everything, General };

  friend class GlobCompiler;
  Glob() = default;

  void classify();
  bool sameChar(char textChar, char patternChar) const;
  bool literalAt(const Token& token, std::string_view text, std::size_t at) const;
  Outcome matchFrom(std::size_t tokenIndex, std::string_view text, std::size_t at) const;
  Outcome matchStar(std::size_t tokenIndex, std::string_view text, std::size_t at) const;
  Outcome matchAnyString(std::size_t tokenIndex, std::string_view text, std::size_t at) const;
  Outcome matchAnyDirs(std::size_t tokenIndex, std::string_view text, std::size_t at) const;
  bool mayStartAt(std::size_t tokenIndex, std::string_view text, std::size_t at) const;

  std::string pattern_;
  std::string literals_;
  std::vector<std::bitset<256>> classes_;
  std::vector<Token> tokens_;
  bool caseInsensitive_ = false;
  Shape shape_ = Shape::General;
};

}  // namespace gloss::indexer
