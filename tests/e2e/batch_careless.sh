#!/usr/bin/env sh
# Usage: batch_careless.sh SECUREBASE DATA_DIR WORK_DIR
# `securebase batch --careless`: the indices and flags per row, the two ways to the
# Mahalanobis model (a first pass over the file, or --covariance with a statistics partial of
# the same rows: identical output), standard input without a model, --exclude-careless, and
# the mistakes a user can make (each with its exit code and nothing written).
set -u
exe=$1
data=$2
work=$3
rm -rf "$work"
mkdir -p "$work"
fail() { echo "FAIL: $*" >&2; exit 1; }

# 80 varied rows (a linear congruential sequence, so the covariance matrix is positive
# definite), then a row answering 3 to every item: a straight line.
awk 'BEGIN { print "pid,Q1,Q2,Q3,Q4,Q5,Q6,Q7"; x = 7;
             for (i = 0; i < 80; i++) { printf "r%d", i;
               for (q = 0; q < 7; q++) { x = (x * 1103 + 12345) % 65536; printf ",%d", 1 + x % 5 }
               printf "\n" }
             print "flat,3,3,3,3,3,3,3" }' > "$work/in.csv"
run() { "$exe" batch -i "$data/batch.json" -c 'Q{n}' --id pid -q "$@"; }

run "$work/in.csv" --careless -o "$work/two-pass.csv" || fail "--careless on a file failed"
head -1 "$work/two-pass.csv" | grep -q 'longstring,irv,mahalanobis_d2,mahalanobis_p,even_odd,careless_flags,status$' ||
  fail "the careless columns are missing: $(head -1 "$work/two-pass.csv")"
# The straight line: longstring 7 (every item), IRV 0, both flagged; its scores are kept.
grep -q '^82,flat,3,3,0,12,4,0,7,0,[0-9.e-]*,[0-9.e-]*,[^,]*,longstring;irv,ok$' "$work/two-pass.csv" ||
  fail "the straight-line row is wrong: $(grep flat "$work/two-pass.csv")"
# Every row has a Mahalanobis distance (the first pass gave the model).
awk -F, 'NR > 1 && ($11 == "" || $12 == "") { bad = 1 } END { exit bad }' "$work/two-pass.csv" ||
  fail "a row has no Mahalanobis distance after the first pass"

# The same model from a partial of the same rows: the same bytes.
run "$work/in.csv" --stats-partial "$work/part.json" -o "$work/plain.csv" || fail "partial failed"
run "$work/in.csv" --careless --covariance "$work/part.json" -o "$work/given.csv" ||
  fail "--covariance failed"
cmp -s "$work/two-pass.csv" "$work/given.csv" || fail "--covariance and the first pass differ"

# Standard input cannot be read twice: no distance, and a notice saying how to get one.
run - --careless < "$work/in.csv" > "$work/stdin.csv" 2> "$work/stdin.err" || fail "stdin failed"
grep -q 'no Mahalanobis distance for standard input without --covariance' "$work/stdin.err" ||
  fail "no notice for standard input: $(cat "$work/stdin.err")"
awk -F, 'NR > 1 && ($11 != "" || $12 != "") { bad = 1 } END { exit bad }' "$work/stdin.csv" ||
  fail "a distance appeared without a model"

# --exclude-careless: the flagged row has no scores and a careless status, and the statistics
# count one row fewer.
run "$work/in.csv" --exclude-careless --stats-json "$work/ex.json" -o "$work/ex.csv" ||
  fail "--exclude-careless failed"
grep -q '^82,flat,,,,,,,7,0,[^,]*,[^,]*,[^,]*,longstring;irv,careless:longstring;irv$' "$work/ex.csv" ||
  fail "the excluded row is wrong: $(grep flat "$work/ex.csv")"
run "$work/in.csv" --stats-json "$work/all.json" -o "$work/all.csv" --force || fail "stats failed"
rows_all=$(sed -n 's/.*"rows": *\([0-9]*\).*/\1/p' "$work/all.json" | head -1)
rows_ex=$(sed -n 's/.*"rows": *\([0-9]*\).*/\1/p' "$work/ex.json" | head -1)
[ -n "$rows_all" ] && [ "$rows_ex" -lt "$rows_all" ] ||
  fail "the statistics did not leave the excluded rows out ($rows_ex of $rows_all)"

# Mistakes: exit 1 for a malformed option, 2 for a value out of range or a partial of another
# instrument; no output file in any case.
expect() {  # CODE TEXT ARGS...
  code=$1 text=$2
  shift 2
  run "$work/in.csv" -o "$work/none.csv" "$@" 2> "$work/err.txt"
  got=$?
  [ "$got" -eq "$code" ] || fail "$*: exit $got, expected $code"
  grep -q -- "$text" "$work/err.txt" || fail "$*: no '$text' in: $(cat "$work/err.txt")"
  [ ! -e "$work/none.csv" ] || fail "$*: an output file was written"
}
expect 1 "careless-thresholds: 'irv:2'" --careless-thresholds 'irv:2'
expect 1 "careless-thresholds: 'speed=1'" --careless-thresholds 'speed=1'
expect 2 "securebase.stats.1006" --careless-thresholds 'mahalanobis=2'
expect 1 "covariance needs a file" --covariance -
printf '{"format": "securebase-stats-partial", "version": 3}\n' > "$work/short.json"
expect 2 "securebase.stats.1002" --covariance "$work/short.json"
"$exe" batch -i ecr-r - -c 'ECR_{n}' -q --stats-partial "$work/ecr.json" > /dev/null < /dev/null 2>&1
printf 'ECR_1' > "$work/ecr.csv"
i=2
while [ $i -le 36 ]; do printf ',ECR_%d' $i >> "$work/ecr.csv"; i=$((i + 1)); done
printf '\n' >> "$work/ecr.csv"
j=0
while [ $j -lt 40 ]; do
  awk -v s=$j 'BEGIN { x = s; for (q = 0; q < 36; q++) { x = (x * 1103 + 12345) % 65536;
                 printf "%s%d", (q ? "," : ""), 1 + x % 7 } printf "\n" }' >> "$work/ecr.csv"
  j=$((j + 1))
done
"$exe" batch -i ecr-r "$work/ecr.csv" -c 'ECR_{n}' -q --stats-partial "$work/ecr.json" \
  -o "$work/ecr-out.csv" || fail "the ECR-R partial failed"
expect 2 "securebase.stats.1004" --covariance "$work/ecr.json"
echo "careless columns, both model sources, standard input, exclusion and mistakes as expected"
