// Reading optional fields out of provider JSON without exceptions: a missing field or one of
// another type reads as nothing.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string_view>

namespace gloss::llm {

inline const boost::json::value* fieldAt(const boost::json::value& v,
                                         std::initializer_list<std::string_view> path) {
  const boost::json::value* current = &v;
  for (std::string_view key : path) {
    const boost::json::object* o = current->if_object();
    current = o ? o->if_contains(key) : nullptr;
    if (!current) return nullptr;
  }
  return current;
}

inline std::optional<std::string_view> stringAt(const boost::json::value& v,
                                                std::initializer_list<std::string_view> path) {
  const boost::json::value* field = fieldAt(v, path);
  if (!field || !field->is_string()) return std::nullopt;
  return std::string_view(field->get_string());
}

inline std::optional<int> countAt(const boost::json::value& v,
                                  std::initializer_list<std::string_view> path) {
  const boost::json::value* field = fieldAt(v, path);
  if (!field) return std::nullopt;
  if (field->is_int64() && field->get_int64() >= 0 && field->get_int64() <= INT32_MAX)
    return static_cast<int>(field->get_int64());
  if (field->is_uint64() && field->get_uint64() <= INT32_MAX)
    return static_cast<int>(field->get_uint64());
  return std::nullopt;
}

// The first element of an array field, e.g. `choices[0]`.
inline const boost::json::value* firstAt(const boost::json::value& v,
                                         std::initializer_list<std::string_view> path) {
  const boost::json::value* field = fieldAt(v, path);
  if (!field || !field->is_array() || field->get_array().empty()) return nullptr;
  return &field->get_array().front();
}

}  // namespace gloss::llm
