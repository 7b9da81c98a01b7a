# The statistics HTML page (`stats --format html`, `stats merge -i ... --format html`) checked as
# text and rendered by headless Chromium (stats_html.py). Included by tests/CMakeLists.txt; the
# browser step is skipped (exit 77), with a message saying why, where Chromium is absent.
find_package(Python3 COMPONENTS Interpreter QUIET)
if(Python3_Interpreter_FOUND)
  add_test(NAME stats.html_chromium
           COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/stats_html.py
                   $<TARGET_FILE:securebase_exe>
                   ${CMAKE_CURRENT_SOURCE_DIR}/data/oracle/batch-ecr-r-1000.csv
                   ${CMAKE_CURRENT_BINARY_DIR}/stats-e2e/html)
  set_tests_properties(stats.html_chromium PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 90)
else()
  message(WARNING "python3 not found: the statistics HTML page will not be checked")
endif()
