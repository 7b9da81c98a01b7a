# End-to-end test of `securebase batch --careless` (included from tests/CMakeLists.txt).
add_test(NAME batch.careless
         COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/e2e/batch_careless.sh $<TARGET_FILE:securebase_exe>
                 ${CMAKE_CURRENT_SOURCE_DIR}/data/batch ${CMAKE_CURRENT_BINARY_DIR}/careless-e2e)
