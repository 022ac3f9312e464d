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
  return warnings;
}

}  // namespace gloss::server
