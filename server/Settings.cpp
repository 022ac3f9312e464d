#include "server/Settings.h"

namespace gloss::server {

namespace {

void warn(std::vector<std::string>& warnings, const std::string& key, const char* expected) {
  warnings.push_back("settings." + key + ": expected " + expected + ", ignored");
}

void readIndexSettings(const json::object& obj, Settings& out, std::vector<std::string>& warnings) {
  if (const json::value* v = obj.if_contains("exclude")) {
    std::vector<std::string> globs;
    protocol::JsonPath::Root root("settings.exclude");
    if (protocol::fromJSON(*v, globs, protocol::JsonPath(root))) {
      out.exclude = std::move(globs);
    } else {
      warn(warnings, "exclude", "an array of glob strings");
    }
  }
  if (const json::value* v = obj.if_contains("maxFileSize")) {
    if (v->is_int64() && v->get_int64() > 0) {
      out.maxFileSize = static_cast<std::uint64_t>(v->get_int64());
    } else {
      warn(warnings, "maxFileSize", "a positive number of bytes");
    }
  }
  for (auto [key, field] : {std::pair{"includeHidden", &Settings::includeHidden},
                            std::pair{"followSymlinks", &Settings::followSymlinks}}) {
    if (const json::value* v = obj.if_contains(key)) {
      if (v->is_bool()) {
        out.*field = v->get_bool();
      } else {
        warn(warnings, key, "true or false");
      }
    }
  }
  for (auto [key, field] : {std::pair{"indexPath", &Settings::indexPath},
                            std::pair{"sessionsPath", &Settings::sessionsPath}}) {
    if (const json::value* v = obj.if_contains(key)) {
      if (v->is_string()) {
        out.*field = std::string(v->get_string());
      } else {
        warn(warnings, key, "a path");
      }
    }
  }
}

// A whole number in [1, max]; anything else keeps the current value and warns.
template <typename T>
void readCount(const json::object& obj, const char* key, std::uint64_t max, T& out,
               std::vector<std::string>& warnings) {
  const json::value* v = obj.if_contains(key);
  if (!v) return;
  if (v->is_int64() && v->get_int64() > 0 && static_cast<std::uint64_t>(v->get_int64()) <= max) {
    out = static_cast<T>(v->get_int64());
  } else {
    warnings.push_back("settings." + std::string(key) + ": expected a whole number from 1 to " +
                       std::to_string(max) + ", ignored");
  }
}

void readLimitSettings(const json::object& obj, Settings& out, std::vector<std::string>& warnings) {
  constexpr std::uint64_t kGiB = 1024ull * 1024 * 1024;
  readCount(obj, "grepMaxFileSize", 16 * kGiB, out.grepMaxFileSize, warnings);
  readCount(obj, "maxResults", 10'000'000, out.maxResults, warnings);
  readCount(obj, "maxSymbolResults", 100'000, out.maxSymbolResults, warnings);
  readCount(obj, "maxConcurrentLlmRequests", 1024, out.maxConcurrentLlmRequests, warnings);
  readCount(obj, "maxPromptTokens", 10'000'000, out.maxPromptTokens, warnings);
  std::size_t queued = 0;
  readCount(obj, "maxQueuedRequests", 1'000'000, queued, warnings);
  if (queued) out.maxQueuedRequests = queued;
  // The frame reader applies its limit before any setting can arrive, so only the flag sets it.
  if (obj.contains("maxMessageBytes")) {
    warnings.push_back(
        "settings.maxMessageBytes: set by the --max-message-bytes command-line flag only, "
        "ignored");
  }
}

}  // namespace

std::vector<std::string> mergeSettings(const json::value& value, Settings& base) {
  std::vector<std::string> warnings;
  const json::object* obj = value.if_object();
  if (!obj) {
    if (!value.is_null()) warnings.push_back("settings: expected an object, ignored");
    return warnings;
  }
  if (const json::value* nested = obj->if_contains("gloss"); nested && nested->is_object()) {
    obj = &nested->get_object();
  }
  for (const auto& [key, member] : *obj) base.raw[key] = member;
  if (const json::value* level = obj->if_contains("logLevel")) {
    LogLevel parsed;
    if (level->is_string() && parseLogLevel(level->get_string(), parsed)) {
      base.logLevel = parsed;
    } else {
      warnings.push_back(
          "settings.logLevel: expected \"error\", \"warning\", \"info\" or \"debug\", ignored");
    }
  }
  readIndexSettings(*obj, base, warnings);
  readLimitSettings(*obj, base, warnings);
  return warnings;
}

}  // namespace gloss::server
