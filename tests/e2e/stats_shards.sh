#!/usr/bin/env sh
# Usage: stats_shards.sh SECUREBASE PYTHON INSTRUMENT DATA COLUMNS WORK_DIR [SKIP]
# (COLUMNS "" = the item ids; SKIP: a summary member left out of the comparison, e.g. omega_ml)
# The merge of shard partials reports what one run over the whole file reports: DATA (a CSV with
# a header) is split into 4 shards with plain `split`, each shard is scored by `batch
# --stats-partial` (the GNU-parallel recipe of docs/scaling.md, with xargs -P 2), the 4
# partials are merged by `stats merge --format json`, flat and as a tree of --partial-out
# merges, and both are compared with `stats --format json` on the whole file by
# stats_compare.py (1e-12; 1e-9 for the iterative fits), in pairwise and listwise modes.
set -eu
exe=$1
python=$2
instrument=$3
data=$4
columns=$5
work=$6
skip=${7:-}
compare=$(dirname "$0")/stats_compare.py
rm -rf "$work"
mkdir -p "$work"
fail() { echo "FAIL: $*" >&2; exit 1; }

head -n 1 "$data" > "$work/header.csv"
tail -n +2 "$data" > "$work/body.csv"
split -n l/4 -d "$work/body.csv" "$work/body-"
for body in "$work"/body-*; do
  cat "$work/header.csv" "$body" > "$work/shard-${body##*-}.csv"
done
[ "$(ls "$work"/shard-*.csv | wc -l)" -eq 4 ] || fail "expected 4 shards"
rows_in=$(($(wc -l < "$data") - 1))
rows_shards=$(cat "$work"/body-* | wc -l)
[ "$rows_in" -eq "$rows_shards" ] || fail "shards hold $rows_shards rows, the file $rows_in"

ls "$work"/shard-*.csv | SB="$exe" INS="$instrument" COLS="$columns" xargs -P 2 -I{} \
  sh -c '"$SB" batch -i "$INS" "$1" ${COLS:+-c "$COLS"} -q -o "${1%.csv}.scores.csv" \
         --stats-partial "${1%.csv}.part.json"' sh {}

for missing in pairwise listwise; do
  "$exe" stats -i "$instrument" "$data" ${columns:+-c "$columns"} -q --missing "$missing" --format json \
    -o "$work/whole-$missing.json"
  "$exe" stats merge -i "$instrument" "$work"/shard-*.part.json --missing "$missing" --format json \
    -o "$work/merged-$missing.json"
  "$python" "$compare" ${skip:+--skip "$skip"} "$work/whole-$missing.json" "$work/merged-$missing.json" ||
    fail "$missing: merged partials differ from one run"
done

# A tree: (0 + 1) and (2 + 3) as partials, then merged.
"$exe" stats merge "$work/shard-00.part.json" "$work/shard-01.part.json" --partial-out "$work/a.json"
"$exe" stats merge "$work/shard-02.part.json" "$work/shard-03.part.json" --partial-out "$work/b.json"
"$exe" stats merge -i "$instrument" "$work/a.json" "$work/b.json" --format json -o "$work/tree.json"
"$python" "$compare" ${skip:+--skip "$skip"} "$work/whole-pairwise.json" "$work/tree.json" ||
  fail "tree merge differs from one run"
echo "4 shards merged = one run (flat and tree, pairwise and listwise)"
