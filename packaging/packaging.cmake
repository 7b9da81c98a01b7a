# The man page and bash completion of `securebase`, and `cpack -G DEB`.
# Included by cmake/install.cmake once the install rules exist.
if(TARGET securebase_exe)
  set(SECUREBASE_MAN_PAGE ${PROJECT_BINARY_DIR}/generated/securebase.1)
  add_custom_command(
    OUTPUT ${SECUREBASE_MAN_PAGE}
    COMMAND ${CMAKE_COMMAND} -DSECUREBASE=$<TARGET_FILE:securebase_exe>
            -DVERSION=${PROJECT_VERSION} -DOUTPUT=${SECUREBASE_MAN_PAGE}
            -P ${CMAKE_CURRENT_LIST_DIR}/make_man.cmake
    DEPENDS securebase_exe ${CMAKE_CURRENT_LIST_DIR}/make_man.cmake
    COMMENT "Writing the man page from securebase --help"
    VERBATIM)
  # Installed compressed (Debian policy 12.1): gzip -9n, no name or time stamp inside.
  add_custom_command(
    OUTPUT ${SECUREBASE_MAN_PAGE}.gz
    COMMAND gzip -9nc ${SECUREBASE_MAN_PAGE} > ${SECUREBASE_MAN_PAGE}.gz
    DEPENDS ${SECUREBASE_MAN_PAGE}
    VERBATIM)
  add_custom_target(securebase_man ALL DEPENDS ${SECUREBASE_MAN_PAGE} ${SECUREBASE_MAN_PAGE}.gz)
  install(FILES ${SECUREBASE_MAN_PAGE}.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT cli)
  install(FILES ${CMAKE_CURRENT_LIST_DIR}/securebase.bash-completion
          DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
          RENAME securebase
          COMPONENT cli)
endif()

# Three Debian packages (docs/embedding.md): the shared library, its development files, and the
# command. Debian names a library package after its soname: libsecurebase.so.0.1 is in
# libsecurebase0.1 (packaging/README.md explains the choices and lintian's remaining output).
if(PROJECT_VERSION_MAJOR EQUAL 0)
  set(SECUREBASE_LIB_PACKAGE libsecurebase${PROJECT_VERSION_MAJOR}.${PROJECT_VERSION_MINOR})
else()
  set(SECUREBASE_LIB_PACKAGE libsecurebase${PROJECT_VERSION_MAJOR})
endif()
set(SECUREBASE_MAINTAINER "securebase authors <securebase@users.noreply.github.com>")

# Each package's copyright and changelog.gz (a native package: no .Debian), in its own
# /usr/share/doc/<package>.
string(TIMESTAMP _sb_date "%a, %d %b %Y %H:%M:%S +0000" UTC)
file(WRITE ${PROJECT_BINARY_DIR}/generated/changelog
     "securebase (${PROJECT_VERSION}) unstable; urgency=medium\n\n"
     "  * Release ${PROJECT_VERSION}; see CHANGELOG.md in the securebase sources.\n\n"
     " -- ${SECUREBASE_MAINTAINER}  ${_sb_date}\n")
execute_process(COMMAND gzip -9nf ${PROJECT_BINARY_DIR}/generated/changelog)
foreach(_pkg_component IN ITEMS "${SECUREBASE_LIB_PACKAGE}:runtime" "libsecurebase-dev:development"
                                "securebase:cli")
  string(REPLACE ":" ";" _pc "${_pkg_component}")
  list(GET _pc 0 _pkg)
  list(GET _pc 1 _component)
  install(FILES ${PROJECT_SOURCE_DIR}/LICENSE DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/doc/${_pkg}
          RENAME copyright COMPONENT ${_component})
  install(FILES ${PROJECT_BINARY_DIR}/generated/changelog.gz
          DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/doc/${_pkg} COMPONENT ${_component})
endforeach()
install(FILES ${PROJECT_SOURCE_DIR}/README.md ${PROJECT_SOURCE_DIR}/docs/embedding.md
        DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/doc/securebase COMPONENT cli)

# cpack -G DEB --config <build>/CPackConfig.cmake: one .deb per component.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME securebase)
set(CPACK_PACKAGE_VENDOR "securebase authors")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${SECUREBASE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL runtime development cli)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_NAME ${SECUREBASE_LIB_PACKAGE})
set(CPACK_DEBIAN_RUNTIME_PACKAGE_SECTION libs)
set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_NAME libsecurebase-dev)
set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_SECTION libdevel)
set(CPACK_DEBIAN_CLI_PACKAGE_NAME securebase)
set(CPACK_DEBIAN_RUNTIME_DESCRIPTION "securebase scores adult-attachment questionnaires (anxiety, avoidance, a
secure-base profile) and explains the result honestly; educational, never
diagnostic. This package holds the shared library, with a C API for bindings.")
set(CPACK_DEBIAN_DEVELOPMENT_DESCRIPTION "securebase scores adult-attachment questionnaires. This package holds the C
and C++ headers, the static library, and the CMake and pkg-config files.")
set(CPACK_DEBIAN_CLI_DESCRIPTION "securebase scores adult-attachment questionnaires (anxiety, avoidance, a
secure-base profile) and explains the result honestly; educational, never
diagnostic. This package holds the securebase command, its man page and bash
completion, and the instrument files for reference.")
# The library: a shlibs file and an ldconfig trigger (CPack adds ldconfig calls to postinst and
# postrm as well, which lintian warns about: packaging/README.md).
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS_POLICY ">=")
set(CPACK_DEBIAN_RUNTIME_PACKAGE_CONTROL_EXTRA ${CMAKE_CURRENT_LIST_DIR}/debian/triggers)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# The development package: the library itself, and what linking the static library needs.
set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_DEPENDS
    "${SECUREBASE_LIB_PACKAGE} (= ${PROJECT_VERSION}), libstdc++-12-dev | libstdc++-dev")
if(SECUREBASE_PRIVATE_LIBS MATCHES "readstat")
  string(APPEND CPACK_DEBIAN_DEVELOPMENT_PACKAGE_DEPENDS ", libreadstat-dev")
endif()
# Depends of the library and the command: worked out by dpkg-shlibdeps (dpkg-dev).
find_program(SECUREBASE_DPKG_SHLIBDEPS dpkg-shlibdeps)
if(SECUREBASE_DPKG_SHLIBDEPS)
  set(CPACK_DEBIAN_RUNTIME_PACKAGE_SHLIBDEPS ON)
  set(CPACK_DEBIAN_CLI_PACKAGE_SHLIBDEPS ON)
else()
  set(CPACK_DEBIAN_RUNTIME_PACKAGE_DEPENDS "libc6, libstdc++6")
  set(CPACK_DEBIAN_CLI_PACKAGE_DEPENDS "libc6, libstdc++6, libboost-program-options1.74.0")
endif()
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_STRIP_FILES ON)
include(CPack)
