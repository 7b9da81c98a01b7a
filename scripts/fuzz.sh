#!/usr/bin/env bash
# Fuzzes every libFuzzer target for longer than CI does (docs/fuzzing.md).
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]   default: 600 s each, all five targets
#   FUZZ_JOBS=N scripts/fuzz.sh ...         N targets at a time (default 2)
#
# Builds the `clang` preset's fuzz targets (build/clang), fuzzes each on a fresh copy of its seed
# corpus under build/clang/fuzz/long/<target>/ (never the source tree), and ends with a table of
# executions, new inputs and peak memory per target, to paste into docs/fuzzing.md. A crash,
# sanitizer report, timeout or leak fails the run and names the reproducer; docs/fuzzing.md says
# what to do with it. CI runs the same targets for 10 s each and replays the regressions.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
seconds=${1:-600}
[ $# -ge 1 ] && shift
case "$seconds" in
  '' | *[!0-9]*)
    echo "fuzz.sh: SECONDS must be a whole number, not '$seconds'" >&2
    exit 1
    ;;
esac
all=(instrument answers result_json table batch)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all[@]}")
for t in "${targets[@]}"; do
  [ -f "fuzz/${t}_fuzz.cpp" ] || {
    echo "fuzz.sh: no target '$t' (targets: ${all[*]})" >&2
    exit 1
  }
done

cmake --preset clang > /dev/null
cmake --build --preset clang --target "${targets[@]/%/_fuzz}"
out=$root/build/clang/fuzz/long
mkdir -p "$out"

run_one() {
  local t=$1
  cmake -DFUZZER="$root/build/clang/fuzz/${t}_fuzz" -DMODE=fuzz -DSEEDS="$root/fuzz/corpus/$t" \
    -DWORK="$out/$t" -DSECONDS="$seconds" -P "$root/fuzz/run_fuzzer.cmake" > "$out/$t.log" 2>&1
}

echo "fuzz.sh: ${#targets[@]} targets, ${seconds} s each, ${FUZZ_JOBS:-2} at a time; logs in $out"
failed=()
pids=()
names=()
for t in "${targets[@]}"; do
  run_one "$t" &
  pids+=($!)
  names+=("$t")
  while [ "$(jobs -rp | wc -l)" -ge "${FUZZ_JOBS:-2}" ]; do sleep 1; done
done
for i in "${!pids[@]}"; do
  wait "${pids[$i]}" || failed+=("${names[$i]}")
done

stat() { grep -oE "stat::$2: *[0-9]+" "$out/$1.log" | tail -1 | grep -oE '[0-9]+$' || echo '?'; }
printf '\n| Target | Seconds | Executions | New inputs | Peak RSS (MB) | Result |\n'
printf '|---|---|---|---|---|---|\n'
for t in "${targets[@]}"; do
  result=ok
  printf '%s\n' "${failed[@]:-}" | grep -qxF "$t" && result="FAILED (see $out/$t.log)"
  printf '| `%s_fuzz` | %s | %s | %s | %s | %s |\n' "$t" "$seconds" \
    "$(stat "$t" number_of_executed_units)" "$(stat "$t" new_units_added)" \
    "$(stat "$t" peak_rss_mb)" "$result"
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz.sh: ${#failed[@]} target(s) failed: ${failed[*]}" >&2
  for t in "${failed[@]}"; do tail -n 30 "$out/$t.log" >&2; done
  exit 1
fi
