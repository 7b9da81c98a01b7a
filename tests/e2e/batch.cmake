# End-to-end tests of `securebase batch` (included from tests/CMakeLists.txt, where
# securebase_exe exists and ${expect_exit} is set).
set(batch_data ${CMAKE_CURRENT_SOURCE_DIR}/data/batch)
set(batch_work ${CMAKE_CURRENT_BINARY_DIR}/batch-e2e)
add_test(NAME batch.rows_in_rows_out
         COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/e2e/batch_rows.sh $<TARGET_FILE:securebase_exe>
                 ${batch_data} ${batch_work}/rows)
add_test(NAME batch.killed_leaves_no_file
         COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/e2e/batch_kill.sh $<TARGET_FILE:securebase_exe>
                 ${batch_data} ${batch_work}/kill)
add_test(NAME batch.exit_code.ok
         COMMAND ${expect_exit} 0 "pid,Q1,Q2,Q3,Q4,Q5,Q6,Q7\np1,1,2,3,4,5,x,\n"
                 $<TARGET_FILE:securebase_exe> batch -i ${batch_data}/batch.json - -c "Q{n}")
add_test(NAME batch.exit_code.usage
         COMMAND ${expect_exit} 1 "" $<TARGET_FILE:securebase_exe> batch --bogus)
add_test(NAME batch.exit_code.missing_column
         COMMAND ${expect_exit} 2 "pid,Q1\n" $<TARGET_FILE:securebase_exe> batch
                 -i ${batch_data}/batch.json - -c "Q{n}")
add_test(NAME batch.exit_code.unclosed_quote
         COMMAND ${expect_exit} 2 "" $<TARGET_FILE:securebase_exe> batch
                 -i ${batch_data}/batch.json ${batch_data}/unclosed-quote.csv -c "Q{n}")
add_test(NAME batch.formula_text
         COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/e2e/batch_formula.sh $<TARGET_FILE:securebase_exe>
                 ${batch_data})
add_test(NAME batch.limits
         COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/e2e/batch_limits.sh $<TARGET_FILE:securebase_exe>
                 ${batch_data})
