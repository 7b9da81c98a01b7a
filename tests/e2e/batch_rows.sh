#!/usr/bin/env sh
# Usage: batch_rows.sh SECUREBASE DATA_DIR WORK_DIR
# Rows in equal rows out on a file with bad rows sprinkled in, and the same bytes whether the
# table comes from a file or from standard input, and whether written to stdout or with -o.
set -eu
exe=$1
data=$2
work=$3
rm -rf "$work"
mkdir -p "$work"
fail() { echo "FAIL: $*" >&2; exit 1; }

"$exe" batch -i "$data/batch.json" "$data/bad-rows.csv" -c 'Q{n}' --id pid -q > "$work/file.csv"
"$exe" batch -i "$data/batch.json" - -c 'Q{n}' --id pid -q < "$data/bad-rows.csv" > "$work/stdin.csv"
"$exe" batch -i "$data/batch.json" "$data/bad-rows.csv" -c 'Q{n}' --id pid -q -o "$work/o.csv"
cmp "$work/file.csv" "$work/stdin.csv" || fail "file and stdin outputs differ"
cmp "$work/file.csv" "$work/o.csv" || fail "stdout and -o outputs differ"

# bad-rows.csv: a header, 8 data lines, one of them blank: 7 rows, plus the output header.
rows_out=$(wc -l < "$work/file.csv")
[ "$rows_out" -eq 8 ] || fail "expected 8 output lines (header + 7 rows), got $rows_out"
grep -q '^3,p2,.*parse_error:found 4 fields; expected 9$' "$work/file.csv" || fail "short row"
grep -q '^5,p4,.*invalid:Q2=9;Q5=x$' "$work/file.csv" || fail "invalid row"

# A generated table: every data row comes out, in order, with one or two threads.
awk 'BEGIN { print "pid,Q1,Q2,Q3,Q4,Q5,Q6,Q7";
             for (i = 0; i < 100000; i++) {
               printf "r%d,%d,%d,%s,%d,%d,%d,%d\n", i, i % 5 + 1, i % 3 + 1,
                      (i % 11 == 0 ? "" : "3"), i % 4 + 1, 2, (i % 97 == 0 ? 9 : 1), 5 } }' \
  > "$work/gen.csv"
"$exe" batch -i "$data/batch.json" "$work/gen.csv" -c 'Q{n}' --id pid -q --threads 1 > "$work/g1.csv"
"$exe" batch -i "$data/batch.json" "$work/gen.csv" -c 'Q{n}' --id pid -q --threads 2 > "$work/g2.csv"
cmp "$work/g1.csv" "$work/g2.csv" || fail "one and two threads differ"
[ "$(wc -l < "$work/g1.csv")" -eq 100001 ] || fail "rows in != rows out on the generated table"
[ "$(cut -d, -f2 "$work/g1.csv" | sed -n '2p;100001p' | tr '\n' ' ')" = "r0 r99999 " ] ||
  fail "rows out of order"
echo "rows in = rows out; file, stdin and -o agree"
