# End-to-end tests of `securebase take` driving the real binary: through a pipe, and through
# tmux for the interactive mode (skipped, with a message, when tmux is not installed).
set(take_e2e_dir ${CMAKE_CURRENT_SOURCE_DIR}/e2e)
add_test(NAME take.pipe COMMAND sh ${take_e2e_dir}/take_pipe.sh $<TARGET_FILE:securebase_exe>)
set_tests_properties(take.pipe PROPERTIES TIMEOUT 20)
foreach(take_case full kill nocolor skips narrow spanish)
  add_test(NAME take.tmux.${take_case}
           COMMAND sh ${take_e2e_dir}/take_tmux_${take_case}.sh $<TARGET_FILE:securebase_exe>)
  set_tests_properties(take.tmux.${take_case} PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 30)
endforeach()
