# The HTML report in a real browser: write_report (tests/tools/write_report.cpp) writes the
# report of a fixed answer set, headless Chromium screenshots it, and report_html.py checks
# that the PNG is not blank. Skipped (exit 77), with a message saying why, where Chromium or
# python3 is absent.
add_executable(securebase_write_report ${PROJECT_SOURCE_DIR}/tests/tools/write_report.cpp)
target_link_libraries(securebase_write_report PRIVATE securebase securebase_build_flags)
set_target_properties(securebase_write_report PROPERTIES OUTPUT_NAME write_report)
find_package(Python3 COMPONENTS Interpreter QUIET)
if(Python3_Interpreter_FOUND)
  add_test(NAME report.html_chromium
           COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/report_html.py
                   $<TARGET_FILE:securebase_write_report>
                   ${PROJECT_SOURCE_DIR}/examples/answers/securebase-core-example.txt
                   ${CMAKE_CURRENT_BINARY_DIR}/report-html)
  set_tests_properties(report.html_chromium PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 60)
  # The report's layout at 390 and 1280 px: date and version at the top, nothing wider than the
  # page, labelled numbers, the plot next to the summary (issue 23, items 4-7).
  add_test(NAME report.layout_chromium
           COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/report_layout.py
                   $<TARGET_FILE:securebase_exe>
                   ${PROJECT_SOURCE_DIR}/examples/answers/securebase-core-example.txt
                   ${CMAKE_CURRENT_BINARY_DIR}/report-layout)
  set_tests_properties(report.layout_chromium PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 120)
else()
  message(WARNING "python3 not found: the headless-Chromium check of the HTML report will not run")
endif()
