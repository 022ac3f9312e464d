// What a redaction found, told to the client as kinds and counts only: never the secret text, its
// length or its position, so nothing of the secret can leak through the report.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "commands/redact/SecretKind.h"
#include "protocol/JsonMapping.h"

namespace gloss::redact {

struct Finding {
  SecretKind kind;
  std::size_t count = 0;

  bool operator==(const Finding&) const = default;
};

// Adds `more` to `total`, keeping the order in which kinds first appeared.
void mergeFindings(std::vector<Finding>& total, std::span<const Finding> more);

// How many secrets, over all kinds.
std::size_t secretCount(std::span<const Finding> findings);

// "Redacted 2 secrets before sending: 1 GitHub token, 1 AWS access key." Empty when nothing was
// redacted. Built from kinds and counts alone, so it cannot contain secret text.
std::string describe(std::span<const Finding> findings);

// [{"kind": "github_token", "count": 1}, ...], for a `redactions` field in a result.
protocol::json::array toJSON(std::span<const Finding> findings);

}  // namespace gloss::redact
