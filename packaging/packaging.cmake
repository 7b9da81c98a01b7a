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
  add_custom_target(securebase_man ALL DEPENDS ${SECUREBASE_MAN_PAGE})
  install(FILES ${SECUREBASE_MAN_PAGE} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT runtime)
  install(FILES ${CMAKE_CURRENT_LIST_DIR}/securebase.bash-completion
          DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
          RENAME securebase
          COMPONENT runtime)
endif()

# The licence, also under the name Debian policy asks a package to use.
install(FILES ${PROJECT_SOURCE_DIR}/LICENSE ${PROJECT_SOURCE_DIR}/README.md ${PROJECT_SOURCE_DIR}/docs/embedding.md
        DESTINATION ${CMAKE_INSTALL_DOCDIR} COMPONENT runtime)
install(FILES ${PROJECT_SOURCE_DIR}/LICENSE DESTINATION ${CMAKE_INSTALL_DOCDIR} RENAME copyright
        COMPONENT runtime)

# One .deb with everything installed: cpack -G DEB --config <build>/CPackConfig.cmake
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME securebase)
set(CPACK_PACKAGE_VENDOR "securebase authors")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_DESCRIPTION "securebase scores adult-attachment questionnaires (anxiety, \
avoidance, a secure-base profile) and explains the result honestly. Educational, never \
diagnostic. This package holds the securebase command, its library (static and shared), \
headers, CMake and pkg-config files, and the instrument files for reference.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "securebase authors <securebase@invalid>")
set(CPACK_DEBIAN_PACKAGE_SECTION science)
# Depends: worked out by dpkg-shlibdeps (Debian package dpkg-dev) from the linked libraries.
find_program(SECUREBASE_DPKG_SHLIBDEPS dpkg-shlibdeps)
if(SECUREBASE_DPKG_SHLIBDEPS)
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
else()
  set(CPACK_DEBIAN_PACKAGE_DEPENDS "libc6, libstdc++6, libboost-program-options1.74.0")
endif()
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_STRIP_FILES ON)
include(CPack)
