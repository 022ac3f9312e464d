// Auto titles from the first user message, the Markdown and JSON exports, and the usage
// statistics, checked figure by figure.
#include <ctime>

#include "server/sessions/AutoTitle.h"
#include "server/sessions/SessionExport.h"
#include "session_test_support.h"

namespace gloss::server::sessions::test {
namespace {

std::size_t codePoints(const std::string& text) {
  std::size_t n = 0;
  for (char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

TEST(AutoTitle, FirstLineWithWhitespaceCollapsed) {
  EXPECT_EQ(autoTitle("\n\n   How   do I\tparse  args?\nsecond line"), "How do I parse args?");
  EXPECT_EQ(autoTitle("/explain   parseArgs in cli.py"), "/explain parseArgs in cli.py");
  EXPECT_EQ(autoTitle(" \n\t\n"), "");
  EXPECT_EQ(autoTitle("short\r\n"), "short");
}

TEST(AutoTitle, LongLinesAreCutAtAWordBoundary) {
  std::string line =
      "Please explain why the incremental chunker splits this enormous function into pieces";
  std::string title = autoTitle(line);
  EXPECT_EQ(title, "Please explain why the incremental chunker splits this\xE2\x80\xA6");
  EXPECT_LE(codePoints(title), kAutoTitleMaxChars);
  // Exactly 60 characters fit without a cut.
  std::string sixty(60, 'a');
  EXPECT_EQ(autoTitle(sixty), sixty);
  // One word longer than the limit is cut inside the word.
  std::string word(80, 'b');
  EXPECT_EQ(autoTitle(word), std::string(59, 'b') + "\xE2\x80\xA6");
}

TEST(AutoTitle, CutsNeverSplitACharacter) {
  std::string cyrillic;
  for (int i = 0; i < 70; ++i) cyrillic += "\xD0\x96";  // Ж
  std::string title = autoTitle(cyrillic);
  EXPECT_EQ(codePoints(title), 60u);
  EXPECT_EQ(title.substr(0, 2 * 59), cyrillic.substr(0, 2 * 59));
  EXPECT_EQ(title.substr(2 * 59), "\xE2\x80\xA6");
}

class SessionContentTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = openOrFail(folder_.path("sessions.db"), clock_.options());
    ASSERT_TRUE(store_);
  }
  TempFolder folder_;
  ManualClock clock_;
  std::unique_ptr<SessionStore> store_;
};

TEST_F(SessionContentTest, TheFirstUserMessageTitlesTheSessionUnlessRenamed) {
  auto s = store_->createSession("", "");
  ASSERT_TRUE(store_->appendMessage(s->id, assistantMessage("Hello! Ask me anything.")));
  EXPECT_EQ(store_->getSession(s->id)->title, "");
  ASSERT_TRUE(store_->appendMessage(s->id, userMessage("/grep   TODO\nin src")));
  EXPECT_EQ(store_->getSession(s->id)->title, "/grep TODO");
  ASSERT_TRUE(store_->appendMessage(s->id, userMessage("a later question")));
  EXPECT_EQ(store_->getSession(s->id)->title, "/grep TODO");

  auto renamed = store_->createSession("", "");
  ASSERT_TRUE(store_->rename(renamed->id, "Mine"));
  ASSERT_TRUE(store_->appendMessage(renamed->id, userMessage("would have been the title")));
  EXPECT_EQ(store_->getSession(renamed->id)->title, "Mine");
  EXPECT_FALSE(store_->getSession(renamed->id)->titleIsAuto);
}

TEST_F(SessionContentTest, MarkdownExport) {
  auto s = store_->createSession("Fixing the parser", "/w");
  ASSERT_TRUE(store_->appendMessage(s->id, userMessage("Why does `parse` fail?")));
  NewMessage reply = assistantMessage("Try this:\n\n```python\ndef parse(x):\n    return x\n```\n");
  reply.model = "gpt-test";
  reply.provider = "openai";
  auto answered = store_->appendMessage(s->id, reply);
  auto edited = store_->appendMessage(s->id, userMessage("first try"));
  ASSERT_TRUE(store_->editMessage(edited->id, "second try"));
  auto removed = store_->appendMessage(s->id, userMessage("secret thing removed"));
  ASSERT_TRUE(store_->deleteMessage(removed->id));
  auto cut = store_->beginReply(s->id, "gpt-test", "openai");
  ASSERT_TRUE(store_->checkpointReply(*cut, "Here:\n```cpp\nint x"));

  auto markdown = store_->exportMarkdown(s->id);
  ASSERT_TRUE(markdown);
  const std::string& md = *markdown;
  EXPECT_EQ(md.rfind("# Fixing the parser\n\nCreated 2024-03-09 16:00 UTC", 0), 0u) << md;
  EXPECT_NE(md.find("workspace /w"), std::string::npos);
  EXPECT_NE(md.find("## User · 2024-03-09 16:00 UTC\n\nWhy does `parse` fail?\n"),
            std::string::npos);
  EXPECT_NE(
      md.find("## Assistant · 2024-03-09 16:00 UTC · gpt-test via openai\n\n" + answered->content),
      std::string::npos)
      << md;
  EXPECT_NE(md.find("· edited 2024-03-09 16:00 UTC\n\nsecond try\n"), std::string::npos);
  EXPECT_EQ(md.find("first try"), std::string::npos);
  EXPECT_EQ(md.find("secret thing"), std::string::npos);
  // The cut-off reply is marked and its open fence closed.
  EXPECT_NE(md.find("· incomplete\n\nHere:\n```cpp\nint x\n```\n"), std::string::npos) << md;
}

TEST_F(SessionContentTest, JsonExportHasEverything) {
  auto s = store_->createSession("j", "/w");
  NewMessage m = userMessage("hello");
  m.metadata = json::object{{"references", json::array{json::object{{"path", "x.py"}}}}};
  auto first = store_->appendMessage(s->id, m);
  auto second = store_->appendMessage(s->id, userMessage("bye"));
  ASSERT_TRUE(store_->deleteMessage(second->id));
  ASSERT_TRUE(store_->saveSummary(s->id, "greetings", {"hello"}, first->id, second->id));
  auto text = store_->exportJson(s->id);
  ASSERT_TRUE(text);
  json::value doc = json::parse(*text);
  EXPECT_EQ(doc.at("format"), json::value("gloss-session"));
  EXPECT_EQ(doc.at("session").at("title"), json::value("j"));
  const json::array& messages = doc.at("messages").as_array();
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[0].at("metadata").at("references").at(0).at("path"), json::value("x.py"));
  EXPECT_FALSE(messages[1].at("deletedAt").is_null());
  EXPECT_EQ(doc.at("summaries").at(0).at("text"), json::value("greetings"));
}

// Local noon of 2024-03-05 in ms: no daylight-saving change is near it in either hemisphere.
std::int64_t localNoon() {
  std::tm day{};
  day.tm_year = 2024 - 1900;
  day.tm_mon = 2;
  day.tm_mday = 5;
  day.tm_hour = 12;
  day.tm_isdst = -1;
  return static_cast<std::int64_t>(std::mktime(&day)) * 1000;
}

TEST_F(SessionContentTest, StatsFigures) {
  const std::int64_t noon = localNoon();
  const std::int64_t hour = 3600 * 1000;
  clock_.set(noon - 13 * hour);  // yesterday, 23:00
  auto s = store_->createSession("a", "");
  ASSERT_TRUE(store_->appendMessage(s->id, userMessage("/explain x")));
  auto answer = [&](const char* model, std::int64_t prompt, std::int64_t completion,
                    std::optional<std::int64_t> total, json::array commands) {
    NewMessage m = assistantMessage("answer");
    m.model = model;
    m.usage = {prompt, completion, 5, total};
    m.metadata = json::object{{"commands", std::move(commands)}};
    ASSERT_TRUE(store_->appendMessage(s->id, m));
  };
  answer("m1", 100, 20, 1000, json::array{"/explain"});
  clock_.set(noon - hour);
  answer("m1", 50, 10, 2000, json::array{json::object{{"name", "/grep"}}, "/explain"});
  answer("m2", 7, 3, std::nullopt, json::array{"/grep", "/summarize"});
  clock_.set(noon);
  auto other = store_->createSession("b", "");
  ASSERT_TRUE(store_->appendMessage(other->id, userMessage("today")));
  // Neither a deleted message nor a deleted session counts.
  auto gone = store_->appendMessage(other->id, assistantMessage("gone"));
  ASSERT_TRUE(store_->deleteMessage(gone->id));
  auto dropped = store_->createSession("c", "");
  ASSERT_TRUE(store_->appendMessage(dropped->id, userMessage("dropped")));
  ASSERT_TRUE(store_->deleteSession(dropped->id, false));

  auto stats = store_->stats(noon);
  ASSERT_TRUE(stats);
  EXPECT_EQ(stats->sessions, 2);
  EXPECT_EQ(stats->messages, 5);
  EXPECT_EQ(stats->messagesToday, 3);
  ASSERT_TRUE(stats->averageLatencyMs);
  EXPECT_DOUBLE_EQ(*stats->averageLatencyMs, 1500.0);
  using Counts = std::vector<std::pair<std::string, std::int64_t>>;
  EXPECT_EQ(stats->tokensByModel, (Counts{{"m1", 180}, {"m2", 10}}));
  EXPECT_EQ(stats->topCommands, (Counts{{"/explain", 2}, {"/grep", 2}, {"/summarize", 1}}));
}

TEST_F(SessionContentTest, StatsOfAnEmptyStore) {
  auto stats = store_->stats(kStart);
  ASSERT_TRUE(stats);
  EXPECT_EQ(stats->sessions, 0);
  EXPECT_EQ(stats->messages, 0);
  EXPECT_FALSE(stats->averageLatencyMs);
  EXPECT_TRUE(stats->tokensByModel.empty());
  EXPECT_TRUE(stats->topCommands.empty());
}

}  // namespace
}  // namespace gloss::server::sessions::test
