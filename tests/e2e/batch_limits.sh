#!/bin/sh
# The table limits from the command line: --max-columns and --max-record-bytes refuse a wider
# header or a longer row with 701 and exit code 2, writing nothing; a bad value is a usage
# error (exit 1); within the limits the run is as usual.
# Usage: batch_limits.sh SECUREBASE DATA_DIR
set -u
bin=$1
data=$2
work=$(mktemp -d "${TMPDIR:-/tmp}/securebase-limits-XXXXXX")
trap 'rm -rf "$work"' EXIT
fail() {
  echo "FAILED: $1" >&2
  exit 1
}
input='pid,Q1,Q2,Q3,Q4,Q5,Q6,Q7
p1,1,2,3,4,5,1,2
p2,1,2,3,4,5,1,2,this row is a little longer than the others
'
run() { printf '%s' "$input" | "$bin" batch -q -i "$data/batch.json" - -c 'Q{n}' -o "$work/out.csv" "$@" 2>"$work/err"; }

run --max-columns 7
[ $? -eq 2 ] || fail "--max-columns 7: expected exit code 2"
grep -qF '[securebase.table.701] <stdin>:1: a record has 8 fields, but may have at most 7 (the max_columns limit; see docs/limits.md)' "$work/err" ||
  fail "--max-columns 7: unexpected message: $(cat "$work/err")"
[ ! -e "$work/out.csv" ] || fail "--max-columns 7: an output was written"

run --max-record-bytes 40
[ $? -eq 2 ] || fail "--max-record-bytes 40: expected exit code 2"
grep -qF '[securebase.table.701] <stdin>:3: a record is longer than 40 bytes (the max_record_bytes limit' "$work/err" ||
  fail "--max-record-bytes 40: unexpected message: $(cat "$work/err")"
[ ! -e "$work/out.csv" ] || fail "--max-record-bytes 40: an output was written"

for bad in 12X 0 K -5; do
  run --max-record-bytes "$bad"
  [ $? -eq 1 ] || fail "--max-record-bytes $bad: expected exit code 1 (usage)"
  grep -qF "option '--max-record-bytes' is '$bad', but must be a whole number of bytes" "$work/err" ||
    fail "--max-record-bytes $bad: unexpected message: $(cat "$work/err")"
done
run --max-columns 0
[ $? -eq 1 ] || fail "--max-columns 0: expected exit code 1 (usage)"

run --max-columns 8 --max-record-bytes 1K
[ $? -eq 0 ] || fail "within the limits: expected exit code 0: $(cat "$work/err")"
[ "$(wc -l <"$work/out.csv")" -eq 3 ] || fail "within the limits: expected a header and 2 rows"
grep -q '^3,.*parse_error:found 9 fields; expected 8' "$work/out.csv" ||
  fail "within the limits: line 3 should be a parse error"
echo "table limits: refused past them with 701, usage errors for bad values, fine within"
