#include "config.h"

#include <fstream>

namespace notes::config {

bool Settings::load(const std::string& path) {
  std::ifstream file(path);
  if (!file) return false;
  std::string line;
  while (std::getline(file, line)) {
    auto equals = line.find('=');
    if (equals != std::string::npos) values_[line.substr(0, equals)] = line.substr(equals + 1);
  }
  return true;
}

std::string Settings::get(const std::string& key) const {
  auto it = values_.find(key);
  return it == values_.end() ? std::string() : it->second;
}

}  // namespace notes::config

namespace notes::store {

bool Store::load(const std::string& key, std::string& out) const {
  std::ifstream file(folder_ + "/" + key + ".json");
  if (!file) return false;
  out.assign(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
  return true;
}

}  // namespace notes::store
