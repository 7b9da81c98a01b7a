# Installing securebase: headers, the library (static and shared), the CLI, a CMake config
# package (find_package(securebase CONFIG) -> securebase::securebase), securebase.pc, the
# instrument files for reference, and (packaging/) the man page and bash completion.
# Included once at the end of the top-level CMakeLists.txt; docs/embedding.md is the user guide.
#
# Static and shared: `securebase` stays the static library every in-tree target links. The
# shared one, `securebase_shared` (also libsecurebase, .so), is linked from the very same object
# files (they are position independent already), so nothing is compiled twice. Installed
# targets: securebase::securebase (static) and securebase::securebase_shared.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

option(SECUREBASE_INSTALL "Generate the install rules" ${PROJECT_IS_TOP_LEVEL})

get_target_property(_sb_type securebase TYPE)
if(_sb_type STREQUAL "STATIC_LIBRARY" AND NOT EMSCRIPTEN)  # WebAssembly: static only
  add_library(securebase_shared SHARED $<TARGET_OBJECTS:securebase>)
  add_library(securebase::securebase_shared ALIAS securebase_shared)
  get_target_property(_sb_link securebase LINK_LIBRARIES)
  target_link_libraries(securebase_shared PRIVATE ${_sb_link})
  target_include_directories(securebase_shared
    PUBLIC $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include>
           $<BUILD_INTERFACE:${PROJECT_BINARY_DIR}/generated/include>
           $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
  target_compile_features(securebase_shared PUBLIC cxx_std_20)
  # While the major version is 0, a minor release may change the API: the soname carries the
  # minor (libsecurebase.so.0.1), so that a binary built against 0.1 never loads 0.2. From 1.0
  # on, the major alone (docs/embedding.md, "Versioning").
  if(PROJECT_VERSION_MAJOR EQUAL 0)
    set(SECUREBASE_SOVERSION ${PROJECT_VERSION_MAJOR}.${PROJECT_VERSION_MINOR})
  else()
    set(SECUREBASE_SOVERSION ${PROJECT_VERSION_MAJOR})
  endif()
  set_target_properties(securebase_shared PROPERTIES
    OUTPUT_NAME securebase
    VERSION ${PROJECT_VERSION}
    SOVERSION ${SECUREBASE_SOVERSION}
    EXPORT_NAME securebase_shared
    LINK_DEPENDS ${PROJECT_SOURCE_DIR}/cmake/securebase.map)
  target_link_options(securebase_shared PRIVATE
    $<$<CXX_COMPILER_ID:GNU,Clang>:LINKER:--version-script=${PROJECT_SOURCE_DIR}/cmake/securebase.map>)
  set(_sb_targets securebase securebase_shared)
else()
  # BUILD_SHARED_LIBS=ON already made `securebase` shared: there is no separate static one.
  set(_sb_targets securebase)
endif()
target_include_directories(securebase INTERFACE $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)

# A static library carries its private dependencies in its link interface. For the installed
# package: header-only dependencies (nlohmann_json, Eigen: imported INTERFACE targets that link
# nothing) are dropped, so consumers need not have them; ReadStat is linked by name
# (-lreadstat), found wherever the system keeps it, instead of a build-tree path or an imported
# target consumers do not have. Any other dependency is flagged here, at configure time.
set(SECUREBASE_PRIVATE_LIBS "")
get_target_property(_sb_iface securebase INTERFACE_LINK_LIBRARIES)
if(_sb_iface)
  set(_sb_new_iface "")
  foreach(_item IN LISTS _sb_iface)
    set(_dep "")
    if(_item MATCHES "^\\$<LINK_ONLY:([^$<>]+)>$")
      set(_dep "${CMAKE_MATCH_1}")
    endif()
    set(_header_only OFF)
    if(_dep AND TARGET "${_dep}")
      get_target_property(_dep_type "${_dep}" TYPE)
      get_target_property(_dep_links "${_dep}" INTERFACE_LINK_LIBRARIES)
      if(_dep_type STREQUAL "INTERFACE_LIBRARY" AND NOT _dep_links)
        set(_header_only ON)
      endif()
    endif()
    if(_item MATCHES "READSTAT|readstat")
      list(APPEND _sb_new_iface "$<BUILD_INTERFACE:${_item}>")
      if(_sb_type STREQUAL "STATIC_LIBRARY")
        list(APPEND _sb_new_iface "$<INSTALL_INTERFACE:$<LINK_ONLY:readstat>>")
      endif()
      set(SECUREBASE_PRIVATE_LIBS "-lreadstat")
    elseif(_header_only OR _item MATCHES "BUILD_INTERFACE")
      list(APPEND _sb_new_iface "$<BUILD_INTERFACE:${_item}>")
    else()
      message(WARNING "cmake/install.cmake: securebase links ${_item}; the installed package "
                      "passes it on as is: make sure consumers can resolve it")
      list(APPEND _sb_new_iface "${_item}")
    endif()
  endforeach()
  # The static library is C++: a consumer linking with a C compiler (project(x LANGUAGES C))
  # needs the C++ runtime named, as securebase.pc's Libs.private does.
  if(_sb_type STREQUAL "STATIC_LIBRARY" AND CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    list(APPEND _sb_new_iface "$<INSTALL_INTERFACE:$<LINK_ONLY:stdc++>>"
         "$<INSTALL_INTERFACE:$<LINK_ONLY:m>>")
  endif()
  list(REMOVE_DUPLICATES _sb_new_iface)
  set_property(TARGET securebase PROPERTY INTERFACE_LINK_LIBRARIES "${_sb_new_iface}")
endif()

# A sanitized build installs a sanitized library: programs linking it need the runtime too.
set(SECUREBASE_PC_SANITIZE "")
if(SECUREBASE_SANITIZE)
  foreach(_t IN LISTS _sb_targets)
    target_link_options(${_t} INTERFACE $<INSTALL_INTERFACE:-fsanitize=address,undefined>)
  endforeach()
  set(SECUREBASE_PC_SANITIZE "-fsanitize=address,undefined")
endif()

if(NOT SECUREBASE_INSTALL)
  return()
endif()

set(SECUREBASE_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/securebase)

install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/securebase
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
        COMPONENT development
        FILES_MATCHING PATTERN "*.hpp" PATTERN "*.h")
install(FILES ${PROJECT_BINARY_DIR}/generated/include/securebase/version.hpp
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/securebase
        COMPONENT development)

install(TARGETS ${_sb_targets}
        EXPORT securebaseTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT development
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT runtime NAMELINK_COMPONENT development
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT runtime)
if(TARGET securebase_exe)
  install(TARGETS securebase_exe RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT cli)
endif()

install(EXPORT securebaseTargets
        NAMESPACE securebase::
        DESTINATION ${SECUREBASE_CMAKE_DIR}
        COMPONENT development)
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/securebaseConfig.cmake.in
                              ${PROJECT_BINARY_DIR}/generated/securebaseConfig.cmake
                              INSTALL_DESTINATION ${SECUREBASE_CMAKE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/generated/securebaseConfigVersion.cmake
                                 VERSION ${PROJECT_VERSION}
                                 COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/generated/securebaseConfig.cmake
              ${PROJECT_BINARY_DIR}/generated/securebaseConfigVersion.cmake
        DESTINATION ${SECUREBASE_CMAKE_DIR}
        COMPONENT development)

# pkg-config: `pkg-config --cflags --libs securebase` links the shared library;
# `pkg-config --cflags --libs securebase-static` the static one, with what it needs (the C++
# runtime and ReadStat). A second file because one cannot do both: `pkg-config --static` only
# adds Libs.private after Libs, and the linker takes the -lsecurebase of Libs from the shared
# library whenever it sits beside the archive (as in libsecurebase-dev).
# The prefix is found from the .pc file's own place, so the tree can be installed anywhere
# (cmake --install --prefix DIR, DESTDIR, a .deb).
file(RELATIVE_PATH SECUREBASE_PC_UP /p/${CMAKE_INSTALL_LIBDIR}/pkgconfig /p)
string(REGEX REPLACE "/$" "" SECUREBASE_PC_UP "${SECUREBASE_PC_UP}")
set(SECUREBASE_PC_INCLUDEDIR "\${prefix}/${CMAKE_INSTALL_INCLUDEDIR}")
set(SECUREBASE_PC_LIBDIR "\${prefix}/${CMAKE_INSTALL_LIBDIR}")
configure_file(${PROJECT_SOURCE_DIR}/cmake/securebase.pc.in ${PROJECT_BINARY_DIR}/generated/securebase.pc @ONLY)
configure_file(${PROJECT_SOURCE_DIR}/cmake/securebase-static.pc.in
               ${PROJECT_BINARY_DIR}/generated/securebase-static.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/generated/securebase.pc
              ${PROJECT_BINARY_DIR}/generated/securebase-static.pc
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig
        COMPONENT development)

# The instruments are compiled into the library; the files are installed for reference.
file(GLOB _sb_instrument_json ${PROJECT_SOURCE_DIR}/instruments/*.json)
install(FILES ${_sb_instrument_json}
        DESTINATION ${CMAKE_INSTALL_DATADIR}/securebase/instruments
        COMPONENT cli)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/instruments/schema ${PROJECT_SOURCE_DIR}/instruments/text
                  ${PROJECT_SOURCE_DIR}/instruments/feedback
        DESTINATION ${CMAKE_INSTALL_DATADIR}/securebase/instruments
        COMPONENT cli)

# The offline questionnaire page (`securebase web`), when scripts/build-wasm.sh has built it.
install(FILES ${PROJECT_SOURCE_DIR}/build/wasm/bindings/js/web/securebase.html
        DESTINATION ${CMAKE_INSTALL_DATADIR}/securebase/web
        COMPONENT runtime OPTIONAL)

# The man page, bash completion and the Debian package (packaging/).
include(${PROJECT_SOURCE_DIR}/packaging/packaging.cmake)
