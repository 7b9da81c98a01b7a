#!/usr/bin/env sh
# Usage: stats_errors.sh SECUREBASE STATS_DATA ORACLE_DATA BATCH_DATA WORK_DIR
# `stats merge` refuses, with exit 2 and the file named, a partial it cannot read and partials
# of different instruments.
set -eu
exe=$1
stats=$2
oracle=$3
batch=$4
work=$5
rm -rf "$work"
mkdir -p "$work"
fail() { echo "FAIL: $*" >&2; exit 1; }
expect() {  # expect CODE PATTERN COMMAND...: exit code CODE and PATTERN on standard error
  code=$1
  pattern=$2
  shift 2
  set +e
  "$@" > "$work/out.txt" 2> "$work/err.txt"
  got=$?
  set -e
  [ "$got" -eq "$code" ] || { cat "$work/err.txt" >&2; fail "expected exit $code, got $got: $*"; }
  grep -qF -- "$pattern" "$work/err.txt" || { cat "$work/err.txt" >&2; fail "no '$pattern': $*"; }
}

"$exe" batch -i "$stats/bfi.json" "$oracle/stats-bfi.csv" -q -o "$work/bfi.csv" \
  --stats-partial "$work/bfi.part.json"
"$exe" batch -i "$batch/batch.json" "$batch/basic.csv" -c 'Q{n}' -q -o "$work/basic.csv" \
  --stats-partial "$work/basic.part.json"
expect 2 "[securebase.stats.1004] $work/basic.part.json: cannot be merged with $work/bfi.part.json" \
  "$exe" stats merge "$work/bfi.part.json" "$work/basic.part.json"
expect 2 "$work/missing.json" "$exe" stats merge "$work/bfi.part.json" "$work/missing.json"
expect 2 "[securebase.stats.1001] $stats/not-a-partial.json:2:1" \
  "$exe" stats merge "$work/bfi.part.json" "$stats/not-a-partial.json"
printf '{"format": "securebase-stats-partial", "version": 99}\n' > "$work/v99.json"
expect 2 "[securebase.stats.1003] $work/v99.json: /version" "$exe" stats merge "$work/v99.json"
expect 1 "option '--missing' is 'casewise', but must be one of: pairwise, listwise" \
  "$exe" stats merge --missing casewise "$work/bfi.part.json"
expect 1 "option '--format' is 'pdf', but must be one of: text, json, html" \
  "$exe" stats merge --format pdf "$work/bfi.part.json"
expect 1 "option '--partial-out' writes the merged partial instead of the statistics" \
  "$exe" stats merge "$work/bfi.part.json" --partial-out "$work/m.json" --format json
# The merged output file must not be one of the partials (705).
expect 2 "is the input file" "$exe" stats merge "$work/bfi.part.json" -o "$work/bfi.part.json" --force
echo "stats errors: exit codes and locations as documented"
