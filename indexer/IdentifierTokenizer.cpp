#include "indexer/IdentifierTokenizer.h"

#include <sqlite3.h>

#include <algorithm>
#include <iterator>
#include <new>

namespace gloss::indexer {
namespace {

bool isDigit(unsigned char c) {
  return c >= '0' && c <= '9';
}
bool isUpper(unsigned char c) {
  return c >= 'A' && c <= 'Z';
}
// Non-ASCII bytes behave like lower-case letters: they never start a hump of their own, so a
// UTF-8 sequence is never split.
bool isLowerLike(unsigned char c) {
  return (c >= 'a' && c <= 'z') || c >= 0x80;
}
bool isWordByte(unsigned char c) {
  return isLowerLike(c) || isUpper(c) || isDigit(c) || c == '_';
}
char toLowerAscii(unsigned char c) {
  return static_cast<char>(isUpper(c) ? c + ('a' - 'A') : c);
}

// True when a part ends between word[i] and word[i + 1] (neither is '_').
bool isPartBoundary(std::string_view word, std::size_t i) {
  auto a = static_cast<unsigned char>(word[i]);
  auto b = static_cast<unsigned char>(word[i + 1]);
  if (isDigit(a) != isDigit(b)) return true;
  if (isLowerLike(a) && isUpper(b)) return true;
  // "XMLHttp": the acronym ends before the capital that starts a lower-case run.
  return isUpper(a) && isUpper(b) && i + 2 < word.size() &&
         isLowerLike(static_cast<unsigned char>(word[i + 2]));
}

// Cuts an over-long word to kMaxTokenBytes without splitting a UTF-8 sequence.
std::size_t tokenLength(std::string_view word) {
  if (word.size() <= kMaxTokenBytes) return word.size();
  std::size_t length = kMaxTokenBytes;
  while (length > 0 && (static_cast<unsigned char>(word[length]) & 0xC0) == 0x80) --length;
  return length > 0 ? length : kMaxTokenBytes;
}

}  // namespace

bool IdentifierSplitter::next(IdentifierToken& token) {
  if (pendingIndex_ >= pending_.size() && !loadNextWord()) return false;
  const Piece& piece = pending_[pendingIndex_++];
  token.text = std::string_view(lowered_).substr(piece.begin, piece.end - piece.begin);
  token.start = static_cast<int>(wordStart_ + piece.begin);
  token.end = static_cast<int>(wordStart_ + piece.end);
  token.colocated = piece.colocated;
  return true;
}

bool IdentifierSplitter::loadNextWord() {
  auto isWordAt = [this](std::size_t at) {
    return isWordByte(static_cast<unsigned char>(text_[at]));
  };
  while (pos_ < text_.size() && !isWordAt(pos_)) ++pos_;
  if (pos_ >= text_.size()) return false;
  wordStart_ = pos_;
  while (pos_ < text_.size() && isWordAt(pos_)) ++pos_;
  std::string_view word = text_.substr(wordStart_, pos_ - wordStart_);

  lowered_.resize(word.size());
  std::transform(word.begin(), word.end(), lowered_.begin(),
                 [](char c) { return toLowerAscii(static_cast<unsigned char>(c)); });
  pending_.clear();
  pendingIndex_ = 0;

  bool splittable =
      word.size() <= kMaxSplitWordBytes && !isDigit(static_cast<unsigned char>(word[0]));
  parts_.clear();
  if (splittable) splitParts(word);
  bool wholeIsOnePart = parts_.size() == 1 && parts_[0].begin == 0 && parts_[0].end == word.size();
  if (parts_.empty() || wholeIsOnePart) {
    pending_.push_back({0, tokenLength(word), false});
    return true;
  }
  if (mode_ == TokenizeMode::Document) {
    pending_.push_back({0, word.size(), false});
    parts_[0].colocated = true;
  }
  pending_.insert(pending_.end(), parts_.begin(), parts_.end());
  return true;
}

void IdentifierSplitter::splitParts(std::string_view word) {
  std::size_t i = 0;
  while (i < word.size()) {
    if (word[i] == '_') {
      ++i;
      continue;
    }
    std::size_t begin = i;
    while (i + 1 < word.size() && word[i + 1] != '_' && !isPartBoundary(word, i)) ++i;
    parts_.push_back({begin, i + 1, false});
    ++i;
  }
}

std::vector<std::string> tokenizeIdentifiers(std::string_view text, TokenizeMode mode) {
  std::vector<std::string> tokens;
  IdentifierSplitter splitter(text, mode);
  IdentifierToken token;
  while (splitter.next(token)) tokens.emplace_back(token.text);
  return tokens;
}

namespace {

// FTS5 wants a non-null tokenizer instance even though this one keeps no state.
struct TokenizerInstance {};

int createTokenizer(void*, const char**, int, Fts5Tokenizer** out) {
  auto* instance = new (std::nothrow) TokenizerInstance;
  *out = reinterpret_cast<Fts5Tokenizer*>(instance);
  return instance ? SQLITE_OK : SQLITE_NOMEM;
}

void deleteTokenizer(Fts5Tokenizer* tokenizer) {
  delete reinterpret_cast<TokenizerInstance*>(tokenizer);
}

// Called by SQLite's C code: no exception may cross it.
int tokenize(Fts5Tokenizer*, void* context, int flags, const char* text, int length,
             int (*emit)(void*, int, const char*, int, int, int)) noexcept {
  try {
    auto mode = (flags & FTS5_TOKENIZE_QUERY) ? TokenizeMode::Query : TokenizeMode::Document;
    std::string_view input =
        text && length > 0 ? std::string_view(text, length) : std::string_view();
    IdentifierSplitter splitter(input, mode);
    IdentifierToken token;
    while (splitter.next(token)) {
      int rc = emit(context, token.colocated ? FTS5_TOKEN_COLOCATED : 0, token.text.data(),
                    static_cast<int>(token.text.size()), token.start, token.end);
      if (rc != SQLITE_OK) return rc;
    }
    return SQLITE_OK;
  } catch (const std::bad_alloc&) {
    return SQLITE_NOMEM;
  } catch (...) {
    return SQLITE_ERROR;
  }
}

}  // namespace

int registerIdentifierTokenizer(sqlite3* db) {
  fts5_api* api = nullptr;
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, nullptr);
  if (rc != SQLITE_OK) return rc;
  sqlite3_bind_pointer(stmt, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
  sqlite3_step(stmt);
  rc = sqlite3_finalize(stmt);
  if (rc != SQLITE_OK) return rc;
  if (!api || api->iVersion < 2) return SQLITE_ERROR;
  fts5_tokenizer methods{createTokenizer, deleteTokenizer, tokenize};
  std::string name(kIdentifierTokenizerName);
  return api->xCreateTokenizer(api, name.c_str(), nullptr, &methods, nullptr);
}

namespace {

// Words that carry no meaning in a question about code; dropped so an All-mode query for
// "how does the parser work" does not demand "how" and "the" in every hit.
constexpr std::string_view kStopWords[] = {
    "a",    "an",  "and",   "are",  "as", "at",  "be",   "by",    "can",   "do",  "does", "for",
    "from", "how", "i",     "in",   "is", "it",  "me",   "my",    "of",    "on",  "or",   "should",
    "that", "the", "there", "this", "to", "was", "what", "where", "which", "who", "why",  "with"};

bool isStopWord(std::string_view lowered) {
  return std::find(std::begin(kStopWords), std::end(kStopWords), lowered) != std::end(kStopWords);
}

struct QueryWord {
  std::string_view original;  // keeps its case: "parseArgs" must still split into parts
  std::string lowered;
};

std::vector<QueryWord> distinctWords(std::string_view text) {
  std::vector<QueryWord> words;
  std::size_t pos = 0;
  while (pos < text.size()) {
    while (pos < text.size() && !isWordByte(static_cast<unsigned char>(text[pos]))) ++pos;
    std::size_t begin = pos;
    while (pos < text.size() && isWordByte(static_cast<unsigned char>(text[pos]))) ++pos;
    if (pos == begin) break;
    QueryWord word{text.substr(begin, pos - begin), {}};
    for (char c : word.original) word.lowered += toLowerAscii(static_cast<unsigned char>(c));
    bool seen = std::any_of(words.begin(), words.end(),
                            [&](const QueryWord& w) { return w.lowered == word.lowered; });
    if (!seen) words.push_back(std::move(word));
  }
  return words;
}

}  // namespace

std::string buildMatchExpression(std::string_view text, MatchMode mode) {
  std::vector<QueryWord> words = distinctWords(text);
  bool allStopWords = std::all_of(words.begin(), words.end(),
                                  [](const QueryWord& w) { return isStopWord(w.lowered); });
  std::string expression;
  std::size_t kept = 0;
  for (const QueryWord& word : words) {
    if (kept == kMaxQueryTerms) break;
    if (!allStopWords && isStopWord(word.lowered)) continue;
    if (kept++ > 0) expression += mode == MatchMode::All ? " AND " : " OR ";
    // A word holds no '"' (not a word byte), so quoting it needs no escaping.
    expression += '"';
    expression += word.original;
    expression += '"';
  }
  return expression;
}

}  // namespace gloss::indexer
