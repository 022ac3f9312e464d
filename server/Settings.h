// User settings, from `initializationOptions` and `workspace/didChangeConfiguration`. Either a
// flat object or one nested under "gloss" is accepted (VS Code sends the section's object; some
// clients send the whole configuration tree). Unknown keys are kept for later layers. The
// resource limits and what happens when one is hit are described in docs/limits.md.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "protocol/JsonMapping.h"
#include "server/Client.h"

namespace gloss::server {

struct Settings {
  LogLevel logLevel = LogLevel::Info;
  // Index: which files, where the database lives.
  std::vector<std::string> exclude;         // gitignore-style globs
  std::uint64_t maxFileSize = 1024 * 1024;  // bytes; larger files are recorded, not chunked
  bool includeHidden = false;
  bool followSymlinks = true;  // only to targets inside the workspace
  std::string indexPath;       // empty: $XDG_CACHE_HOME/gloss/<workspace>/index.db
  std::string sessionsPath;    // empty: $XDG_DATA_HOME/gloss/<workspace>/sessions.db
  // Resource limits.
  std::uint64_t grepMaxFileSize = 64 * 1024 * 1024;  // bytes; grep skips larger files
  std::size_t maxResults = 2000;       // grep's matching lines when a request names no maximum
  std::size_t maxSymbolResults = 200;  // workspace/symbol answers
  std::size_t maxConcurrentLlmRequests = 4;      // provider requests in flight, process-wide
  std::size_t maxPromptTokens = 32768;           // caps the prompt budget of any model
  std::optional<std::size_t> maxQueuedRequests;  // unset: the --max-queued flag or its default
  json::object raw;                              // the whole effective settings object
};

// Applies the members of `value` over `base`; returns warnings for values that were ignored.
std::vector<std::string> mergeSettings(const json::value& value, Settings& base);

}  // namespace gloss::server
