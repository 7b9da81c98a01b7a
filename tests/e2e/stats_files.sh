#!/usr/bin/env sh
# Usage: stats_files.sh SECUREBASE STATS_DATA ORACLE_DATA WORK_DIR
# batch --stats keeps standard output for the scores; --stats-json and --stats-partial write
# their files; the partial merged alone and `stats FILE` give the same JSON byte for byte (with
# the checks when both have the instrument).
set -eu
exe=$1
stats=$2
oracle=$3
work=$4
rm -rf "$work"
mkdir -p "$work"
fail() { echo "FAIL: $*" >&2; exit 1; }
ins=$stats/bfi.json
data=$oracle/stats-bfi.csv

"$exe" batch -i "$ins" "$data" --threads 2 --stats -q > "$work/scores.csv" 2> "$work/table.txt"
[ "$(head -c 5 "$work/scores.csv")" = "line," ] || fail "standard output does not start with the scores"
[ "$(wc -l < "$work/scores.csv")" -eq 2801 ] || fail "expected 2800 score rows"
grep -q '^missing data: pairwise' "$work/table.txt" || fail "no 'missing data' line on stderr"
grep -q 'Correlations between scale scores' "$work/table.txt" || fail "no correlations on stderr"

"$exe" batch -i "$ins" "$data" --threads 2 -q -o "$work/o.csv" --stats-json "$work/s.json" \
  --stats-partial "$work/p.json"
cmp "$work/scores.csv" "$work/o.csv" || fail "--stats changed the scores"
grep -q '"format": "securebase-stats-summary"' "$work/s.json" || fail "no summary JSON"
grep -q '"format":"securebase-stats-partial"' "$work/p.json" || fail "no partial"
# The checks need the instrument: `stats FILE` runs them, `stats merge` only with -i.
"$exe" stats merge "$work/p.json" --format json -o "$work/merged.json"
"$exe" stats merge -i "$ins" "$work/p.json" --format json -o "$work/merged-checked.json"
if grep -q '"checks"' "$work/s.json"; then
  cmp "$work/s.json" "$work/merged-checked.json" || fail "one partial merged differs from --stats-json"
else
  cmp "$work/s.json" "$work/merged.json" || fail "one partial merged differs from --stats-json"
fi
grep -q '"checks"' "$work/merged.json" && fail "stats merge without -i wrote checks"
"$exe" stats -i "$ins" "$data" --threads 2 -q --format json > "$work/file.json"
cmp "$work/merged-checked.json" "$work/file.json" || fail "stats FILE differs from stats merge -i"
"$exe" stats -i "$ins" "$data" --threads 2 -q > "$work/file.txt"
grep -q '^Checks (signs of mis-keying' "$work/file.txt" || fail "no checks after the table"
grep -q '^Sample beside published values' "$work/file.txt" || fail "no published values"
# batch --stats prints the same table (with the checks once batch runs them).
head -n "$(wc -l < "$work/table.txt")" "$work/file.txt" | cmp "$work/table.txt" - ||
  fail "stats FILE's table differs from batch --stats"

# An existing statistics file is kept unless --force (705).
set +e
"$exe" batch -i "$ins" "$data" -q -o "$work/o2.csv" --stats-json "$work/s.json" 2> "$work/err.txt"
code=$?
set -e
[ "$code" -eq 2 ] || fail "expected exit 2 for an existing --stats-json file, got $code"
grep -q "s.json: already exists; give --force" "$work/err.txt" || fail "705 not located"
[ ! -e "$work/o2.csv" ] || fail "the output was written although the run was refused"
# A scored file instead of the answers: 702, and it says why.
set +e
"$exe" stats -i "$ins" "$work/o.csv" -q 2> "$work/err2.txt"
code=$?
set -e
[ "$code" -eq 2 ] || fail "expected exit 2 for a scored file, got $code"
grep -q "o.csv: looks like the output of 'securebase batch' (it has the columns status and agreeableness, neuroticism" \
  "$work/err2.txt" || { cat "$work/err2.txt" >&2; fail "scored input not explained"; }
echo "stats files: scores, table, JSON and partial agree"
