// Finds secrets in text and replaces each with `[REDACTED:<kind>]` before the text leaves the
// machine (code chunks, messages and history sent to a non-offline provider) or is stored.
//
// Built once and owned by whoever redacts (no global instance); `redact` is const and safe to call
// from many threads at once. One RE2::Set over all rules answers, in a single pass, which rules
// match at all; most text matches none and costs nothing more. The set runs over blocks of
// about 16 KiB cut at line ends, so a rule that matched runs again only over the blocks where it
// did, to find where (prefilter, then verify). Only the secret part of a match is replaced
// (`postgres://app:[REDACTED:connection_string_password]@db/prod`), so the code around it still
// reads naturally. Redacting redacted text changes nothing.
#pragma once

#include <re2/re2.h>
#include <re2/set.h>

#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "commands/redact/Findings.h"
#include "commands/redact/SecretKind.h"
#include "commands/redact/SecretRules.h"

namespace gloss::redact {

// Where a secret was, in the input text. For tests and local tooling; never sent to a client.
struct RedactedSpan {
  std::size_t offset = 0;
  std::size_t length = 0;
  SecretKind kind;
};

struct Redaction {
  std::string text;                 // the input with every secret replaced
  std::vector<Finding> findings;    // per kind, in the order kinds first appear
  std::vector<RedactedSpan> spans;  // ascending, never overlapping

  bool changed() const { return !spans.empty(); }
};

class SecretRedactor {
 public:
  // Compiles all rules. A rule that does not compile is a bug in the rule table: std::logic_error.
  SecretRedactor();
  ~SecretRedactor();
  SecretRedactor(SecretRedactor&&) noexcept;
  SecretRedactor& operator=(SecretRedactor&&) noexcept;

  Redaction redact(std::string_view text) const;

  // Redacts each text in place (all messages of a request, say) and returns the findings of all
  // of them, merged.
  std::vector<Finding> redactInPlace(std::span<std::string> texts) const;

 private:
  struct CompiledRule {
    SecretKind kind;
    std::unique_ptr<re2::RE2> regex;
    int nameGroup = -1;  // -1: the pattern has no `name` group
    bool (*accepts)(const RuleMatch&) = nullptr;
    bool longMatches = false;
  };
  // Whole lines [begin, end); the set also sees a few lines after it, up to `viewEnd`, so that
  // a rule whose match runs over line ends is seen from the block where the match starts.
  struct Block {
    std::size_t begin;
    std::size_t end;
    std::size_t viewEnd;
  };
  struct Candidate {
    std::size_t begin;
    std::size_t end;
    std::size_t rule;
  };

  static std::vector<Block> blocksOf(std::string_view text);
  std::vector<std::size_t> rulesThatMatch(std::string_view view) const;
  // Matches of one rule that start in `block`, accepted by the rule's check.
  void collectCandidates(std::string_view text, const Block& block, std::size_t ruleIndex,
                         std::vector<Candidate>& out) const;

  std::unique_ptr<re2::RE2::Set> set_;
  std::vector<CompiledRule> rules_;
};

}  // namespace gloss::redact
