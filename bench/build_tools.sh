# Sourced by the bench scripts (compare_r.sh, compare_export.sh, stats_cost.sh), after they set
# `root`: the folders they use and the Release builds they time, written once.
#   data         generated files and logs (BENCH_DATA, default build/bench-data)
#   bench_build  the bench project, for gen_csv (BENCH_BUILD, default build/bench)
#   cli_build    a Release securebase (CLI_BUILD, default build/bench-cli)
data=${BENCH_DATA:-$root/build/bench-data}
bench_build=${BENCH_BUILD:-$root/build/bench}
cli_build=${CLI_BUILD:-$root/build/bench-cli}
mkdir -p "$data"

# build_bench_tools [tolerant]: builds gen_csv and, unless SECUREBASE names a binary already, a
# Release securebase, and sets SECUREBASE to it. A securebase that does not build ends the run,
# or with "tolerant" is a note on stderr (the log is $data/build.log).
build_bench_tools() {
  cmake -S "$root/bench" -B "$bench_build" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$bench_build" -j2 --target gen_csv >/dev/null
  if [ -z "${SECUREBASE:-}" ]; then
    cmake -S "$root" -B "$cli_build" -DCMAKE_BUILD_TYPE=Release -DSECUREBASE_BUILD_TESTS=OFF \
      -DSECUREBASE_BUILD_EXAMPLES=OFF >/dev/null
    if ! cmake --build "$cli_build" -j2 --target securebase_exe >"$data/build.log" 2>&1; then
      if [ "${1:-}" != tolerant ]; then
        echo "the securebase binary did not build (see $data/build.log)" >&2
        return 1
      fi
      echo "note: the securebase binary did not build (see $data/build.log)" >&2
    fi
    SECUREBASE=$cli_build/securebase
  fi
}
