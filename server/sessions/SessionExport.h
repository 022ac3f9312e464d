// A whole session as a document: Markdown for people (what `gloss/sessions/export` with
// format "markdown" returns) and JSON for tools and backups (every field, metadata included).
#pragma once

#include <string>

#include "server/sessions/SessionTypes.h"

namespace gloss::server::sessions {

// Title, dates, then each message not deleted under a role heading with its time, model and
// marks (edited, incomplete, error). Message text is copied verbatim; a code fence a cut-off
// reply left open is closed so that it cannot swallow the rest of the document.
std::string renderMarkdown(const SessionRecord& record);

// {"format": "gloss-session", "schema": N, "session", "messages" (deleted ones included, with
// deletedAt), "summaries"}.
json::value renderJson(const SessionRecord& record);

// "2024-03-05 14:07 UTC".
std::string formatUtc(std::int64_t ms);

}  // namespace gloss::server::sessions
