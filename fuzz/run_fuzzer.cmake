# Runs one libFuzzer target for ctest (see fuzz/CMakeLists.txt and docs/fuzzing.md).
#   MODE=fuzz:        fuzz for SECONDS on a fresh copy of SEEDS in WORK (never the source tree).
#   MODE=regressions: run every file of REGRESSIONS (except pending-* and dot files) and of SEEDS
#                     once.
# Needs FUZZER, SEEDS, WORK; a crash, sanitizer report, timeout or leak fails the test.

set(common -timeout=10 -rss_limit_mb=2048 -artifact_prefix=${WORK}/ -print_final_stats=1)
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")

if(MODE STREQUAL "fuzz")
  file(COPY "${SEEDS}/" DESTINATION "${WORK}/corpus")
  execute_process(COMMAND "${FUZZER}" "${WORK}/corpus" -max_total_time=${SECONDS} ${common}
                  RESULT_VARIABLE rc)
elseif(MODE STREQUAL "regressions")
  set(inputs "")
  if(DEFINED REGRESSIONS AND IS_DIRECTORY "${REGRESSIONS}")
    file(GLOB regression_files LIST_DIRECTORIES false "${REGRESSIONS}/*")
    foreach(f IN LISTS regression_files)
      get_filename_component(base "${f}" NAME)
      if(base MATCHES "^pending-" OR base MATCHES "^\\.")
        message(STATUS "skipped (pending): ${base}")
      else()
        list(APPEND inputs "${f}")
      endif()
    endforeach()
  endif()
  file(GLOB seed_files LIST_DIRECTORIES false "${SEEDS}/*")
  list(APPEND inputs ${seed_files})
  list(LENGTH inputs count)
  message(STATUS "running ${count} inputs once")
  execute_process(COMMAND "${FUZZER}" ${common} ${inputs} RESULT_VARIABLE rc)
else()
  message(FATAL_ERROR "run_fuzzer.cmake: MODE must be fuzz or regressions, not '${MODE}'")
endif()

if(NOT rc EQUAL 0)
  file(GLOB artifacts "${WORK}/crash-*" "${WORK}/leak-*" "${WORK}/timeout-*" "${WORK}/oom-*")
  message(FATAL_ERROR "${FUZZER} failed (${rc}); reproducers: ${artifacts}\n"
                      "Minimise one and save it under fuzz/regressions/ (docs/fuzzing.md).")
endif()
