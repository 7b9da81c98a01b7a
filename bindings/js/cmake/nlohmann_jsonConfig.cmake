# nlohmann_json for the WebAssembly build (the wasm preset points nlohmann_json_DIR here).
# Debian's own config names /usr/include as the include folder, which would put glibc's headers
# in front of emscripten's libc on every compile. This one links Debian's headers alone into
# the build folder and names that instead.
set(_sb_json_include ${CMAKE_BINARY_DIR}/wasm-deps/include)
if(NOT EXISTS /usr/include/nlohmann/json.hpp)
  set(nlohmann_json_FOUND FALSE)
  set(nlohmann_json_NOT_FOUND_MESSAGE "/usr/include/nlohmann/json.hpp is missing: install nlohmann-json3-dev")
  return()
endif()
file(MAKE_DIRECTORY ${_sb_json_include})
if(NOT EXISTS ${_sb_json_include}/nlohmann)
  file(CREATE_LINK /usr/include/nlohmann ${_sb_json_include}/nlohmann SYMBOLIC)
endif()
if(NOT TARGET nlohmann_json::nlohmann_json)
  add_library(nlohmann_json::nlohmann_json INTERFACE IMPORTED)
  set_target_properties(nlohmann_json::nlohmann_json PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES ${_sb_json_include})
endif()
