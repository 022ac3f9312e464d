// Recall and precision over the labelled corpus in tests/data/redaction. Recall must be 100% on
// every kind: each labelled secret replaced, exactly, under its own kind. Precision counts every
// redaction that covers no labelled secret (in either file) as a false positive.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>

#include "secret_test_support.h"

namespace gloss::redact {
namespace {

using testing::CorpusCase;
using testing::LabelledSecret;
using testing::loadCorpus;
using testing::sharedRedactor;

// The corpus is built so that every redaction is right; below this, something regressed.
constexpr double kMinPrecision = 0.98;

bool covers(const RedactedSpan& span, const LabelledSecret& secret) {
  return span.offset <= secret.offset && span.offset + span.length >= secret.offset + secret.length;
}

bool overlaps(const RedactedSpan& span, const LabelledSecret& secret) {
  return span.offset < secret.offset + secret.length && secret.offset < span.offset + span.length;
}

bool exactly(const RedactedSpan& span, const LabelledSecret& secret) {
  return span.offset == secret.offset && span.length == secret.length && span.kind == secret.kind;
}

struct KindScore {
  std::size_t labelled = 0;
  std::size_t found = 0;  // covered by a redaction of any kind
  std::size_t exact = 0;  // replaced exactly, under the labelled kind
};

struct CorpusScore {
  std::array<KindScore, kSecretKindCount> kinds{};
  std::size_t redactions = 0;
  std::size_t falsePositives = 0;

  void add(const CorpusCase& c, const Redaction& result) {
    for (const LabelledSecret& secret : c.secrets) {
      KindScore& kind = kinds[static_cast<std::size_t>(secret.kind)];
      ++kind.labelled;
      auto has = [&](auto test) {
        return std::any_of(result.spans.begin(), result.spans.end(),
                           [&](const RedactedSpan& span) { return test(span, secret); });
      };
      kind.found += has(covers) ? 1 : 0;
      kind.exact += has(exactly) ? 1 : 0;
      EXPECT_TRUE(has(exactly)) << "line " << c.line << " (" << c.title
                                << "): " << kindName(secret.kind) << " not replaced exactly\n"
                                << result.text;
    }
    for (const RedactedSpan& span : result.spans) {
      ++redactions;
      bool labelled = std::any_of(c.secrets.begin(), c.secrets.end(),
                                  [&](const LabelledSecret& s) { return overlaps(span, s); });
      if (labelled) continue;
      ++falsePositives;
      ADD_FAILURE() << "line " << c.line << " (" << c.title << "): false positive "
                    << kindName(span.kind) << " at "
                    << c.text.substr(span.offset, std::min<std::size_t>(span.length, 60));
    }
  }

  std::size_t total(std::size_t KindScore::*field) const {
    std::size_t sum = 0;
    for (const KindScore& kind : kinds) sum += kind.*field;
    return sum;
  }
};

void printScore(const CorpusScore& score) {
  std::printf("%-28s %9s %7s %7s\n", "kind", "labelled", "found", "exact");
  for (std::size_t i = 0; i < kSecretKindCount; ++i) {
    const KindScore& kind = score.kinds[i];
    std::printf("%-28s %9zu %7zu %7zu\n", std::string(kindName(static_cast<SecretKind>(i))).c_str(),
                kind.labelled, kind.found, kind.exact);
  }
  std::size_t labelled = score.total(&KindScore::labelled);
  std::size_t found = score.total(&KindScore::found);
  std::size_t right = score.redactions - score.falsePositives;
  std::printf("recall    %.1f%% (%zu/%zu)\n", 100.0 * found / labelled, found, labelled);
  std::printf("precision %.1f%% (%zu/%zu)\n", 100.0 * right / score.redactions, right,
              score.redactions);
}

TEST(SecretCorpus, RecallAndPrecision) {
  std::vector<CorpusCase> positives = loadCorpus("true_positives.txt");
  std::vector<CorpusCase> nearMisses = loadCorpus("near_misses.txt");
  ASSERT_GE(positives.size(), 60u);
  ASSERT_GE(nearMisses.size(), 25u);

  CorpusScore score;
  for (const CorpusCase& c : positives) score.add(c, sharedRedactor().redact(c.text));
  for (const CorpusCase& c : nearMisses) {
    EXPECT_TRUE(c.secrets.empty()) << "near miss at line " << c.line << " has a label";
    score.add(c, sharedRedactor().redact(c.text));
  }
  printScore(score);

  for (std::size_t i = 0; i < kSecretKindCount; ++i) {
    const KindScore& kind = score.kinds[i];
    std::string name(kindName(static_cast<SecretKind>(i)));
    EXPECT_GE(kind.labelled, 3u) << name << " needs more corpus cases";
    EXPECT_EQ(kind.found, kind.labelled) << "recall below 100% for " << name;
  }
  ASSERT_GT(score.redactions, 0u);
  double precision =
      static_cast<double>(score.redactions - score.falsePositives) / score.redactions;
  EXPECT_GE(precision, kMinPrecision);
}

// All cases at once: secrets of many kinds in one text, as a long prompt would carry them.
TEST(SecretCorpus, WholeFileAtOnce) {
  std::vector<CorpusCase> positives = loadCorpus("true_positives.txt");
  std::string all;
  std::size_t labelled = 0;
  for (const CorpusCase& c : positives) {
    // The truncated-key case runs to the end of its text, so it would swallow what follows.
    if (c.title.find("redacted to its end") != std::string::npos) continue;
    all += c.text + "\n\n";
    labelled += c.secrets.size();
  }
  Redaction result = sharedRedactor().redact(all);
  EXPECT_EQ(result.spans.size(), labelled);
  EXPECT_EQ(secretCount(result.findings), labelled);
}

}  // namespace
}  // namespace gloss::redact
