// The one Catch2 main of the test suite. The command line picks its language from LC_ALL,
// LC_MESSAGES or LANG when --lang is not given; the tests expect English unless they ask, so
// the language variables of whoever runs them are cleared first.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>
#include <cstdlib>

int main(int argc, char* argv[]) {
  ::unsetenv("LC_ALL");
  ::unsetenv("LC_MESSAGES");
  ::unsetenv("LANG");
  return Catch::Session().run(argc, argv);
}
