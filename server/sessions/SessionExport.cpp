#include "server/sessions/SessionExport.h"

#include <ctime>

#include "server/sessions/SessionJson.h"
#include "server/sessions/SessionSchema.h"

namespace gloss::server::sessions {
namespace {

std::string roleHeading(const std::string& role) {
  if (role == "user") return "User";
  if (role == "assistant") return "Assistant";
  return "System";
}

// The fence still open at the end of `text` ("```", "~~~~", ...), or empty. A fence closes with
// the same character, at least as many times, after at most three spaces.
std::string openFence(const std::string& text) {
  std::string open;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string_view line(text.data() + start, end - start);
    std::size_t indent = line.find_first_not_of(' ');
    if (indent != std::string_view::npos && indent <= 3) {
      char c = line[indent];
      std::size_t run = line.find_first_not_of(c, indent);
      run = (run == std::string_view::npos ? line.size() : run) - indent;
      if ((c == '`' || c == '~') && run >= 3) {
        if (open.empty()) {
          open.assign(run, c);
        } else if (c == open[0] && run >= open.size() &&
                   line.find_first_not_of(" \t\r", indent + run) == std::string_view::npos) {
          open.clear();
        }
      }
    }
    start = end + 1;
  }
  return open;
}

std::string messageHeading(const Message& m) {
  std::string heading = "## " + roleHeading(m.role) + " · " + formatUtc(m.createdAt);
  if (!m.model.empty()) {
    heading += " · " + m.model + (m.provider.empty() ? "" : " via " + m.provider);
  }
  if (m.editedAt) heading += " · edited " + formatUtc(*m.editedAt);
  if (m.status == "incomplete") heading += " · incomplete";
  if (m.status == "error") heading += " · error" + (m.error.empty() ? "" : ": " + m.error);
  return heading;
}

}  // namespace

std::string formatUtc(std::int64_t ms) {
  std::time_t seconds = static_cast<std::time_t>(ms / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%d %H:%M UTC", &utc);
  return buffer;
}

std::string renderMarkdown(const SessionRecord& record) {
  const Session& s = record.session;
  std::string out = "# " + (s.title.empty() ? std::string("Untitled session") : s.title) + "\n\n";
  out += "Created " + formatUtc(s.createdAt) + " · updated " + formatUtc(s.updatedAt);
  if (!s.workspace.empty()) out += " · workspace " + s.workspace;
  if (s.archived) out += " · archived";
  out += "\n";
  for (const Message& m : record.messages) {
    if (m.deletedAt) continue;
    out += "\n" + messageHeading(m) + "\n\n";
    if (m.content.empty()) {
      out += "*(no text)*\n";
      continue;
    }
    out += m.content;
    if (out.back() != '\n') out += "\n";
    if (std::string fence = openFence(m.content); !fence.empty()) out += fence + "\n";
  }
  return out;
}

json::value renderJson(const SessionRecord& record) {
  json::array messages;
  for (const Message& m : record.messages) messages.push_back(toJSON(m));
  json::array summaries;
  for (const Summary& s : record.summaries) summaries.push_back(toJSON(s));
  return json::object{{"format", "gloss-session"},
                      {"schema", sessionSchemaVersion()},
                      {"session", toJSON(record.session)},
                      {"messages", std::move(messages)},
                      {"summaries", std::move(summaries)}};
}

}  // namespace gloss::server::sessions
