#!/usr/bin/env bash
# Installs what is missing, builds securebase with warnings as errors, and runs every test, in
# two builds:
#   ci      g++, optimised with debug information: the whole suite, then the command line's
#           end-to-end tests again under Valgrind's memcheck (scripts/memcheck.sh, a subset that
#           covers every command; --all runs every one);
#   python  bindings/python built with the ci preset's flags (its library objects are ccache hits
#           of the ci build), installed into a venv, and its pytest suite
#           (scripts/test-python.sh);
#   r       bindings/r as a self-contained source package, through `R CMD check --no-manual`
#           (its install compiles the library with R's flags, through ccache; testthat against
#           the CLI's batch output and psych) (scripts/test-r.sh);
#   clang   clang, AddressSanitizer + UndefinedBehaviorSanitizer, with the libFuzzer targets:
#           the suite but the tests labelled `once` (tests/CMakeLists.txt says which and why),
#           the fuzz targets' regression inputs, and 10 s of fuzzing per target (scripts/fuzz.sh
#           fuzzes longer).
# Every compile goes through ccache (cmake/ccache.cmake), so a second run, even from another
# clone, is quick. Ends with a table of each stage's wall time, also when a stage fails.
set -euo pipefail
cd "$(dirname "$0")/.."

stage_names=()
stage_secs=()
current=""
current_start=0
run_start=$(date +%s)

report() {
  local code=$?
  if [ -n "$current" ]; then
    stage_names+=("$current (FAILED)")
    stage_secs+=($(($(date +%s) - current_start)))
  fi
  printf '\n== stage times (wall)\n'
  local i
  for i in "${!stage_names[@]}"; do
    printf '  %-36s %4d:%02d\n' "${stage_names[$i]}" $((stage_secs[i] / 60)) $((stage_secs[i] % 60))
  done
  local total=$(($(date +%s) - run_start))
  printf '  %-36s %4d:%02d\n' "total" $((total / 60)) $((total % 60))
  [ "$code" -eq 0 ] && echo "test.sh: passed" || echo "test.sh: FAILED (exit $code)"
}
trap report EXIT

# stage NAME COMMAND...: runs the command as a named, timed stage (a failure ends the run).
stage() {
  current=$1
  shift
  echo "== ${current}"
  current_start=$(date +%s)
  "$@"
  stage_names+=("$current")
  stage_secs+=($(($(date +%s) - current_start)))
  current=""
}

build() {
  cmake --preset "$1" > /dev/null
  cmake --build --preset "$1"
}

stage "install packages" ./scripts/install-deps.sh
stage "ci: build" build ci
stage "wasm: build (module and web page)" ./scripts/build-wasm.sh
stage "ci: ctest" ctest --preset ci
stage "ci: memcheck (subset)" ./scripts/memcheck.sh build/ci
stage "python: build, install, pytest" ./scripts/test-python.sh
stage "r: R CMD check (build, install, testthat)" ./scripts/test-r.sh
stage "clang: build" build clang
stage "clang: ctest (ASan+UBSan, fuzz)" ctest --preset clang
if command -v ccache > /dev/null; then
  ccache --show-stats 2> /dev/null | grep -E '^ *(Hits|Misses|Cache size)|hit rate' || true
fi
