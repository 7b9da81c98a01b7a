#!/usr/bin/env bash
# Runs the command line's end-to-end tests with every run of the `securebase` binary under
# Valgrind's memcheck, and fails on any invalid read or write, use of uninitialised memory, or
# definite or indirect leak.
#
#   scripts/memcheck.sh [--all]            configure and build the `ci` preset (build/ci), then
#                                          check
#   scripts/memcheck.sh [--all] BUILD_DIR  check an existing, already built build tree
#   MEMCHECK_ONLY=REGEX ...                only the tests whose names match REGEX (ctest -R)
#
# Without --all it runs a representative subset (the `subset` list below, what CI runs): every
# command of the CLI (score, take, history, report, compare, instruments, batch on CSV, SPSS and
# Stata files, stats FILE, stats merge) on good and on broken input, about a tenth of the runs of
# the whole set. --all runs every end-to-end test that runs the binary (about 190 runs).
#
# How: ctest cannot wrap a binary that a test runs through a shell script, so this copies the
# build tree's CTestTestfile.cmake files into BUILD_DIR/memcheck/tests, with the path of the
# binary replaced by a wrapper script that runs it under valgrind. Every test keeps its own
# arguments, pass conditions and working directory. Only tests that run the binary are kept,
# less those that cannot run under valgrind: tmux and Chromium sessions, install and package
# builds, and the kill tests (a killed process cannot report, and valgrind's start-up defeats
# their timing). Unit tests are not run here (the asan preset covers them).
#
# Valgrind reports go to BUILD_DIR/memcheck/logs; the ones with errors are printed at the end.
# The script first checks itself: a program that leaks and one that reads out of bounds must
# both be caught with the same options.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
all=0
if [ "${1:-}" = --all ]; then
  all=1
  shift
fi
if [ $# -ge 1 ]; then
  build=$(cd "$1" && pwd)
else
  cd "$root"
  cmake --preset ci > /dev/null
  cmake --build --preset ci
  build=$root/build/ci
fi
exe=$build/securebase
[ -x "$exe" ] || {
  echo "memcheck: $exe not found; build it first" >&2
  exit 1
}
command -v valgrind > /dev/null || {
  echo "memcheck: valgrind not found; install it: apt-get install valgrind" >&2
  exit 1
}
started=$(date +%s)
work=$build/memcheck
rm -rf "$work"
mkdir -p "$work/bin" "$work/logs" "$work/selftest" "$work/tests"

# shellcheck disable=SC2054 # the commas are valgrind's, inside single options
vg_options=(--tool=memcheck --leak-check=full --show-leak-kinds=definite,indirect
  --errors-for-leak-kinds=definite,indirect --error-exitcode=99 --track-origins=no
  --num-callers=30 --read-inline-info=no)
# (--read-inline-info=no saves a third of each run's start-up; stack traces then omit inlined
# frames. To see them, run the command from the failing log with --read-inline-info=yes.)

# The wrapper: the same arguments, standard input and output, and exit code (99 on an error).
wrapper=$work/bin/securebase
{
  echo '#!/bin/sh'
  printf 'exec valgrind'
  printf " '%s'" "${vg_options[@]}" "--log-file=$work/logs/vg.%p.log" "$exe"
  printf ' "$@"\n'
} > "$wrapper"
chmod +x "$wrapper"

# Self-test: a leak and an invalid read, each compiled with g++, must exit 99 under the wrapper's
# options; a clean program must exit 0.
cat > "$work/selftest/leak.cpp" << 'EOF'
#include <cstdlib>
int* kept;
int main(int argc, char**) {
  int* p = static_cast<int*>(std::malloc(64 * sizeof(int)));
  p[0] = argc;
  kept = p + 1;  // an interior pointer only: the block is lost when kept is cleared
  kept = nullptr;
  return 0;
}
EOF
cat > "$work/selftest/overread.cpp" << 'EOF'
#include <cstdlib>
int main(int argc, char**) {
  int* p = static_cast<int*>(std::malloc(4 * sizeof(int)));
  for (int i = 0; i < 4; ++i) p[i] = argc;
  volatile int past = p[argc + 3];  // one past the end
  std::free(p);
  return past == 12345 ? 1 : 0;
}
EOF
cat > "$work/selftest/clean.cpp" << 'EOF'
#include <memory>
int main(int argc, char**) { return std::make_unique<int>(argc).get() != nullptr ? 0 : 1; }
EOF
for prog in leak overread clean; do
  g++ -g -O0 "$work/selftest/$prog.cpp" -o "$work/selftest/$prog"
  set +e
  valgrind "${vg_options[@]}" --log-file="$work/selftest/$prog.log" "$work/selftest/$prog"
  code=$?
  set -e
  want=99
  [ "$prog" = clean ] && want=0
  if [ "$code" -ne "$want" ]; then
    echo "memcheck: self-test failed: $prog exited $code under valgrind, expected $want" >&2
    cat "$work/selftest/$prog.log" >&2
    exit 1
  fi
done

# Tests to skip under valgrind (an extended regular expression on test names).
skip='^(take\.tmux\..*|report\.html_chromium|install\..*|package\..*|batch\.killed_leaves_no_file|privacy\.kill_atomic|privacy\.no_network)$'

# Mirror the CTestTestfile.cmake tree with the binary's path replaced by the wrapper's (only as a
# whole argument or command word, so that securebase_tests and the like stay as they are), the
# unit tests' include() dropped, and every timeout raised for valgrind's pace.
exe_re=$(printf '%s' "$exe" | sed 's/[].[\*^$/]/\\&/g')
wrapper_sed=$(printf '%s' "$wrapper" | sed 's/[\&/]/\\&/g')
names=$work/names.txt
: > "$names"
while IFS= read -r file; do
  rel=${file#"$build"/}
  mkdir -p "$work/tests/$(dirname "$rel")"
  sed -E -e "s/${exe_re}([\"\\\\ ]|\$)/${wrapper_sed}\\1/g" \
    -e '/^include\(".*_include(-[0-9a-f]+)?\.cmake"\)$/d' \
    -e 's/ TIMEOUT "[0-9.]+"/ TIMEOUT "900"/' "$file" > "$work/tests/$rel"
  # The names of tests whose command line holds the wrapper (add_test([=[NAME]=] ...) lines,
  # joined with their continuation lines first).
  awk -v w="$wrapper" '
    /^add_test\(\[=\[/ { if (cur != "" && index(cur, w)) print name
                         cur = $0; name = $0; sub(/^add_test\(\[=\[/, "", name); sub(/\]=\].*/, "", name)
                         next }
    /^(set_tests_properties|subdirs|include|#)/ { if (cur != "" && index(cur, w)) print name; cur = ""; next }
    { if (cur != "") cur = cur "\n" $0 }
    END { if (cur != "" && index(cur, w)) print name }' "$work/tests/$rel" >> "$names"
done < <(find "$build" -name CTestTestfile.cmake -not -path "$work/*")

# The subset CI runs (see the top). A name here that no longer exists is an error, so that the
# list cannot quietly shrink when tests are renamed.
subset=(cli.version cli.exit_code.usage cli.example_answers cli.exit_code.invalid
  hostile.instrument.truncated hostile.answers.nul hostile.result.too_large take.pipe
  batch.oracle_psych.csv batch.oracle_psych.sav batch.oracle_psych.dta batch.formula_text
  batch.exit_code.unclosed_quote hostile_csv.many_columns batch.stats_html stats.checks_json
  stats.batch_files stats.error.partial_not_json)
if [ "$all" -eq 0 ] && [ -z "${MEMCHECK_ONLY:-}" ]; then
  for t in "${subset[@]}"; do
    grep -qxF "$t" "$names" || {
      echo "memcheck: the subset names $t, which is not an end-to-end test of $build" >&2
      exit 1
    }
  done
  printf '%s\n' "${subset[@]}" > "$work/subset.txt"
  names_in_use=$work/subset.txt
else
  names_in_use=$names
fi
selected=$(grep -Ev "$skip" "$names_in_use" | grep -E "${MEMCHECK_ONLY:-.}" || true)
[ -n "$selected" ] || {
  echo "memcheck: no test runs $exe; nothing was checked" >&2
  exit 1
}
regex="^($(printf '%s\n' "$selected" | sed 's/[].[\*^$()+?{}|]/\\&/g' | paste -sd'|'))\$"
echo "memcheck: $(printf '%s\n' "$selected" | wc -l) of $(wc -l < "$names") end-to-end tests" \
  "under valgrind ($([ "$all" -eq 1 ] && echo all || echo "the subset; --all runs every one")," \
  "but $(grep -Ec "$skip" "$names" || true) that cannot run under it)"

set +e
ctest --test-dir "$work/tests" -R "$regex" -j2 --output-on-failure
tests_ok=$?
set -e

# Any valgrind report with errors fails the run, whatever the test made of the exit code.
runs=$(find "$work/logs" -name 'vg.*.log' | wc -l)
bad=$(grep -lE 'ERROR SUMMARY: [1-9]' "$work/logs"/vg.*.log 2> /dev/null || true)
for log in $bad; do
  echo "== valgrind errors: $log" >&2
  cat "$log" >&2
done
elapsed=$(($(date +%s) - started))
if [ "$runs" -eq 0 ]; then
  echo "memcheck: the binary never ran under valgrind" >&2
  exit 1
fi
if [ -n "$bad" ] || [ "$tests_ok" -ne 0 ]; then
  echo "memcheck: FAILED ($(printf '%s\n' "$bad" | grep -c . || true) of $runs runs with valgrind errors; tests exit $tests_ok; ${elapsed} s)" >&2
  exit 1
fi
echo "memcheck: $runs runs of securebase, no errors and no leaks (${elapsed} s)"
