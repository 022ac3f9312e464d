#include "indexer/Glob.h"

#include <cctype>
#include <cstring>

namespace gloss::indexer {

namespace {

char toLowerAscii(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

using CharPredicate = int (*)(int);

struct NamedClass {
  std::string_view name;
  CharPredicate predicate;
};

// The POSIX classes git accepts inside brackets, e.g. `[[:digit:]]`.
constexpr NamedClass kNamedClasses[] = {
    {"alnum", isalnum}, {"alpha", isalpha}, {"blank", isblank}, {"cntrl", iscntrl},
    {"digit", isdigit}, {"graph", isgraph}, {"lower", islower}, {"print", isprint},
    {"punct", ispunct}, {"space", isspace}, {"upper", isupper}, {"xdigit", isxdigit},
};

}  // namespace

// Turns pattern text into Glob tokens; lives apart from Glob so matching code stays small.
class GlobCompiler {
 public:
  GlobCompiler(std::string_view pattern, GlobOptions options) : p_(pattern) {
    glob_.pattern_ = std::string(pattern);
    glob_.caseInsensitive_ = options.caseInsensitive;
  }

  Expected<Glob, std::string> run() {
    std::size_t i = 0;
    while (i < p_.size()) {
      std::optional<std::string> error;
      switch (p_[i]) {
        case '\\':
          if (i + 1 == p_.size()) return unexpected(std::string("trailing backslash"));
          addLiteral(p_[i + 1]);
          i += 2;
          break;
        case '?':
          addToken(Glob::Op::AnyChar);
          ++i;
          break;
        case '*':
          compileStars(i);
          break;
        case '[':
          error = compileClass(i);
          if (error) return unexpected(std::move(*error));
          break;
        default:
          addLiteral(p_[i]);
          ++i;
      }
    }
    glob_.classify();
    return std::move(glob_);
  }

 private:
  void addToken(Glob::Op op, std::uint32_t offset = 0) {
    glob_.tokens_.push_back(Glob::Token{op, offset, 0});
  }

  void addLiteral(char c) {
    auto& tokens = glob_.tokens_;
    auto& literals = glob_.literals_;
    if (tokens.empty() || tokens.back().op != Glob::Op::Literal) {
      tokens.push_back(
          Glob::Token{Glob::Op::Literal, static_cast<std::uint32_t>(literals.size()), 0});
    }
    literals.push_back(glob_.caseInsensitive_ ? toLowerAscii(c) : c);
    ++tokens.back().length;
  }

  // A run of two or more stars is special only when it fills a whole path segment.
  void compileStars(std::size_t& i) {
    const std::size_t start = i;
    while (i < p_.size() && p_[i] == '*') ++i;
    const bool wholeSegmentStart = start == 0 || p_[start - 1] == '/';
    if (i - start < 2 || !wholeSegmentStart) return addToken(Glob::Op::Star);
    if (i == p_.size()) return addToken(Glob::Op::AnyString);
    if (p_[i] == '/') {
      ++i;
      return addToken(Glob::Op::AnyDirs);
    }
    if (p_[i] == '\\' && i + 1 < p_.size() && p_[i + 1] == '/') {
      i += 2;
      return addToken(Glob::Op::AnyDirs);
    }
    addToken(Glob::Op::Star);
  }

  std::optional<std::string> compileClass(std::size_t& i) {
    const std::string unterminated = "unterminated character class";
    std::size_t j = i + 1;
    bool negated = false;
    if (j < p_.size() && (p_[j] == '!' || p_[j] == '^')) {
      negated = true;
      ++j;
    }
    std::bitset<256> set;
    int rangeStart = -1;  // the previous member, which a following '-' extends into a range
    for (bool first = true;; first = false) {
      if (j >= p_.size()) return unterminated;
      const unsigned char c = p_[j];
      if (c == ']' && !first) {
        ++j;
        break;
      }
      if (c == '\\') {
        if (++j >= p_.size()) return unterminated;
        rangeStart = static_cast<unsigned char>(p_[j++]);
        set.set(rangeStart);
      } else if (c == '-' && rangeStart >= 0 && j + 1 < p_.size() && p_[j + 1] != ']') {
        std::size_t k = j + 1;
        if (p_[k] == '\\' && ++k >= p_.size()) return unterminated;
        const unsigned char last = p_[k];
        for (int v = rangeStart; v <= last; ++v) set.set(v);
        rangeStart = -1;
        j = k + 1;
      } else if (c == '[' && j + 1 < p_.size() && p_[j + 1] == ':') {
        // `[:name:]` ends at the first ']'; without a ':' before it the '[' is an ordinary member.
        const std::size_t close = p_.find(']', j + 2);
        if (close == std::string_view::npos) return unterminated;
        if (close >= j + 3 && p_[close - 1] == ':') {
          const std::string_view name = p_.substr(j + 2, close - j - 3);
          if (!addNamedClass(name, set))
            return "unknown character class [:" + std::string(name) + ":]";
          rangeStart = -1;
          j = close + 1;
        } else {
          set.set('[');
          rangeStart = '[';
          ++j;
        }
      } else {
        set.set(c);
        rangeStart = c;
        ++j;
      }
    }
    finishClass(set, negated);
    i = j;
    return std::nullopt;
  }

  static bool addNamedClass(std::string_view name, std::bitset<256>& set) {
    for (const NamedClass& named : kNamedClasses) {
      if (named.name != name) continue;
      for (int v = 0; v < 256; ++v) {
        if (named.predicate(v)) set.set(v);
      }
      return true;
    }
    return false;
  }

  void finishClass(std::bitset<256>& set, bool negated) {
    if (glob_.caseInsensitive_) {
      for (int c = 'a'; c <= 'z'; ++c) {
        const int upper = c - 'a' + 'A';
        if (set.test(c) || set.test(upper)) set.set(c).set(upper);
      }
    }
    if (negated) set.flip();
    set.reset('/');  // like every wildcard except **, a class stays inside one path segment
    addToken(Glob::Op::Class, static_cast<std::uint32_t>(glob_.classes_.size()));
    glob_.classes_.push_back(set);
  }

  std::string_view p_;
  Glob glob_;
};

Expected<Glob, std::string> Glob::compile(std::string_view pattern, GlobOptions options) {
  return GlobCompiler(pattern, options).run();
}

void Glob::classify() {
  const auto isLiteral = [&](std::size_t i) { return tokens_[i].op == Op::Literal; };
  if (tokens_.empty() || (tokens_.size() == 1 && isLiteral(0))) {
    shape_ = Shape::Exact;
  } else if (tokens_.size() == 1 && tokens_[0].op == Op::AnyString) {
    shape_ = Shape::Everything;
  } else if (tokens_.size() == 2 && tokens_[0].op == Op::Star && isLiteral(1) &&
             literals_.find('/', tokens_[1].offset) == std::string::npos) {
    shape_ = Shape::Suffix;
  } else if (tokens_.size() == 2 && isLiteral(0) && tokens_[1].op == Op::Star) {
    shape_ = Shape::Prefix;
  } else {
    shape_ = Shape::General;
  }
}

std::optional<std::string_view> Glob::exactLiteral() const {
  if (shape_ != Shape::Exact) return std::nullopt;
  return std::string_view(literals_);
}

std::optional<std::string_view> Glob::literalSuffix() const {
  if (shape_ != Shape::Suffix) return std::nullopt;
  return std::string_view(literals_);
}

bool Glob::matches(std::string_view text) const {
  switch (shape_) {
    case Shape::Exact:
      return text.size() == literals_.size() && (tokens_.empty() || literalAt(tokens_[0], text, 0));
    case Shape::Suffix: {
      const std::size_t length = tokens_[1].length;
      return text.size() >= length && literalAt(tokens_[1], text, text.size() - length) &&
             text.find('/') == std::string_view::npos;
    }
    case Shape::Prefix:
      return literalAt(tokens_[0], text, 0) &&
             text.find('/', tokens_[0].length) == std::string_view::npos;
    case Shape::Everything:
      return true;
    case Shape::General:
      break;
  }
  return matchFrom(0, text, 0) == Outcome::Match;
}

bool Glob::sameChar(char textChar, char patternChar) const {
  return (caseInsensitive_ ? toLowerAscii(textChar) : textChar) == patternChar;
}

bool Glob::literalAt(const Token& token, std::string_view text, std::size_t at) const {
  if (text.size() < at || text.size() - at < token.length) return false;
  const char* pattern = literals_.data() + token.offset;
  if (!caseInsensitive_) return std::memcmp(text.data() + at, pattern, token.length) == 0;
  for (std::uint32_t i = 0; i < token.length; ++i) {
    if (!sameChar(text[at + i], pattern[i])) return false;
  }
  return true;
}

// A cheap pre-check before recursing: a literal must start with the right character.
bool Glob::mayStartAt(std::size_t tokenIndex, std::string_view text, std::size_t at) const {
  if (tokenIndex >= tokens_.size() || tokens_[tokenIndex].op != Op::Literal) return true;
  return at < text.size() && sameChar(text[at], literals_[tokens_[tokenIndex].offset]);
}

// Running out of text while a token still needs characters is AbortAll: backtracking an earlier
// star only ever leaves less text, so no other split can succeed.
Glob::Outcome Glob::matchFrom(std::size_t tokenIndex, std::string_view text, std::size_t at) const {
  for (; tokenIndex < tokens_.size(); ++tokenIndex) {
    const Token& token = tokens_[tokenIndex];
    switch (token.op) {
      case Op::Literal:
        if (text.size() - at < token.length) return Outcome::AbortAll;
        if (!literalAt(token, text, at)) return Outcome::NoMatch;
        at += token.length;
        break;
      case Op::AnyChar:
        if (at == text.size()) return Outcome::AbortAll;
        if (text[at] == '/') return Outcome::NoMatch;
        ++at;
        break;
      case Op::Class:
        if (at == text.size()) return Outcome::AbortAll;
        if (!classes_[token.offset].test(static_cast<unsigned char>(text[at]))) {
          return Outcome::NoMatch;
        }
        ++at;
        break;
      case Op::Star:
        return matchStar(tokenIndex, text, at);
      case Op::AnyString:
        return matchAnyString(tokenIndex, text, at);
      case Op::AnyDirs:
        return matchAnyDirs(tokenIndex, text, at);
    }
  }
  return at == text.size() ? Outcome::Match : Outcome::NoMatch;
}

// A '*' that cannot reach past the next '/' tells enclosing '*'s to give up too (they cannot
// cross it either); only an enclosing '**' keeps trying.
Glob::Outcome Glob::matchStar(std::size_t tokenIndex, std::string_view text, std::size_t at) const {
  const std::size_t next = tokenIndex + 1;
  if (next == tokens_.size()) {
    return text.find('/', at) == std::string_view::npos ? Outcome::Match
                                                        : Outcome::AbortToAnyString;
  }
  for (std::size_t k = at;; ++k) {
    if (mayStartAt(next, text, k)) {
      const Outcome outcome = matchFrom(next, text, k);
      if (outcome != Outcome::NoMatch) return outcome;
    }
    if (k == text.size()) return Outcome::AbortAll;
    if (text[k] == '/') return Outcome::AbortToAnyString;
  }
}

Glob::Outcome Glob::matchAnyString(std::size_t tokenIndex, std::string_view text,
                                   std::size_t at) const {
  const std::size_t next = tokenIndex + 1;
  if (next == tokens_.size()) return Outcome::Match;
  for (std::size_t k = at; k <= text.size(); ++k) {
    if (!mayStartAt(next, text, k)) continue;
    const Outcome outcome = matchFrom(next, text, k);
    if (outcome == Outcome::Match || outcome == Outcome::AbortAll) return outcome;
  }
  return Outcome::AbortAll;
}

// `**/` stands for zero or more whole directories, so only positions right after a '/' count.
Glob::Outcome Glob::matchAnyDirs(std::size_t tokenIndex, std::string_view text,
                                 std::size_t at) const {
  for (std::size_t k = at;;) {
    const Outcome outcome = matchFrom(tokenIndex + 1, text, k);
    if (outcome == Outcome::Match || outcome == Outcome::AbortAll) return outcome;
    const std::size_t slash = text.find('/', k);
    if (slash == std::string_view::npos) return Outcome::AbortAll;
    k = slash + 1;
  }
}

}  // namespace gloss::indexer
