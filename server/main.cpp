#include <string>
#include <vector>

#include "server/Cli.h"

int main(int argc, char** argv) {
  return gloss::server::runCli(std::vector<std::string>(argv, argv + argc));
}
