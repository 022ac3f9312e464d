// A throwaway workspace folder for end-to-end tests, removed afterwards.
#pragma once

#include <filesystem>
#include <fstream>
#include <string>

namespace gloss::test {

class TempWorkspace {
 public:
  TempWorkspace() {
    std::string pattern = (std::filesystem::temp_directory_path() / "gloss-e2e-XXXXXX").string();
    root_ = mkdtemp(pattern.data());
  }
  ~TempWorkspace() {
    std::error_code ec;
    std::filesystem::remove_all(root_, ec);
  }
  const std::string& root() const { return root_; }
  std::string path(const std::string& relative) const { return root_ + "/" + relative; }
  std::string uri(const std::string& relative) const { return "file://" + path(relative); }
  void write(const std::string& relative, const std::string& text) const {
    std::filesystem::create_directories(std::filesystem::path(path(relative)).parent_path());
    std::ofstream(path(relative), std::ios::binary) << text;
  }

 private:
  std::string root_;
};

}  // namespace gloss::test
