// Shared pieces of the Secret* tests: one compiled redactor, data files, and the labelled corpus
// format of tests/data/redaction (described at the top of each corpus file).
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "commands/redact/SecretRedactor.h"

namespace gloss::redact::testing {

inline const SecretRedactor& sharedRedactor() {
  static const SecretRedactor redactor;
  return redactor;
}

inline std::string redacted(std::string_view text) {
  return sharedRedactor().redact(text).text;
}

inline std::string readRedactionData(std::string_view name) {
  std::string path = std::string(GLOSS_TEST_DATA_DIR) + "/redaction/" + std::string(name);
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in) << "cannot open " << path;
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

struct LabelledSecret {
  std::size_t offset = 0;
  std::size_t length = 0;
  SecretKind kind;
};

struct CorpusCase {
  std::string title;
  std::size_t line = 0;  // of the `%%%` line, for messages
  std::string text;      // markers removed
  std::vector<LabelledSecret> secrets;
};

inline constexpr std::string_view kCaseStart = "%%%";
inline constexpr std::string_view kSecretOpen = "\u27e6";   // ⟦
inline constexpr std::string_view kSecretClose = "\u27e7";  // ⟧

// Removes the ⟦kind:value⟧ markers from `raw`, recording where each value lands.
inline void stripMarkers(std::string_view raw, CorpusCase& out) {
  std::size_t at = 0;
  while (at < raw.size()) {
    std::size_t open = raw.find(kSecretOpen, at);
    out.text.append(raw.substr(at, open == raw.npos ? raw.npos : open - at));
    if (open == raw.npos) return;
    std::size_t colon = raw.find(':', open);
    std::size_t close = raw.find(kSecretClose, colon);
    ASSERT_NE(close, raw.npos) << "unterminated secret in case at line " << out.line;
    std::string_view name =
        raw.substr(open + kSecretOpen.size(), colon - open - kSecretOpen.size());
    std::optional<SecretKind> kind = kindFromName(name);
    ASSERT_TRUE(kind) << "unknown kind '" << name << "' at line " << out.line;
    std::string_view value = raw.substr(colon + 1, close - colon - 1);
    out.secrets.push_back({out.text.size(), value.size(), *kind});
    out.text.append(value);
    at = close + kSecretClose.size();
  }
}

// Cases start at `%%% title` lines; the final newline of a case separates it from the next.
inline std::vector<CorpusCase> loadCorpus(std::string_view name) {
  std::istringstream in(readRedactionData(name));
  std::vector<CorpusCase> cases;
  std::vector<std::string> bodies;
  std::string line;
  for (std::size_t number = 1; std::getline(in, line); ++number) {
    if (line.starts_with(kCaseStart)) {
      cases.push_back({line.substr(kCaseStart.size() + 1), number, {}, {}});
      bodies.emplace_back();
    } else if (!cases.empty()) {
      bodies.back() += line + "\n";
    }
  }
  for (std::size_t i = 0; i < cases.size(); ++i) {
    if (!bodies[i].empty()) bodies[i].pop_back();
    stripMarkers(bodies[i], cases[i]);
  }
  return cases;
}

}  // namespace gloss::redact::testing
