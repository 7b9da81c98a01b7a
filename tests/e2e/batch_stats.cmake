# End-to-end tests of batch's statistics outputs with checks (included from tests/CMakeLists.txt):
# --stats-html writes a self-contained page, --published-r adds its check to --stats, and a bad
# --published-r stops the run before any row is read.
set(batch_stats_work ${CMAKE_CURRENT_BINARY_DIR}/batch-stats-e2e)
file(MAKE_DIRECTORY ${batch_stats_work})
add_test(NAME batch.stats_html
         COMMAND sh -c "\"$1\" batch -i ecr-r \"$2\" -c 'ECR_{n}' -q -o \"$3/scores.csv\" --force \
                        --stats-html \"$3/stats.html\" && grep -q '<svg' \"$3/stats.html\" && \
                        ! grep -q '<script' \"$3/stats.html\" && echo 'page written, no script'"
                 sh $<TARGET_FILE:securebase_exe>
                 ${CMAKE_CURRENT_SOURCE_DIR}/data/oracle/batch-ecr-r-1000.csv ${batch_stats_work})
set_tests_properties(batch.stats_html PROPERTIES PASS_REGULAR_EXPRESSION "page written, no script")
add_test(NAME batch.stats_published_r
         COMMAND $<TARGET_FILE:securebase_exe> batch -i ecr-r
                 ${CMAKE_CURRENT_SOURCE_DIR}/data/oracle/batch-ecr-r-1000.csv -c "ECR_{n}" -q
                 -o ${batch_stats_work}/published.csv --force --stats --published-r 0.5)
set_tests_properties(batch.stats_published_r PROPERTIES PASS_REGULAR_EXPRESSION
                     "! correlation_far_from_published")
add_test(NAME batch.stats_published_r_out_of_range
         COMMAND ${expect_exit} 2 "" $<TARGET_FILE:securebase_exe> batch -i ecr-r
                 ${CMAKE_CURRENT_SOURCE_DIR}/data/oracle/batch-ecr-r-1000.csv -c "ECR_{n}"
                 -o ${batch_stats_work}/never.csv --stats --published-r 1.5)
