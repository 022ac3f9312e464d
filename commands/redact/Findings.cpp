#include "commands/redact/Findings.h"

#include <algorithm>

namespace gloss::redact {

void mergeFindings(std::vector<Finding>& total, std::span<const Finding> more) {
  for (const Finding& finding : more) {
    auto same = std::find_if(total.begin(), total.end(),
                             [&](const Finding& known) { return known.kind == finding.kind; });
    if (same == total.end()) {
      total.push_back(finding);
    } else {
      same->count += finding.count;
    }
  }
}

std::size_t secretCount(std::span<const Finding> findings) {
  std::size_t count = 0;
  for (const Finding& finding : findings) count += finding.count;
  return count;
}

std::string describe(std::span<const Finding> findings) {
  std::size_t count = secretCount(findings);
  if (count == 0) return {};
  std::string sentence = "Redacted " + std::to_string(count) +
                         (count == 1 ? " secret" : " secrets") + " before sending: ";
  bool first = true;
  for (const Finding& finding : findings) {
    if (finding.count == 0) continue;
    if (!first) sentence += ", ";
    first = false;
    sentence += std::to_string(finding.count);
    sentence += ' ';
    sentence += kindLabel(finding.kind, finding.count);
  }
  sentence += '.';
  return sentence;
}

protocol::json::array toJSON(std::span<const Finding> findings) {
  protocol::json::array array;
  for (const Finding& finding : findings) {
    array.push_back(protocol::json::object{
        {"kind", kindName(finding.kind)},
        {"count", finding.count},
    });
  }
  return array;
}

}  // namespace gloss::redact
