// Settings read from key = value lines, and a cache of parsed documents.
#pragma once

#include <map>
#include <string>

namespace notes::config {

class Settings {
 public:
  bool load(const std::string& path);
  std::string get(const std::string& key) const;

 private:
  std::map<std::string, std::string> values_;
};

}  // namespace notes::config

namespace notes::store {

class Store {
 public:
  explicit Store(std::string folder) : folder_(std::move(folder)) {}
  bool load(const std::string& key, std::string& out) const;

 private:
  std::string folder_;
};

}  // namespace notes::store
