// Typed params and results: free fromJSON(value, T&, path) / toJSON(T) functions, after
// clangd's Protocol.h. A failed parse names the JSON path, e.g.
// "params.position.line: expected integer".
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gloss::protocol {

namespace json = boost::json;

// Where a value sits in the document; cheap to copy, a chain of parent links.
class JsonPath {
 public:
  // The root collects the first error reported anywhere below it.
  class Root {
   public:
    explicit Root(std::string name) : name_(std::move(name)) {}
    const std::optional<std::string>& error() const { return error_; }

   private:
    friend class JsonPath;
    std::string name_;
    std::optional<std::string> error_;
  };

  JsonPath(Root& root) : root_(&root) {}
  JsonPath field(std::string_view name) const { return JsonPath(root_, this, name, 0); }
  JsonPath index(std::size_t i) const { return JsonPath(root_, this, {}, i + 1); }
  // Records `message` at this path (only the first error is kept). Always returns false.
  bool report(std::string_view message) const;
  std::string str() const;

 private:
  JsonPath(Root* root, const JsonPath* parent, std::string_view field, std::size_t index1)
      : root_(root), parent_(parent), field_(field), index1_(index1) {}
  Root* root_;
  const JsonPath* parent_ = nullptr;
  std::string_view field_;
  std::size_t index1_ = 0;  // index + 1; 0 means a field (or the root)
};

bool fromJSON(const json::value& v, bool& out, JsonPath path);
bool fromJSON(const json::value& v, int& out, JsonPath path);
bool fromJSON(const json::value& v, std::int64_t& out, JsonPath path);
bool fromJSON(const json::value& v, std::uint32_t& out, JsonPath path);
bool fromJSON(const json::value& v, double& out, JsonPath path);
bool fromJSON(const json::value& v, std::string& out, JsonPath path);
bool fromJSON(const json::value& v, json::value& out, JsonPath path);
bool fromJSON(const json::value& v, json::object& out, JsonPath path);

template <typename T>
bool fromJSON(const json::value& v, std::vector<T>& out, JsonPath path) {
  const json::array* a = v.if_array();
  if (!a) return path.report("expected array");
  out.clear();
  out.resize(a->size());
  for (std::size_t i = 0; i < a->size(); ++i) {
    if (!fromJSON((*a)[i], out[i], path.index(i))) return false;
  }
  return true;
}

template <typename T>
bool fromJSON(const json::value& v, std::optional<T>& out, JsonPath path) {
  if (v.is_null()) {
    out.reset();
    return true;
  }
  T value{};
  if (!fromJSON(v, value, path)) return false;
  out = std::move(value);
  return true;
}

// Reads the members of one object: required members must be present; optional ones may be
// absent or null. Unknown members are ignored, as LSP expects.
class ObjectMapper {
 public:
  ObjectMapper(const json::value& v, JsonPath path) : path_(path), object_(v.if_object()) {
    if (!object_) path_.report("expected object");
  }
  explicit operator bool() const { return object_ != nullptr; }

  template <typename T>
  bool map(std::string_view name, T& out) {
    if (!object_) return false;
    const json::value* member = object_->if_contains(name);
    if (!member) return path_.field(name).report("missing required field");
    return fromJSON(*member, out, path_.field(name));
  }

  template <typename T>
  bool mapOptional(std::string_view name, T& out) {
    if (!object_) return false;
    const json::value* member = object_->if_contains(name);
    if (!member || member->is_null()) return true;
    return fromJSON(*member, out, path_.field(name));
  }

 private:
  JsonPath path_;
  const json::object* object_;
};

// Parses `params` into T, or returns the error message naming the path.
template <typename T>
std::optional<std::string> parseParams(const json::value& params, T& out) {
  JsonPath::Root root("params");
  if (!fromJSON(params, out, JsonPath(root))) {
    return root.error().value_or("params: invalid");
  }
  return std::nullopt;
}

}  // namespace gloss::protocol
