#include "server/Settings.h"

namespace gloss::server {

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
  return warnings;
}

}  // namespace gloss::server
