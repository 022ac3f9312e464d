// The detection rules: one regular expression per secret format, and a check that decides on
// each match. docs/redaction.md lists them with their reasons.
//
// Pattern conventions (RE2 syntax):
//  - matched as Latin-1, so every byte is one character and invalid UTF-8 cannot stop a match;
//    case-sensitive unless the pattern starts with (?i);
//  - a capture group named `name` holds the name a value is assigned to, for the check;
//  - the secret is the first other capture group that took part in the match, or the whole
//    match when there is none. Only the secret is replaced, so `password = "…"` keeps its name
//    and quotes, and a URL keeps its user and host;
//  - every other group is non-capturing.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "commands/redact/SecretKind.h"

namespace gloss::redact {

struct RuleMatch {
  std::string_view name;    // empty when the pattern has no `name` group
  std::string_view secret;  // what would be replaced
};

struct SecretRule {
  SecretKind kind;
  std::string pattern;
  // Whether a match is a secret (not a placeholder, a word, code ...).
  bool (*accepts)(const RuleMatch& match);
  // Whether a match may run far past the line where it starts (a PEM block). Other matches end
  // within a few lines, which lets the redactor search for them block by block.
  bool longMatches = false;
};

// All rules, in priority order: where matches of two rules overlap, the earlier rule wins, so
// specific formats come before the generic password and high-entropy rules.
std::vector<SecretRule> secretRules();

}  // namespace gloss::redact
