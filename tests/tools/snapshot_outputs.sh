#!/usr/bin/env bash
# Runs a built securebase over a fixed set of inputs and writes every kind of output it makes
# into one folder, so that two builds can be compared byte for byte (diff -r OLD NEW). Used to
# show that a restructuring left behaviour unchanged (issue 17).
#
#   tests/tools/snapshot_outputs.sh SECUREBASE OUT_DIR [DATA_DIR]
#
# SECUREBASE is the binary, OUT_DIR is emptied and filled, DATA_DIR (default OUT_DIR/../snap-data)
# holds the generated inputs: answer files for every embedded instrument and a 100 000-row ECR-R
# file from bench/gen_csv. The generated inputs are made once (GEN_CSV=path/to/gen_csv when the
# bench file does not exist yet) and reused, so that both builds read the same bytes.
#
# Each case writes NAME.out (standard output), NAME.err (standard error) and NAME.rc (exit code),
# plus any files it asked for. Run times are masked ("<time>") so that the outputs compare.
set -uo pipefail

sb=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
out=$2
root=$(cd "$(dirname "$0")/../.." && pwd)
data=${3:-$(dirname "$out")/snap-data}
rm -rf "$out"
mkdir -p "$out" "$data"
out=$(cd "$out" && pwd)
data=$(cd "$data" && pwd)
td=$root/tests/data
ex=$root/examples/answers

# Generated inputs (made once, then reused).
bench=$data/bench-ecr-r-100k.csv
if [ ! -f "$bench" ]; then
  if [ -z "${GEN_CSV:-}" ]; then
    echo "need GEN_CSV=path/to/gen_csv to make $bench" >&2
    exit 1
  fi
  "$GEN_CSV" --rows 100000 --seed 20261128 -o "$bench"
  # A second, smaller shard with other blanks, for merging partials and careless checks.
  "$GEN_CSV" --rows 5000 --seed 7 --blank 0.05 -o "$data/bench-ecr-r-5k.csv"
fi
if [ ! -d "$data/answers" ]; then
  mkdir -p "$data/answers"
  for id in $("$sb" instruments list --format json | python3 -c 'import json,sys; print(" ".join(i["id"] for i in json.load(sys.stdin)))'); do
    "$sb" instruments show "$id" --format json >"$data/answers/$id.key.json"
    python3 - "$data/answers" "$id" <<'EOF'
import json, sys
folder, iid = sys.argv[1], sys.argv[2]
key = json.load(open(f"{folder}/{iid}.key.json"))
lo, hi = key["response_scale"]["min"], key["response_scale"]["max"]
items = next(o["items"] for o in key["orders"] if o.get("canonical"))
n = len(items)
def write(name, values):
    with open(f"{folder}/{iid}-{name}.txt", "w") as f:
        f.write(" ".join(f"{k + 1}={v}" for k, v in enumerate(values)) + "\n")
write("low", [lo] * n)
write("high", [hi] * n)
write("mixed", [lo + (7 * k + 3) % (hi - lo + 1) for k in range(n)])
write("sparse", [("NA" if k % 3 == 1 else lo + (5 * k + 1) % (hi - lo + 1)) for k in range(n)])
write("few", [("NA" if k % 5 else hi - (k % (hi - lo + 1))) for k in range(n)])
json.dump({items[k]: (None if k % 4 == 2 else lo + (3 * k) % (hi - lo + 1)) for k in range(n)},
          open(f"{folder}/{iid}-json.json", "w"))
EOF
  done
fi

mask() {
  sed -E -e 's/[0-9]+\.[0-9]+ s, [0-9]+ rows\/s/<time> s, <rate> rows\/s/g' \
         -e 's/; [0-9]+\.[0-9]+ s/; <time> s/g' \
         -e 's/("seconds": )[0-9.e+-]+/\1<time>/' \
         -e 's/("rows_per_second": )[0-9.e+-]+/\1<rate>/' "$@"
}

# run NAME [STDIN_FILE] -- ARGS...: runs the binary in OUT_DIR (relative output files land
# there) and records its output.
run() {
  local name=$1 input=/dev/null
  shift
  if [ "$1" != "--" ]; then input=$1; shift; fi
  shift
  (cd "$out" && "$sb" "$@" <"$input" >"$out/$name.out" 2>"$out/$name.err.raw"; echo $? >"$out/$name.rc")
  mask "$out/$name.err.raw" >"$out/$name.err"
  rm -f "$out/$name.err.raw"
}

# Files an option wrote: timings masked in place.
fix() { for f in "$@"; do mask "$out/$f" >"$out/$f.m" && mv "$out/$f.m" "$out/$f"; done; }

ids=$(ls "$data/answers" | sed -n 's/\.key\.json$//p')

# --- instruments
run instruments-list -- instruments list
run instruments-list-json -- instruments list --format json
for id in $ids; do
  run "show-$id" -- instruments show "$id"
  run "show-$id-json" -- instruments show "$id" --format json
  run "template-$id" -- instruments template "$id"
done
run show-batch-json -- instruments show "$td/batch/batch.json" --format json
run validate-good -- instruments validate "$root"/instruments/*.json "$td/batch/batch.json" "$td/batch/three.json"
for f in "$td"/hostile/*.json "$td"/cli/bad-instrument.json "$td"/instruments/syntax-error.json; do
  run "validate-$(basename "$f" .json)" -- instruments validate "$f"
done

# --- score: every instrument x answer pattern x format, and the options that change output
for id in $ids; do
  for a in low high mixed sparse few json; do
    f=$data/answers/$id-$a.txt
    [ "$a" = json ] && f=$data/answers/$id-json.json
    run "score-$id-$a-text" -- score -i "$id" -a "$f" -w 80
    run "score-$id-$a-json" -- score -i "$id" -a "$f" -f json
    run "score-$id-$a-html" -- score -i "$id" -a "$f" -f html
    run "score-$id-$a-sum" -- score -i "$id" -a "$f" -f json --method sum
    run "score-$id-$a-mean" -- score -i "$id" -a "$f" -f json --method mean
  done
  run "score-$id-mixed-es" -- score -i "$id" -a "$data/answers/$id-mixed.txt" -l es -w 60
  run "score-$id-mixed-ascii" -- score -i "$id" -a "$data/answers/$id-mixed.txt" --ascii -w 40
  for norm in $(python3 -c 'import json,sys; print(" ".join(n["id"] for n in json.load(open(sys.argv[1])).get("norm_sets", [])))' "$data/answers/$id.key.json"); do
    for fmt in text json html; do
      run "score-$id-mixed-$norm-$fmt" -- score -i "$id" -a "$data/answers/$id-mixed.txt" -n "$norm" -f "$fmt" -w 100
    done
    run "score-$id-mixed-$norm-median" -- score -i "$id" -a "$data/answers/$id-mixed.txt" -n "$norm" --boundary median -f json
    run "score-$id-sparse-$norm-sum" -- score -i "$id" -a "$data/answers/$id-sparse.txt" -n "$norm" --method sum -f json
  done
done
for f in "$ex"/*; do
  b=$(basename "$f")
  case $b in ecr-5*) id=ecr-5 ;; ecr-r*) id=ecr-r ;; *) id=securebase-core ;; esac
  for fmt in text json html; do run "example-$b-$fmt" -- score -i "$id" -a "$f" -f "$fmt"; done
  run "example-$b-es" -- score -i "$id" -a "$f" -l es
done
run score-tiny -- score -i "$td/instruments/tiny.json" -a "$ex/ecr-r-example.txt" -f json
run score-stdin "$ex/securebase-core-example.txt" -- score -i securebase-core -a -
# Bad answers and options.
for f in "$td"/hostile/answers-*; do
  run "score-bad-$(basename "$f")" -- score -i ecr-r -a "$f"
done
run score-bad-range "$data/answers/ecr-r-high.txt" -- score -i ecr-5 -a -
run score-bad-norm -- score -i ecr-5 -a "$ex/ecr-5-example.json" -n nope
run score-bad-method -- score -i ecr-5 -a "$ex/ecr-5-example.json" --method median
run score-bad-lang -- score -i ecr-5 -a "$ex/ecr-5-example.json" -l xx
run score-bad-instrument -- score -i "$td/cli/bad-instrument.json" -a "$ex/ecr-5-example.json"
run score-missing-file -- score -i ecr-r -a /nonexistent/answers.txt

# --- results: report and compare
run result-a -- score -i securebase-core -a "$ex/worried.txt" -f json -o result-a.json
run result-b -- score -i securebase-core -a "$ex/settled.txt" -f json -o result-b.json
run result-c -- score -i ecr-5 -a "$ex/ecr-5-example.json" -n osp-2018 -f json -o result-c.json
for fmt in html text json; do
  run "report-a-$fmt" -- report result-a.json -f "$fmt"
  run "report-c-$fmt" -- report result-c.json -f "$fmt"
  run "report-v1-$fmt" -- report "$td/results/ecr-5-v1.json" -f "$fmt"
done
run report-es -- report result-a.json -f text -l es
run compare-ab -- compare result-a.json result-b.json
run compare-ab-full -- compare result-a.json result-b.json --full --ascii
run compare-bad -- compare result-a.json result-c.json
for f in "$td"/hostile/result-*.json; do run "report-bad-$(basename "$f" .json)" -- report "$f"; done

# --- batch on the test tables
bj=$td/batch/batch.json
for f in "$td"/batch/*.csv "$td"/batch/*.tsv; do
  b=$(basename "$f")
  id=pid
  head -1 "$f" | grep -q ResponseId && id=ResponseId
  keep=()
  head -1 "$f" | grep -q age && keep=(--keep age)
  head -1 "$f" | grep -q note && keep=(--keep note)
  for fmt in csv tsv jsonl; do
    run "batch-$b-$fmt" -- batch -i "$bj" "$f" -c 'Q{n}' --id "$id" -f "$fmt"
    run "batch-$b-$fmt-explain" -- batch -i "$bj" "$f" -c 'Q{n}' --id "$id" -f "$fmt" --explain --invalid missing "${keep[@]}" --threads 1
  done
done
run batch-skip -- batch -i "$bj" "$td/batch/skip-rows.csv" -c 'Q{n}' --id pid --skip-rows 1
run batch-labels -- batch -i "$bj" "$td/batch/labels.csv" -c 'Q{n}' --id pid --recode 'strongly agree=5,meh=NA' --raw-text
run batch-missing-codes -- batch -i "$bj" "$td/batch/missing-codes.csv" -c 'Q{n}' --id pid --missing-codes '-99,99,x'
run batch-map -- batch -i "$bj" "$td/batch/basic.csv" --map-file "$td/batch/items.map" --id pid --summary summary-map.json -o batch-map.csv
fix summary-map.json
run batch-qualtrics -- batch -i "$bj" "$td/batch/qualtrics.csv" -c 'Q{n}' --id ResponseId --summary summary-qualtrics.json
fix summary-qualtrics.json
run batch-three -- batch -i "$td/batch/three.json" "$td/batch/basic.csv" -c 'Q{n}' --id pid --explain -f jsonl
run batch-sum -- batch -i "$bj" "$td/batch/basic.csv" -c 'Q{n}' --id pid --score sum --explain
run batch-mean -- batch -i "$bj" "$td/batch/basic.csv" -c 'Q{n}' --id pid --score mean -f jsonl --explain
run batch-missing-col -- batch -i "$bj" "$td/batch/basic.csv" -c 'X{n}'
run batch-dup-col -- batch -i "$bj" "$td/batch/duplicate-header.csv" -c 'Q{n}'
run batch-bad-pattern -- batch -i "$bj" "$td/batch/basic.csv" -c 'Q{m}'
run batch-bad-map -- batch -i "$bj" "$td/batch/basic.csv" --map 'zz=Q1,a1'
run batch-bad-recode -- batch -i "$bj" "$td/batch/labels.csv" -c 'Q{n}' --recode 'yes=9,no'
run batch-bad-norm -- batch -i "$bj" "$td/batch/basic.csv" -c 'Q{n}' -n nope
for f in "$td"/stat/sample.*; do
  run "batch-stat-$(basename "$f")" -- batch -i "$td/batch/three.json" "$f" -c 'ECR_{n}' --id id --explain
done
for f in "$td"/oracle/batch-ecr-r-1000.*; do
  case $f in *expected*) continue ;; esac
  run "batch-oracle-$(basename "$f")" -- batch -i ecr-r "$f" -c 'ECR_{n}' --id id
done

# --- batch and stats on the generated bench file (every output kind)
b=$bench
run bench-csv -- batch -i ecr-r "$b" -c 'ECR_{n}' --id id -o bench.csv --summary bench-summary.json --threads 2
fix bench-summary.json
run bench-tsv -- batch -i ecr-r "$b" -c 'ECR_{n}' --id id -f tsv --threads 1 -o bench.tsv
run bench-jsonl -- batch -i ecr-r "$b" -c 'ECR_{n}' --id id -f jsonl -o bench.jsonl --threads 2
run bench-explain -- batch -i ecr-r "$b" -c 'ECR_{n}' --id id --explain --score sum -o bench-explain.csv
run bench-ecr5-norms -- batch -i ecr-5 "$b" -c 'ECR_{n}' --id id -n osp-2018 --invalid missing -o bench-ecr5.csv
run bench-ecr5-norms-jsonl -- batch -i ecr-5 "$b" -c 'ECR_{n}' --id id -n osp-2018 --invalid missing --explain -f jsonl -o bench-ecr5.jsonl
run bench-stats -- batch -i ecr-r "$b" -c 'ECR_{n}' --id id -o bench-s.csv --stats --stats-json bench-stats.json --stats-partial bench-partial.json --stats-html bench-stats.html
run bench-stats-listwise -- batch -i ecr-r "$b" -c 'ECR_{n}' -o /dev/null --stats-json bench-stats-listwise.json --missing listwise --published-r 0.2 --published-r-source 'a test'
run bench-careless -- batch -i ecr-r "$data/bench-ecr-r-5k.csv" -c 'ECR_{n}' --id id --careless -o bench-careless.csv
run bench-careless-jsonl -- batch -i ecr-r "$data/bench-ecr-r-5k.csv" -c 'ECR_{n}' --id id --exclude-careless -f jsonl -o bench-careless.jsonl --stats-partial bench-careless-partial.json
run bench-careless-cov "$data/bench-ecr-r-5k.csv" -- batch -i ecr-r - -c 'ECR_{n}' --careless --covariance bench-partial.json -o bench-careless-cov.csv --careless-thresholds 'longstring=0.4,irv=0.6'
run stats-text -- stats -i ecr-r "$b" -c 'ECR_{n}'
run stats-json -- stats -i ecr-r "$b" -c 'ECR_{n}' -f json
run stats-html -- stats -i ecr-r "$b" -c 'ECR_{n}' -f html --missing listwise
run stats-5k -- stats -i ecr-r "$data/bench-ecr-r-5k.csv" -c 'ECR_{n}' --partial-out part-5k.json
run stats-merge -- stats merge bench-partial.json part-5k.json
run stats-merge-json -- stats merge -i ecr-r bench-partial.json part-5k.json -f json
run stats-merge-html -- stats merge -i ecr-r bench-partial.json part-5k.json -f html --missing listwise
run stats-merge-out -- stats merge bench-partial.json part-5k.json --partial-out merged.json
run stats-merge-bad -- stats merge "$td/stats/not-a-partial.json"
run stats-merge-mixed -- stats merge bench-partial.json bench-careless-partial.json
for f in bfi synthetic; do
  csv=$td/oracle/stats-$f.csv
  [ "$f" = synthetic ] && csv=$td/oracle/stats-synthetic.csv
  for fmt in text json html; do
    run "stats-$f-$fmt" -- stats -i "$td/stats/$f.json" "$csv" -f "$fmt"
  done
done
rm -f "$out"/*.tmp-*
echo "$(ls "$out" | wc -l) files in $out"
