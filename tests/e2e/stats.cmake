# End-to-end tests of `securebase batch --stats` and `securebase stats` (included from
# tests/CMakeLists.txt, where securebase_exe exists and ${expect_exit} is set).
set(stats_data ${CMAKE_CURRENT_SOURCE_DIR}/data/stats)
set(stats_oracle ${CMAKE_CURRENT_SOURCE_DIR}/data/oracle)
set(stats_batch ${CMAKE_CURRENT_SOURCE_DIR}/data/batch)
set(stats_work ${CMAKE_CURRENT_BINARY_DIR}/stats-e2e)
file(MAKE_DIRECTORY ${stats_work})

# batch --stats: the scores on standard output, the statistics table on standard error.
add_test(NAME stats.batch_stats_table
         COMMAND $<TARGET_FILE:securebase_exe> batch -i ${stats_data}/bfi.json
                 ${stats_oracle}/stats-bfi.csv --stats -q)
# source: stats_psych.out, bfi agreeableness: alpha 0.703018 raw, 0.713029 std, average r 0.332
set_tests_properties(stats.batch_stats_table PROPERTIES PASS_REGULAR_EXPRESSION
  "missing data: pairwise.*Scale agreeableness \\(5 items\\).*alpha 0\\.703 raw, 0\\.713 standardised; average r 0\\.332")
# batch --missing listwise is printed as such.
add_test(NAME stats.batch_stats_listwise
         COMMAND $<TARGET_FILE:securebase_exe> batch -i ${stats_data}/bfi.json
                 ${stats_oracle}/stats-bfi.csv --stats --missing listwise -q)
# source: stats_psych.out line 66, listwise raw_alpha 0.703755894374836
set_tests_properties(stats.batch_stats_listwise PROPERTIES PASS_REGULAR_EXPRESSION
  "missing data: listwise.*alpha 0\\.704 raw")

find_package(Python3 COMPONENTS Interpreter QUIET)
if(Python3_Interpreter_FOUND)
  # `stats FILE` and `batch --stats-json` against psych, on both oracle data sets.
  foreach(set bfi synthetic)
    add_test(NAME stats.oracle_psych.${set}
             COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/stats_oracle.py
                     $<TARGET_FILE:securebase_exe> ${stats_data}/${set}.json
                     ${stats_oracle}/stats-${set}.csv ${set} ${stats_oracle}/stats-expected.csv
                     ${stats_work}/oracle-${set})
  endforeach()
  # The issue's 4-shard test: batch --stats-partial per shard, stats merge = stats on the whole,
  # on ECR-R (the 1000-row batch oracle file) and on bfi, every statistic compared (the ML fit
  # converges on merged shards too: stats_omega_test checks 12 splits of each oracle set).
  add_test(NAME stats.four_shards_merge
           COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/stats_shards.sh $<TARGET_FILE:securebase_exe>
                   ${Python3_EXECUTABLE} ecr-r ${stats_oracle}/batch-ecr-r-1000.csv "ECR_{n}"
                   ${stats_work}/shards "")
  add_test(NAME stats.four_shards_merge.bfi
           COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/stats_shards.sh $<TARGET_FILE:securebase_exe>
                   ${Python3_EXECUTABLE} ${stats_data}/bfi.json ${stats_oracle}/stats-bfi.csv ""
                   ${stats_work}/shards-bfi "")
else()
  message(WARNING "python3 not found: the stats oracle and shard checks will not run")
endif()

# The checks follow the statistics in text and JSON (docs/checks.md): ECR-R's anxiety and
# avoidance correlate about 0 in this file, far from a published 0.5.
add_test(NAME stats.checks_text
         COMMAND $<TARGET_FILE:securebase_exe> stats -i ecr-r
                 ${stats_oracle}/batch-ecr-r-1000.csv -c "ECR_{n}" -q --published-r 0.5)
set_tests_properties(stats.checks_text PROPERTIES PASS_REGULAR_EXPRESSION
  "Checks \\(signs of mis-keying.*! correlation_far_from_published \\(scale anxiety,avoidance\\).*Sample beside published values")
add_test(NAME stats.checks_json
         COMMAND $<TARGET_FILE:securebase_exe> stats -i ecr-r
                 ${stats_oracle}/batch-ecr-r-1000.csv -c "ECR_{n}" -q --published-r 0.5
                 --format json)
set_tests_properties(stats.checks_json PROPERTIES PASS_REGULAR_EXPRESSION
  "\"checks\": \\[[^]]*\"id\": \"correlation_far_from_published\".*\"published\": \\[")

# batch --stats-json and --stats-partial write their files; stats merge reads the partial back.
add_test(NAME stats.batch_files
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/stats_files.sh $<TARGET_FILE:securebase_exe>
                 ${stats_data} ${stats_oracle} ${stats_work}/files)

# Every mistake a user can make: exit 2 (unusable input) or 1 (command line), located.
add_test(NAME stats.error.unreadable_partial
         COMMAND ${expect_exit} 2 "" $<TARGET_FILE:securebase_exe> stats merge
                 ${stats_work}/no-such-partial.json)
add_test(NAME stats.error.partial_not_json
         COMMAND ${expect_exit} 2 "" $<TARGET_FILE:securebase_exe> stats merge
                 ${stats_data}/not-a-partial.json)
add_test(NAME stats.error.partial_of_another_instrument
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/stats_errors.sh $<TARGET_FILE:securebase_exe>
                 ${stats_data} ${stats_oracle} ${stats_batch} ${stats_work}/errors)
add_test(NAME stats.error.bad_missing
         COMMAND ${expect_exit} 1 "" $<TARGET_FILE:securebase_exe> stats merge
                 --missing casewise x.json)
add_test(NAME stats.error.batch_bad_missing
         COMMAND ${expect_exit} 1 "" $<TARGET_FILE:securebase_exe> batch -i ecr-r x.csv
                 --stats --missing casewise)
add_test(NAME stats.error.published_r_out_of_range
         COMMAND ${expect_exit} 2 "" $<TARGET_FILE:securebase_exe> stats
                 -i ecr-r no-such-table.csv --published-r 2)
add_test(NAME stats.error.merge_checks_without_instrument
         COMMAND ${expect_exit} 1 "" $<TARGET_FILE:securebase_exe> stats
                 merge --published-r 0.5 x.json)
add_test(NAME stats.error.bad_format
         COMMAND ${expect_exit} 1 "" $<TARGET_FILE:securebase_exe> stats merge --format pdf
                 x.json)
add_test(NAME stats.error.no_parts
         COMMAND ${expect_exit} 1 "" $<TARGET_FILE:securebase_exe> stats merge)
add_test(NAME stats.error.missing_columns
         COMMAND ${expect_exit} 2 "" $<TARGET_FILE:securebase_exe> stats -i ecr-r
                 ${stats_oracle}/stats-bfi.csv)

# The bash completion offers the stats command, merge and the statistics options.
add_test(NAME stats.completion
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/stats_completion.sh
                 ${PROJECT_SOURCE_DIR}/packaging/securebase.bash-completion
                 $<TARGET_FILE:securebase_exe>)
