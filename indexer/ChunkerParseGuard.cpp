#include "indexer/ChunkerParseGuard.h"

#include <cstdlib>
#include <cstring>

namespace gloss::indexer::chunker {
namespace {

// The runtime's limit is 65535 children. An error node is made of skipped tokens and of stack
// entries folded at recovery, so the two limits add up to less. Stack depth is watched even
// without an error yet: a recovery at the end of the file folds the whole stack at once, too late
// to cancel. Valid files rarely come near (the stack grows with an open list literal: a table of
// about 15,000 elements is cancelled and gets line windows).
constexpr long kMaxDepth = 35000;
constexpr long kMaxSkipped = 30000;
constexpr std::size_t kSafeTokens = 60000;

bool startsWith(const char* message, std::string_view prefix) {
  return std::strncmp(message, prefix.data(), prefix.size()) == 0;
}

long numberAfter(const char* message, const char* key) {
  const char* at = std::strstr(message, key);
  return at ? std::strtol(at + std::strlen(key), nullptr, 10) : 0;
}

bool isWordByte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

}  // namespace

ParseGuard::ParseGuard(TSParser* parser) : parser_(parser) {
  ts_parser_set_cancellation_flag(parser_, &cancel_);
}

void ParseGuard::arm(std::string_view text) {
  cancel_ = 0;
  depth_ = 0;
  skipped_ = 0;
  bool watch = tokenBound(text, kSafeTokens) >= kSafeTokens;
  ts_parser_set_logger(parser_, TSLogger{watch ? this : nullptr, watch ? &onLog : nullptr});
}

// Every token starts at a word run or another non-blank byte, except the few made only of
// blanks: string pieces (each follows a quote, an escape, a `>` or a `}`), and per-line tokens
// such as Python's newline, indent and dedent or JavaScript's inserted semicolons. Hence one per
// start, one more per byte that can precede a blank piece, and three per line.
std::size_t ParseGuard::tokenBound(std::string_view text, std::size_t stopAt) {
  std::size_t bound = 0;
  bool inWord = false;
  for (std::size_t i = 0; i < text.size() && bound < stopAt; ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    bool word = isWordByte(c);
    bool blank = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
    if (!blank && !(word && inWord)) ++bound;
    if (c == '"' || c == '\'' || c == '`' || c == '\\' || c == '>' || c == '}') ++bound;
    if (c == '\n') bound += 3;
    inWord = word;
  }
  return bound;
}

void ParseGuard::onLog(void* self, TSLogType type, const char* message) {
  if (type == TSLogTypeParse) static_cast<ParseGuard*>(self)->observe(message);
}

// Shifts push one entry, a reduction of n children leaves one of n, skipping a token pushes it
// into an error, recovering to a previous state folds `depth` entries into one.
void ParseGuard::observe(const char* message) {
  if (startsWith(message, "shift")) {
    ++depth_;
  } else if (startsWith(message, "reduce")) {
    depth_ -= numberAfter(message, "child_count:") - 1;
  } else if (startsWith(message, "skip_token")) {
    ++depth_;
    ++skipped_;
  } else if (startsWith(message, "recover_to_previous")) {
    depth_ -= numberAfter(message, "depth:") - 1;
  }
  if (depth_ > kMaxDepth || skipped_ > kMaxSkipped) cancel_ = 1;
}

}  // namespace gloss::indexer::chunker
