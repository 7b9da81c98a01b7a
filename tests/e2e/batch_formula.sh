#!/bin/sh
# Spreadsheet safety from the command line: passed-through text that a spreadsheet would run
# as a formula gets a leading ' in CSV output; --raw-text copies it exactly; numbers stay.
# Usage: batch_formula.sh SECUREBASE DATA_DIR
set -eu
bin=$1
data=$2
input='pid,group,Q1,Q2,Q3,Q4,Q5,Q6,Q7
"=HYPERLINK(""x"")",-3,1,2,3,4,5,1,2
@SUM(A1),+cmd,1,2,3,4,5,1,2
'
fail() {
  echo "FAILED: $1" >&2
  exit 1
}
out=$(printf '%s' "$input" | "$bin" batch -q -i "$data/batch.json" - -c 'Q{n}' --id pid --keep group)
echo "$out" | grep -qF "\"'=HYPERLINK(\"\"x\"\")\",-3," || fail "=HYPERLINK was not neutralised: $out"
echo "$out" | grep -qF "'@SUM(A1),'+cmd," || fail "@ or + text was not neutralised: $out"
raw=$(printf '%s' "$input" |
  "$bin" batch -q -i "$data/batch.json" - -c 'Q{n}' --id pid --keep group --raw-text)
echo "$raw" | grep -qF '"=HYPERLINK(""x"")",-3,' || fail "--raw-text changed the text: $raw"
echo "$raw" | grep -qF '@SUM(A1),+cmd,' || fail "--raw-text changed the text: $raw"
work=$(mktemp -d "${TMPDIR:-/tmp}/securebase-formula-XXXXXX")
trap 'rm -rf "$work"' EXIT
printf '%s' "$input" |
  "$bin" batch -q -i "$data/batch.json" - -c 'Q{n}' --raw-text --summary "$work/run.json" \
    -o "$work/out.csv"
grep -qF '"raw_text": true' "$work/run.json" || fail "the summary does not record --raw-text"
echo "formula text neutralised by default, copied exactly with --raw-text"
