// Parses the files given and prints how many statements each holds.
#include <fstream>
#include <iostream>
#include <sstream>

#include "config.h"
#include "parser.h"

int main(int argc, char** argv) {
  notes::config::Settings settings;
  settings.load("gloss.ini");
  for (int i = 1; i < argc; ++i) {
    std::ifstream file(argv[i]);
    std::stringstream contents;
    contents << file.rdbuf();
    auto statements = notes::parseSource(contents.str());
    std::cout << argv[i] << ": " << statements.size() << " statements (" << settings.get("title")
              << ")\n";
  }
  return 0;
}
