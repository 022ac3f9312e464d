#include "protocol/JsonMapping.h"

#include <cmath>
#include <limits>

namespace gloss::protocol {

bool JsonPath::report(std::string_view message) const {
  if (!root_->error_) root_->error_ = str() + ": " + std::string(message);
  return false;
}

std::string JsonPath::str() const {
  if (!parent_) return root_->name_;
  std::string prefix = parent_->str();
  if (index1_ > 0) return prefix + "[" + std::to_string(index1_ - 1) + "]";
  return prefix + "." + std::string(field_);
}

bool fromJSON(const json::value& v, bool& out, JsonPath path) {
  if (!v.is_bool()) return path.report("expected boolean");
  out = v.get_bool();
  return true;
}

bool fromJSON(const json::value& v, std::int64_t& out, JsonPath path) {
  if (v.is_int64()) {
    out = v.get_int64();
    return true;
  }
  if (v.is_uint64() && v.get_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
    out = static_cast<std::int64_t>(v.get_uint64());
    return true;
  }
  // Clients written in JavaScript may send 3.0 for 3. Only a double inside int64's range may
  // be cast (beyond it, or NaN, the cast is undefined), and 2^63 itself is not inside it.
  if (v.is_double()) {
    const double d = v.get_double();
    constexpr double kLimit = 9223372036854775808.0;  // 2^63
    if (d >= -kLimit && d < kLimit && d == std::trunc(d)) {
      out = static_cast<std::int64_t>(d);
      return true;
    }
  }
  return path.report("expected integer");
}

bool fromJSON(const json::value& v, int& out, JsonPath path) {
  std::int64_t wide = 0;
  if (!fromJSON(v, wide, path)) return false;
  if (wide < std::numeric_limits<int>::min() || wide > std::numeric_limits<int>::max()) {
    return path.report("integer out of range");
  }
  out = static_cast<int>(wide);
  return true;
}

bool fromJSON(const json::value& v, std::uint32_t& out, JsonPath path) {
  std::int64_t wide = 0;
  if (!fromJSON(v, wide, path)) return false;
  if (wide < 0 || wide > std::numeric_limits<std::uint32_t>::max()) {
    return path.report("expected a non-negative integer");
  }
  out = static_cast<std::uint32_t>(wide);
  return true;
}

bool fromJSON(const json::value& v, double& out, JsonPath path) {
  if (v.is_double()) {
    out = v.get_double();
  } else if (v.is_int64()) {
    out = static_cast<double>(v.get_int64());
  } else if (v.is_uint64()) {
    out = static_cast<double>(v.get_uint64());
  } else {
    return path.report("expected number");
  }
  return true;
}

bool fromJSON(const json::value& v, std::string& out, JsonPath path) {
  if (!v.is_string()) return path.report("expected string");
  out = std::string(v.get_string());
  return true;
}

bool fromJSON(const json::value& v, json::value& out, JsonPath) {
  out = v;
  return true;
}

bool fromJSON(const json::value& v, json::object& out, JsonPath path) {
  if (!v.is_object()) return path.report("expected object");
  out = v.get_object();
  return true;
}

}  // namespace gloss::protocol
