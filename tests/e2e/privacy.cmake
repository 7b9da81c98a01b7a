# Privacy (docs/privacy.md): no network code in what we build, answers and results in private
# files, and output files that are whole or absent after a kill -9. Included from
# tests/CMakeLists.txt, where securebase_exe exists.
set(privacy_e2e ${CMAKE_CURRENT_SOURCE_DIR}/e2e)
set(privacy_work ${CMAKE_CURRENT_BINARY_DIR}/privacy-e2e)

# The binary, the static library and the shared one. cmake/install.cmake, included after tests/,
# makes securebase_shared when `securebase` is static; otherwise `securebase` is the shared one.
set(privacy_files $<TARGET_FILE:securebase_exe> $<TARGET_FILE:securebase>)
get_target_property(privacy_lib_type securebase TYPE)
if(privacy_lib_type STREQUAL "STATIC_LIBRARY")
  list(APPEND privacy_files $<TARGET_FILE:securebase_shared>)
endif()
add_test(NAME privacy.no_network
         COMMAND sh ${privacy_e2e}/no_network.sh ${CMAKE_CXX_COMPILER} ${privacy_work}/no-network
                 ${privacy_files})

add_test(NAME privacy.file_modes
         COMMAND sh ${privacy_e2e}/file_modes.sh $<TARGET_FILE:securebase_exe> ${PROJECT_SOURCE_DIR}
                 ${privacy_work}/file-modes)
set_tests_properties(privacy.file_modes PROPERTIES TIMEOUT 120)

add_test(NAME privacy.kill_atomic
         COMMAND sh ${privacy_e2e}/kill_atomic.sh $<TARGET_FILE:securebase_exe>
                 ${CMAKE_CURRENT_SOURCE_DIR}/data/batch ${privacy_work}/kill-atomic)
set_tests_properties(privacy.kill_atomic PROPERTIES TIMEOUT 300)
