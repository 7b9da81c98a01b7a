#pragma once
// Where the tests find the repository and their data files. The two strings are defined in one
// small source that CMake generates (tests/CMakeLists.txt, paths.cpp.in), so that no other test
// file's compile command holds an absolute path: ccache can then reuse those objects from a
// build in another clone (cmake/ccache.cmake).
namespace sbtest {
extern const char* const source_dir;     ///< the repository root
extern const char* const test_data_dir;  ///< tests/data
}  // namespace sbtest

#define SECUREBASE_SOURCE_DIR (::sbtest::source_dir)
#define SECUREBASE_TEST_DATA (::sbtest::test_data_dir)
