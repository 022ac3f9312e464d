// Fitting a session's history into a prompt budget, and cutting one message to a token limit:
// the budget holds for every size tried, turns stay whole and recent, text stays valid UTF-8.
#include <gtest/gtest.h>

#include <string>

#include "commands/chat/ChatHistory.h"
#include "commands/llm/ModelLimits.h"

namespace gloss::commands {
namespace {

constexpr std::string_view kSummaryHeading = "Summary of the earlier conversation:\n";

// What the messages cost in a prompt, by the provider layer's own estimate.
int promptCost(const std::vector<llm::ChatMessage>& messages) {
  llm::ChatRequest with;
  with.messages = messages;
  return llm::estimatePromptTokens(with) - llm::estimatePromptTokens(llm::ChatRequest{});
}

std::vector<HistoryTurn> conversation(std::size_t count, std::size_t length) {
  std::vector<HistoryTurn> turns;
  for (std::size_t i = 0; i < count; ++i) {
    std::string content = "turn " + std::to_string(i) + " ";
    content.resize(length + i % 7 * 13, static_cast<char>('a' + i % 26));
    turns.push_back({static_cast<std::int64_t>(i + 1), i % 2 == 0 ? "user" : "assistant", content});
  }
  return turns;
}

bool isValidUtf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    auto byte = static_cast<unsigned char>(text[i]);
    std::size_t length = byte < 0x80           ? 1
                         : (byte >> 5) == 0x6  ? 2
                         : (byte >> 4) == 0xE  ? 3
                         : (byte >> 3) == 0x1E ? 4
                                               : 0;
    if (length == 0 || i + length > text.size()) return false;
    for (std::size_t k = 1; k < length; ++k)
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return false;
    i += length;
  }
  return true;
}

std::size_t codePoints(std::string_view text) {
  std::size_t count = 0;
  for (char c : text) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return count;
}

TEST(ChatHistoryTest, NothingToFit) {
  FittedHistory fitted = fitHistory({}, "a summary", 1000);
  EXPECT_TRUE(fitted.messages.empty());
  EXPECT_EQ(fitted.turnsKept, 0u);
  EXPECT_EQ(fitted.turnsDropped, 0u);
  EXPECT_FALSE(fitted.usedSummary);
  EXPECT_EQ(fitted.tokens, 0);
}

TEST(ChatHistoryTest, EverythingFitsUnchangedAndWithoutTheSummary) {
  std::vector<HistoryTurn> turns = conversation(6, 40);
  FittedHistory fitted = fitHistory(turns, "older things", 10'000);
  ASSERT_EQ(fitted.messages.size(), 6u);
  for (std::size_t i = 0; i < turns.size(); ++i) {
    EXPECT_EQ(fitted.messages[i].role, turns[i].role);
    EXPECT_EQ(fitted.messages[i].content, turns[i].content);
  }
  EXPECT_EQ(fitted.turnsKept, 6u);
  EXPECT_EQ(fitted.turnsDropped, 0u);
  EXPECT_FALSE(fitted.usedSummary);
  EXPECT_EQ(fitted.tokens, promptCost(fitted.messages));
}

TEST(ChatHistoryTest, TheNewestTurnsAreKeptWhole) {
  std::vector<HistoryTurn> turns = conversation(10, 400);  // about 100 tokens each
  FittedHistory fitted = fitHistory(turns, "", 350);
  ASSERT_EQ(fitted.turnsKept, 3u);
  EXPECT_EQ(fitted.turnsDropped, 7u);
  EXPECT_FALSE(fitted.usedSummary);
  ASSERT_EQ(fitted.messages.size(), 3u);
  EXPECT_EQ(fitted.messages[0].content, turns[7].content);
  EXPECT_EQ(fitted.messages[2].content, turns[9].content);
}

TEST(ChatHistoryTest, TheSummaryStandsInForDroppedTurnsAsAUserMessage) {
  std::vector<HistoryTurn> turns = conversation(10, 400);
  turns.pop_back();  // the newest is now a user turn, so the kept ones start with an answer
  FittedHistory fitted = fitHistory(turns, "We talked about parsing.", 300);
  ASSERT_TRUE(fitted.usedSummary);
  ASSERT_GE(fitted.messages.size(), 2u);
  EXPECT_EQ(fitted.messages[0].role, "user");
  EXPECT_EQ(fitted.messages[0].content, std::string(kSummaryHeading) + "We talked about parsing.");
  EXPECT_EQ(fitted.messages[1].role, "assistant");
  EXPECT_EQ(fitted.messages.size(), fitted.turnsKept + 1);
  EXPECT_EQ(fitted.turnsKept + fitted.turnsDropped, turns.size());
  EXPECT_LE(fitted.tokens, 300);
}

TEST(ChatHistoryTest, ASummaryBeforeAUserTurnJoinsItSoRolesAlternate) {
  std::vector<HistoryTurn> turns = conversation(10, 400);
  FittedHistory fitted = fitHistory(turns, "Earlier: setup.", 330);
  ASSERT_TRUE(fitted.usedSummary);
  ASSERT_EQ(fitted.turnsKept % 2, 0u) << "the kept window should start with a user turn";
  ASSERT_EQ(fitted.messages.size(), fitted.turnsKept);
  const std::string& first = fitted.messages[0].content;
  EXPECT_EQ(first.rfind(std::string(kSummaryHeading) + "Earlier: setup.", 0), 0u);
  EXPECT_TRUE(first.ends_with(turns[turns.size() - fitted.turnsKept].content));
  for (std::size_t i = 0; i < fitted.messages.size(); ++i)
    EXPECT_EQ(fitted.messages[i].role, i % 2 == 0 ? "user" : "assistant");
}

TEST(ChatHistoryTest, NeverExceedsTheBudgetAndKeepsANewestSuffix) {
  std::vector<HistoryTurn> turns = conversation(12, 150);
  std::string longSummary(3000, 's');
  for (const std::string& summary : {std::string(), std::string("short summary"), longSummary}) {
    for (int budget = -5; budget <= 700; ++budget) {
      FittedHistory fitted = fitHistory(turns, summary, budget);
      SCOPED_TRACE("budget " + std::to_string(budget) + ", summary " +
                   std::to_string(summary.size()));
      EXPECT_LE(promptCost(fitted.messages), std::max(budget, 0));
      EXPECT_EQ(fitted.tokens, promptCost(fitted.messages));
      EXPECT_EQ(fitted.turnsKept + fitted.turnsDropped, turns.size());
      EXPECT_EQ(fitted.usedSummary, fitted.turnsDropped > 0 && !fitted.messages.empty() &&
                                        fitted.messages[0].content.starts_with(kSummaryHeading));
      if (fitted.turnsKept < 2) continue;
      // Every kept turn but the oldest (which may carry the summary) is a whole, recent turn.
      for (std::size_t k = 1; k <= fitted.turnsKept - 1; ++k)
        EXPECT_EQ(fitted.messages[fitted.messages.size() - k].content,
                  turns[turns.size() - k].content);
    }
  }
}

TEST(ChatHistoryTest, TheSummaryTakesAtMostHalfTheBudget) {
  std::vector<HistoryTurn> turns = conversation(12, 400);
  FittedHistory fitted = fitHistory(turns, std::string(20'000, 'x'), 1000);
  ASSERT_TRUE(fitted.usedSummary);
  EXPECT_GE(fitted.turnsKept, 4u);
  EXPECT_NE(fitted.messages[0].content.find("characters omitted"), std::string::npos);
  EXPECT_LE(fitted.tokens, 1000);
}

TEST(ChatHistoryTest, ATooLongNewestTurnIsCutToFit) {
  std::vector<HistoryTurn> turns = conversation(3, 100);
  turns.back().content = std::string(40'000, 'q');
  FittedHistory fitted = fitHistory(turns, "", 500);
  ASSERT_EQ(fitted.turnsKept, 1u);
  EXPECT_EQ(fitted.turnsDropped, 2u);
  const std::string& cut = fitted.messages.back().content;
  EXPECT_NE(cut.find("characters omitted from this message"), std::string::npos);
  EXPECT_EQ(cut.rfind("qqqq", 0), 0u);
  EXPECT_LE(fitted.tokens, 500);
}

TEST(ChatHistoryTest, SystemTurnsAreNeitherSentNorCounted) {
  std::vector<HistoryTurn> turns = {
      {1, "user", "hi"}, {2, "system", "note"}, {3, "assistant", "hello"}};
  FittedHistory fitted = fitHistory(turns, "", 1000);
  ASSERT_EQ(fitted.messages.size(), 2u);
  EXPECT_EQ(fitted.messages[0].content, "hi");
  EXPECT_EQ(fitted.messages[1].content, "hello");
  EXPECT_EQ(fitted.turnsKept, 2u);
  EXPECT_EQ(fitted.turnsDropped, 0u);
}

TEST(ChatHistoryTest, ANonPositiveBudgetKeepsNothing) {
  std::vector<HistoryTurn> turns = conversation(4, 10);
  for (int budget : {0, -1}) {
    FittedHistory fitted = fitHistory(turns, "summary", budget);
    EXPECT_TRUE(fitted.messages.empty());
    EXPECT_EQ(fitted.turnsDropped, 4u);
    EXPECT_FALSE(fitted.usedSummary);
  }
}

TEST(ChatHistoryTest, TruncationLeavesFittingTextAlone) {
  EXPECT_EQ(truncateForPrompt("short", 10), "short");
  EXPECT_EQ(truncateForPrompt("", 0), "");
  EXPECT_EQ(truncateForPrompt("abcd", 1), "abcd");
  EXPECT_EQ(truncateForPrompt("abcde", 0), "");
}

TEST(ChatHistoryTest, TruncationKeepsHeadAndTailAroundAnAccurateNote) {
  std::string text;
  for (int i = 0; text.size() < 50'000; ++i) text += "line " + std::to_string(i) + " é€😀\n";
  constexpr std::string_view kNoteStart = "\n[... ";
  constexpr std::string_view kNoteEnd = " characters omitted from this message ...]\n";
  for (int maxTokens : {40, 41, 57, 100, 333, 1000, 5000, 12'000}) {
    std::string cut = truncateForPrompt(text, maxTokens);
    SCOPED_TRACE(maxTokens);
    EXPECT_LE(llm::estimateTokens(cut), maxTokens);
    EXPECT_TRUE(isValidUtf8(cut));
    std::size_t start = cut.find(kNoteStart);
    ASSERT_NE(start, std::string::npos);
    std::size_t end = cut.find(kNoteEnd, start);
    ASSERT_NE(end, std::string::npos);
    std::string head = cut.substr(0, start);
    std::string count = cut.substr(start + kNoteStart.size(), end - start - kNoteStart.size());
    std::string tail = cut.substr(end + kNoteEnd.size());
    EXPECT_TRUE(text.starts_with(head));
    EXPECT_TRUE(text.ends_with(tail));
    EXPECT_FALSE(head.empty());
    EXPECT_EQ(std::stoul(count), codePoints(text) - codePoints(head) - codePoints(tail));
  }
}

TEST(ChatHistoryTest, TruncationCutsAtALineBreakWhenOneIsNear) {
  std::string text;
  for (int i = 0; i < 200; ++i) text += std::string(40, static_cast<char>('a' + i % 26)) + "\n";
  std::string cut = truncateForPrompt(text, 300);
  std::size_t note = cut.find("\n[... ");
  ASSERT_NE(note, std::string::npos);
  EXPECT_EQ(cut[note - 1], '\n');
}

TEST(ChatHistoryTest, TruncationNeverSplitsAUtf8Sequence) {
  std::string text;
  while (text.size() < 3000) text += "日本語😀é";
  for (int maxTokens = 1; maxTokens <= 700; ++maxTokens) {
    std::string cut = truncateForPrompt(text, maxTokens);
    ASSERT_LE(llm::estimateTokens(cut), maxTokens) << maxTokens;
    ASSERT_TRUE(isValidUtf8(cut)) << maxTokens;
  }
}

TEST(ChatHistoryTest, TooSmallForTheNoteKeepsOnlyAHead) {
  std::string cut = truncateForPrompt(std::string(1000, 'z'), 5);
  EXPECT_EQ(cut, std::string(20, 'z'));
}

}  // namespace
}  // namespace gloss::commands
