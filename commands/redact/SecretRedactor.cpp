#include "commands/redact/SecretRedactor.h"

#include <algorithm>
#include <map>
#include <stdexcept>
#include <utility>

namespace gloss::redact {
namespace {

constexpr std::string_view kMarkerStart = "[REDACTED:";

// Blocks are large enough that a set call's fixed cost is lost in its scan, and small enough that
// re-running a rule over a block that matched costs little.
constexpr std::size_t kBlockBytes = std::size_t{16} << 10;
// Enough for a PEM header, its armor headers, a blank line and the first body line; the byte
// limit keeps huge lines (minified code) from being scanned twice.
constexpr std::size_t kViewExtraLines = 6;
constexpr std::size_t kViewExtraBytes = std::size_t{4} << 10;

// The set holds every rule in one automaton; its DFA cache grows with the number of rules, and
// running out of it would fall back to running each rule, so it gets more than RE2's default.
constexpr std::int64_t kSetMemoryBudget = std::int64_t{64} << 20;

re2::RE2::Options ruleOptions() {
  re2::RE2::Options options;
  options.set_encoding(re2::RE2::Options::EncodingLatin1);
  options.set_log_errors(false);
  return options;
}

std::string markerFor(SecretKind kind) {
  std::string marker(kMarkerStart);
  marker += kindName(kind);
  marker += ']';
  return marker;
}

std::size_t endOfLine(std::string_view text, std::size_t at) {
  std::size_t newline = text.find('\n', at);
  return newline == text.npos ? text.size() : newline + 1;
}

using Span = std::pair<std::size_t, std::size_t>;  // [begin, end)

// The `[REDACTED:<kind>]` markers already in the text. Nothing inside one is redacted again, so
// redacting redacted text changes nothing. Only well-formed markers count: a stray
// `[REDACTED:` must not shield what follows it.
std::vector<Span> markerSpans(std::string_view text) {
  std::vector<Span> spans;
  for (std::size_t at = text.find(kMarkerStart); at != text.npos;
       at = text.find(kMarkerStart, at + 1)) {
    std::size_t nameBegin = at + kMarkerStart.size();
    std::size_t close = text.find(']', nameBegin);
    if (close == text.npos) break;
    if (kindFromName(text.substr(nameBegin, close - nameBegin))) spans.emplace_back(at, close + 1);
  }
  return spans;
}

bool overlapsAny(const std::vector<Span>& spans, std::size_t begin, std::size_t end) {
  return std::any_of(spans.begin(), spans.end(),
                     [&](const Span& span) { return span.first < end && begin < span.second; });
}

// Non-overlapping spans kept in a map from begin to end.
class SpanSet {
 public:
  bool overlaps(std::size_t begin, std::size_t end) const {
    auto next = spans_.lower_bound(begin);
    if (next != spans_.end() && next->first < end) return true;
    return next != spans_.begin() && std::prev(next)->second > begin;
  }
  void insert(std::size_t begin, std::size_t end) { spans_.emplace(begin, end); }

 private:
  std::map<std::size_t, std::size_t> spans_;
};

void countFinding(std::vector<Finding>& findings, SecretKind kind) {
  Finding one{kind, 1};
  mergeFindings(findings, std::span<const Finding>(&one, 1));
}

}  // namespace

SecretRedactor::SecretRedactor() {
  re2::RE2::Options setOptions = ruleOptions();
  setOptions.set_max_mem(kSetMemoryBudget);
  set_ = std::make_unique<re2::RE2::Set>(setOptions, re2::RE2::UNANCHORED);
  for (SecretRule& rule : secretRules()) {
    std::string error;
    auto regex = std::make_unique<re2::RE2>(rule.pattern, ruleOptions());
    if (!regex->ok() || set_->Add(rule.pattern, &error) < 0) {
      throw std::logic_error("redaction rule does not compile: " + rule.pattern + ": " +
                             (regex->ok() ? error : regex->error()));
    }
    const auto& named = regex->NamedCapturingGroups();
    auto name = named.find("name");
    int nameGroup = name == named.end() ? -1 : name->second;
    rules_.push_back({rule.kind, std::move(regex), nameGroup, rule.accepts, rule.longMatches});
  }
  if (!set_->Compile()) throw std::logic_error("redaction rules exceed the RE2::Set memory budget");
}

SecretRedactor::~SecretRedactor() = default;
SecretRedactor::SecretRedactor(SecretRedactor&&) noexcept = default;
SecretRedactor& SecretRedactor::operator=(SecretRedactor&&) noexcept = default;

std::vector<std::size_t> SecretRedactor::rulesThatMatch(std::string_view view) const {
  std::vector<int> hits;
  re2::RE2::Set::ErrorInfo error{re2::RE2::Set::kNoError};
  std::vector<std::size_t> rules;
  if (set_->Match(view, &hits, &error)) {
    for (int hit : hits) rules.push_back(static_cast<std::size_t>(hit));
    std::sort(rules.begin(), rules.end());
  } else if (error.kind != re2::RE2::Set::kNoError) {
    // The set's DFA gave up (memory); every rule runs on its own instead of missing a secret.
    for (std::size_t i = 0; i < rules_.size(); ++i) rules.push_back(i);
  }
  return rules;
}

void SecretRedactor::collectCandidates(std::string_view text, const Block& block,
                                       std::size_t ruleIndex, std::vector<Candidate>& out) const {
  const CompiledRule& rule = rules_[ruleIndex];
  int groups = rule.regex->NumberOfCapturingGroups();
  std::vector<re2::StringPiece> match(static_cast<std::size_t>(groups) + 1);
  auto offsetOf = [&](const re2::StringPiece& piece) {
    return static_cast<std::size_t>(piece.data() - text.data());
  };
  // The whole text stays the context, so `^`, `$` and `\b` see past the block's edges.
  std::size_t searchEnd = rule.longMatches ? text.size() : block.viewEnd;
  std::size_t position = block.begin;
  while (position < block.end && rule.regex->Match(text, position, searchEnd, re2::RE2::UNANCHORED,
                                                   match.data(), groups + 1)) {
    std::size_t matchBegin = offsetOf(match[0]);
    if (matchBegin >= block.end) break;
    re2::StringPiece secret = match[0];
    for (int group = 1; group <= groups; ++group) {
      if (group != rule.nameGroup && match[group].data() != nullptr) {
        secret = match[group];
        break;
      }
    }
    RuleMatch candidate{{}, {secret.data(), secret.size()}};
    if (rule.nameGroup > 0) {
      const re2::StringPiece& name = match[rule.nameGroup];
      candidate.name = {name.data(), name.size()};
    }
    if (!secret.empty() && (rule.accepts == nullptr || rule.accepts(candidate))) {
      out.push_back({offsetOf(secret), offsetOf(secret) + secret.size(), ruleIndex});
    }
    position = std::max(matchBegin + match[0].size(), matchBegin + 1);
  }
}

std::vector<SecretRedactor::Block> SecretRedactor::blocksOf(std::string_view text) {
  std::vector<Block> blocks;
  std::size_t begin = 0;
  while (begin < text.size()) {
    std::size_t end =
        begin + kBlockBytes >= text.size() ? text.size() : endOfLine(text, begin + kBlockBytes - 1);
    std::size_t viewEnd = end;
    for (std::size_t line = 0; line < kViewExtraLines && viewEnd < text.size(); ++line) {
      viewEnd = endOfLine(text, viewEnd);
    }
    blocks.push_back({begin, end, std::min(viewEnd, end + kViewExtraBytes)});
    begin = end;
  }
  return blocks;
}

Redaction SecretRedactor::redact(std::string_view text) const {
  std::vector<Candidate> candidates;
  for (const Block& block : blocksOf(text)) {
    std::string_view view = text.substr(block.begin, block.viewEnd - block.begin);
    for (std::size_t rule : rulesThatMatch(view)) collectCandidates(text, block, rule, candidates);
  }

  // Earlier rules win overlaps.
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    return a.rule != b.rule ? a.rule < b.rule : a.begin < b.begin;
  });
  std::vector<Span> markers = markerSpans(text);
  SpanSet taken;
  std::vector<Candidate> kept;
  for (const Candidate& candidate : candidates) {
    if (overlapsAny(markers, candidate.begin, candidate.end)) continue;
    if (taken.overlaps(candidate.begin, candidate.end)) continue;
    taken.insert(candidate.begin, candidate.end);
    kept.push_back(candidate);
  }
  std::sort(kept.begin(), kept.end(),
            [](const Candidate& a, const Candidate& b) { return a.begin < b.begin; });

  Redaction result;
  result.text.reserve(text.size());
  std::size_t copied = 0;
  for (const Candidate& candidate : kept) {
    SecretKind kind = rules_[candidate.rule].kind;
    result.text.append(text.substr(copied, candidate.begin - copied));
    result.text += markerFor(kind);
    copied = candidate.end;
    result.spans.push_back({candidate.begin, candidate.end - candidate.begin, kind});
    countFinding(result.findings, kind);
  }
  result.text.append(text.substr(copied));
  return result;
}

std::vector<Finding> SecretRedactor::redactInPlace(std::span<std::string> texts) const {
  std::vector<Finding> findings;
  for (std::string& text : texts) {
    Redaction redaction = redact(text);
    if (!redaction.changed()) continue;
    text = std::move(redaction.text);
    mergeFindings(findings, redaction.findings);
  }
  return findings;
}

}  // namespace gloss::redact
