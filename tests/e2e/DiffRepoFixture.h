// A real git repository in a temp folder with two commits on `main` and `feature` whose
// difference has every kind of change the diff summary reports: Python, Go and C++ functions
// and methods added, removed, modified and renamed; a file renamed with an edit; a deleted test
// file; a binary file; a new dependency. Author, committer and dates are fixed so commit ids
// (and so the Markdown snapshot) are the same on every run.
#pragma once

#include <cstdlib>
#include <string>
#include <vector>

#include "ProcessRun.h"
#include "TempWorkspace.h"

namespace gloss::test {

inline void setFixedGitIdentity() {
  for (const auto& [name, value] : std::vector<std::pair<const char*, const char*>>{
           {"GIT_AUTHOR_NAME", "Ada Reviewer"},
           {"GIT_AUTHOR_EMAIL", "ada@example.com"},
           {"GIT_COMMITTER_NAME", "Ada Reviewer"},
           {"GIT_COMMITTER_EMAIL", "ada@example.com"},
           {"GIT_AUTHOR_DATE", "2024-03-01T12:00:00Z"},
           {"GIT_COMMITTER_DATE", "2024-03-01T12:00:00Z"},
           {"GIT_CONFIG_NOSYSTEM", "1"},
           {"GIT_CONFIG_GLOBAL", "/dev/null"}})
    setenv(name, value, 1);
}

class DiffRepo {
 public:
  DiffRepo() {
    setFixedGitIdentity();
    git({"init", "-q", "-b", "main"});
    writeBase();
    commit("base");
    git({"checkout", "-q", "-b", "feature"});
    writeFeature();
    commit("feature");
  }

  ProcessResult git(std::vector<std::string> args) const {
    args.insert(args.begin(), "git");
    return runProcess(args, ws.root());
  }
  void commit(const std::string& message) const {
    git({"add", "-A"});
    git({"commit", "-q", "-m", message});
  }

  TempWorkspace ws;

 private:
  void writeBase() const {
    ws.write("calc.py",
             "\"\"\"Small calculator helpers.\"\"\"\n\n\n"
             "def add(a, b):\n    return a + b\n\n\n"
             "def subtract(a, b):\n    \"\"\"Subtract b from a.\"\"\"\n    result = a - b\n"
             "    return result\n\n\n"
             "def legacy_total(values):\n    total = 0\n    for value in values:\n"
             "        total = total + value\n    return total\n\n\n"
             "class Calculator:\n    def __init__(self):\n        self.memory = 0\n\n"
             "    def store(self, value):\n        self.memory = value\n"
             "        return self.memory\n");
    ws.write("server.go",
             "package server\n\nimport \"fmt\"\n\n"
             "type Server struct {\n\tname string\n\tport int\n}\n\n"
             "func (s *Server) Start() error {\n\tfmt.Println(\"starting\", s.name)\n"
             "\treturn nil\n}\n\n"
             "func (s *Server) Stop() {\n\tfmt.Println(\"stopping\", s.name)\n}\n\n"
             "func formatAddress(host string, port int) string {\n"
             "\treturn fmt.Sprintf(\"%s:%d\", host, port)\n}\n");
    ws.write("geometry.cpp",
             "#include <cmath>\n\nnamespace geo {\n\n"
             "double square(double x) { return x * x; }\n\n"
             "double distance(double x1, double y1, double x2, double y2) {\n"
             "  double dx = x2 - x1;\n  double dy = y2 - y1;\n"
             "  return std::sqrt(square(dx) + square(dy));\n}\n\n"
             "class Circle {\n public:\n  explicit Circle(double r) : r_(r) {}\n"
             "  double area() const { return 3.14159 * r_ * r_; }\n\n private:\n"
             "  double r_;\n};\n\n}  // namespace geo\n");
    ws.write("tests/test_calc.py",
             "from calc import add\n\n\ndef test_add():\n    assert add(1, 2) == 3\n");
    ws.write("util/strings.py",
             "def shout(text):\n    return text.upper() + \"!\"\n\n\n"
             "def whisper(text):\n    return text.lower() + \"...\"\n\n\n"
             "def title(text):\n    return text.title()\n");
    ws.write("requirements.txt", "requests==2.31.0\n");
  }

  void writeFeature() const {
    ws.write("calc.py",
             "\"\"\"Small calculator helpers.\"\"\"\n\n\n"
             "def add(a, b):\n    return float(a) + float(b)\n\n\n"
             "def difference(a, b):\n    \"\"\"Subtract b from a.\"\"\"\n    result = a - b\n"
             "    return result\n\n\n"
             "def multiply(a, b):\n    return a * b\n\n\n"
             "class Calculator:\n    def __init__(self):\n        self.memory = 0\n\n"
             "    def store(self, value):\n        self.memory = value\n"
             "        return self.memory\n\n"
             "    def clear(self):\n        self.memory = 0\n");
    ws.write("server.go",
             "package server\n\nimport \"fmt\"\n\n"
             "type Server struct {\n\tname string\n\tport int\n}\n\n"
             "func (s *Server) Start() error {\n\tfmt.Println(\"starting\", s.name)\n"
             "\treturn nil\n}\n\n"
             "func (s *Server) Stop() {\n\tfmt.Println(\"stopping gracefully\", s.name)\n}\n\n"
             "func (s *Server) Restart() error {\n\ts.Stop()\n\treturn s.Start()\n}\n\n"
             "func joinHostPort(host string, port int) string {\n"
             "\treturn fmt.Sprintf(\"%s:%d\", host, port)\n}\n");
    ws.write("geometry.cpp",
             "#include <cmath>\n\nnamespace geo {\n\n"
             "double distance(double x1, double y1, double x2, double y2) {\n"
             "  double dx = x2 - x1;\n  double dy = y2 - y1;\n"
             "  return std::sqrt(dx * dx + dy * dy);\n}\n\n"
             "double circumference(double r) { return 2 * 3.14159 * r; }\n\n"
             "class Circle {\n public:\n  explicit Circle(double r) : r_(r) {}\n"
             "  double area() const { return M_PI * r_ * r_; }\n\n private:\n"
             "  double r_;\n};\n\n}  // namespace geo\n");
    std::filesystem::remove(ws.path("tests/test_calc.py"));
    std::filesystem::remove(ws.path("util/strings.py"));
    ws.write("text/strings.py",
             "def shout(text):\n    return text.upper() + \"!!\"\n\n\n"
             "def whisper(text):\n    return text.lower() + \"...\"\n\n\n"
             "def title(text):\n    return text.title()\n");
    ws.write("logo.png", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
    ws.write("requirements.txt", "requests==2.31.0\nflask>=3.0\n");
  }
};

}  // namespace gloss::test
