# Embedding: the C header is valid C99, and the *installed* tree serves the three examples
# (examples/embed_cpp, examples/embed_c, examples/python), built against that prefix only.
add_test(NAME c_api.header_c99
         COMMAND ${CMAKE_CXX_COMPILER} -x c -std=c99 -Wall -Wextra -Wpedantic -Werror -fsyntax-only
                 -I${PROJECT_SOURCE_DIR}/include
                 ${PROJECT_SOURCE_DIR}/include/securebase/securebase.h)
add_test(NAME c_api.header_cxx
         COMMAND ${CMAKE_CXX_COMPILER} -x c++ -std=c++11 -Wall -Wextra -Wpedantic -Werror
                 -fsyntax-only -I${PROJECT_SOURCE_DIR}/include
                 ${PROJECT_SOURCE_DIR}/include/securebase/securebase.h)

# cmake/install.cmake (included after tests/) defines SECUREBASE_INSTALL, default ON at top level.
if(NOT DEFINED SECUREBASE_INSTALL OR SECUREBASE_INSTALL)
  find_package(Python3 QUIET COMPONENTS Interpreter)
  add_test(NAME install.examples
           COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/e2e/install_examples.sh
                   ${CMAKE_COMMAND} ${PROJECT_BINARY_DIR} ${PROJECT_SOURCE_DIR}
                   ${CMAKE_CURRENT_BINARY_DIR}/install-examples ${CMAKE_CXX_COMPILER}
                   $<BOOL:${SECUREBASE_SANITIZE}> "${Python3_EXECUTABLE}")
  set_tests_properties(install.examples PROPERTIES TIMEOUT 300)
endif()

# `cpack -G DEB` makes a .deb holding the library, headers, CLI, man page and completion.
find_program(SECUREBASE_DPKG_DEB dpkg-deb)
if(SECUREBASE_DPKG_DEB AND (NOT DEFINED SECUREBASE_INSTALL OR SECUREBASE_INSTALL))
  add_test(NAME package.deb
           COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/e2e/package_deb.sh ${CMAKE_CPACK_COMMAND}
                   ${PROJECT_BINARY_DIR} ${CMAKE_CURRENT_BINARY_DIR}/package-deb ${PROJECT_VERSION})
  set_tests_properties(package.deb PROPERTIES TIMEOUT 300)
endif()

add_test(NAME completion.bash
         COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/e2e/completion_bash.sh
                 ${PROJECT_SOURCE_DIR}/packaging/securebase.bash-completion
                 $<TARGET_FILE:securebase_exe>)

# The shared library exports exactly abi/symbols.txt (cmake/securebase.map), nothing internal.
find_program(SECUREBASE_NM nm)
# cmake/install.cmake, included after tests/, makes securebase_shared beside the static library.
if(SECUREBASE_NM AND NOT BUILD_SHARED_LIBS AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  add_test(NAME abi.symbols
           COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/e2e/abi_symbols.sh $<TARGET_FILE:securebase_shared>
                   ${PROJECT_SOURCE_DIR}/abi/symbols.txt)
endif()
