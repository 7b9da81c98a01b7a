# End-to-end tests of `securebase web` (included from tests/CMakeLists.txt, where
# securebase_exe exists and ${expect_exit} is set).
add_test(NAME cli.web.usage COMMAND ${expect_exit} 1 "" $<TARGET_FILE:securebase_exe> web)
# A page named by SECUREBASE_WEB_PAGE that does not exist: error 601, nothing else is tried.
add_test(NAME cli.web.missing
         COMMAND ${CMAKE_COMMAND} -E env SECUREBASE_WEB_PAGE=${CMAKE_CURRENT_BINARY_DIR}/no-such-page.html
                 ${expect_exit} 2 "" $<TARGET_FILE:securebase_exe> web -o ${CMAKE_CURRENT_BINARY_DIR}/web-missing.html)
set_tests_properties(cli.web.missing PROPERTIES PASS_REGULAR_EXPRESSION "securebase.io.601")
# A file that is not the questionnaire is refused.
add_test(NAME cli.web.not_the_page
         COMMAND ${CMAKE_COMMAND} -E env SECUREBASE_WEB_PAGE=${PROJECT_SOURCE_DIR}/README.md
                 ${expect_exit} 2 "" $<TARGET_FILE:securebase_exe> web -o ${CMAKE_CURRENT_BINARY_DIR}/web-wrong.html)
# cli.web.writes_the_page, which needs the WebAssembly build, is beside js.build_wasm.
