#!/usr/bin/env sh
# Usage: hostile_csv.sh EXE DATA_DIR WORK CASE
# Runs `securebase batch` on one generated hostile table (DATA_DIR holds batch.json, items Q1..Q7
# on 1-5) and checks the outcome the case expects:
#   long_line       a 100 MB record: exit 2, 701 at line 2, no output file
#   many_columns    100,000 columns: exit 0, one row, status ok
#   unclosed_quote  a quote never closed at the end: exit 2, 701 at 3:4, no output file
#   repeated_header the header again mid-file: exit 0, that row bad, counted in the summary
#   nul             a NUL byte in an answer: exit 0, that row invalid, no raw NUL in the output
exe=$1
data=$2
work=$3
case=$4
rm -rf "$work"
mkdir -p "$work" || exit 1
fail() {
  echo "FAIL: $*" >&2
  exit 1
}
in=$work/in.csv
out=$work/out.csv
header='pid,Q1,Q2,Q3,Q4,Q5,Q6,Q7'
batch() {
  "$exe" batch -i "$data/batch.json" "$in" -c 'Q{n}' --id pid -q -o "$out" \
    --summary "$work/summary.json" 2>"$work/stderr"
}
expect_refused() {
  # $1: exit code; $2: a fixed string standard error must hold.
  [ "$1" -eq 2 ] || fail "exit code $1, expected 2; stderr: $(head -c 600 "$work/stderr")"
  grep -qF -- "$2" "$work/stderr" || fail "stderr lacks '$2': $(head -c 600 "$work/stderr")"
  [ ! -e "$out" ] || fail "$out was written"
  [ ! -e "$work/summary.json" ] || fail "the summary was written"
  for f in "$out".tmp-*; do [ ! -e "$f" ] || fail "temporary $f was left behind"; done
  echo "ok: exit 2 with '$2', nothing written"
}
case $case in
  long_line)
    { echo "$header"; printf 'p1,'; head -c 104857600 /dev/zero | tr '\0' '1'; echo; } >"$in"
    batch
    expect_refused $? "[securebase.table.701] $in:2: a record is longer than 64 MiB"
    ;;
  many_columns)
    awk -v h="$header" 'BEGIN { printf "%s", h; for (c = 9; c <= 100000; c++) printf ",X%d", c;
                                print ""; printf "p1,1,2,3,4,5,1,2";
                                for (c = 9; c <= 100000; c++) printf ",0"; print "" }' >"$in"
    batch || fail "exit code $?; stderr: $(head -c 600 "$work/stderr")"
    grep -q '^2,p1,.*,ok$' "$out" || fail "the row is not scored: $(cut -c1-300 "$out")"
    echo "ok: 100,000 columns scored"
    ;;
  unclosed_quote)
    printf '%s\np1,1,2,3,4,5,1,2\np2,"1,2,3,4,5,1,2\n' "$header" >"$in"
    batch
    expect_refused $? "[securebase.table.701] $in:3:4: a quoted field starts here"
    ;;
  repeated_header)
    printf '%s\np1,1,2,3,4,5,1,2\n%s\np2,5,5,5,5,5,5,5\n' "$header" "$header" >"$in"
    batch || fail "exit code $?; stderr: $(head -c 600 "$work/stderr")"
    grep -Eq '^3,pid,.*,(invalid|parse_error):[^,]*$' "$out" ||
      fail "the repeated header has no bad-row status: $(cat "$out")"
    grep -Eq '"(invalid|parse_error)": 1' "$work/summary.json" ||
      fail "the summary does not count it: $(cat "$work/summary.json")"
    echo "ok: the repeated header is a counted bad row"
    ;;
  nul)
    { echo "$header"; printf 'p1,5\0,2,3,4,5,1,2\np2,1,2,3,4,5,1,2\n'; } >"$in"
    batch || fail "exit code $?; stderr: $(head -c 600 "$work/stderr")"
    grep -q '"invalid": 1' "$work/summary.json" || fail "not one invalid row: $(cat "$work/summary.json")"
    [ "$(tr -d '\000' <"$out" | wc -c)" -eq "$(wc -c <"$out")" ] || fail "a raw NUL byte is in the output"
    echo "ok: the NUL row is invalid and the output holds no NUL"
    ;;
  *)
    fail "unknown case $case"
    ;;
esac
