// securebase: the command-line entry point; all logic lives in app.cpp.
#include <iostream>
#include <string>
#include <vector>

#include "app.hpp"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  return securebase::cli::run(args, std::cin, std::cout, std::cerr);
}
