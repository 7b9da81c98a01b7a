# `securebase batch` against R: every score of the 1,000-row ECR-R file built by
# tests/oracle/batch_scores.R matches psych::scoreItems (with securebase's minimum-answered rule
# applied) to 1e-9, row by row, with n answered and status. The same data as SPSS and Stata
# files (tests/tools/write_stat_fixtures.cpp --oracle; blanks as system-missing and user-missing
# -99 in the .sav, . and .a in the .dta) must give the same scores. batch_oracle.py exits 77,
# reported as skipped, while this build's `batch` is still a placeholder.
find_package(Python3 COMPONENTS Interpreter QUIET)
if(Python3_Interpreter_FOUND)
  set(oracle_data ${PROJECT_SOURCE_DIR}/tests/data/oracle)
  foreach(kind csv sav dta)
    add_test(NAME batch.oracle_psych.${kind}
             COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/batch_oracle.py
                     $<TARGET_FILE:securebase_exe> ${oracle_data}/batch-ecr-r-1000.${kind}
                     ${oracle_data}/batch-ecr-r-1000.expected.csv
                     ${CMAKE_CURRENT_BINARY_DIR}/batch-oracle-${kind})
    set_tests_properties(batch.oracle_psych.${kind} PROPERTIES SKIP_RETURN_CODE 77)
  endforeach()
else()
  message(WARNING "python3 not found: the batch oracle checks will not run")
endif()
