#!/usr/bin/env bash
# Batch speed on the shape of a real public export (issue 24), securebase and R in one run:
# bench/gen_csv --shape export (1,000,000 rows: Q1..Q36 on 1-5 with 0 = no answer, then age,
# gender, country), scored with
#   securebase batch -i ecr-5 -c 'Q{n}' --missing-codes 0 --keep age,gender,country -o OUT
# on 1 and 2 threads, and by R's fast way (bench/compare_r.R export: fread, 0 -> NA, rowMeans,
# fwrite). For R both the time inside R and the whole Rscript process are reported: a user
# waits for the whole process. Writes bench/results/export-<date>.md.
#
# --shape qualtrics does the same on bench/gen_csv --shape qualtrics (three header rows, ten
# metadata columns, ECR-R's items as text labels, quoted free text with commas and line breaks):
#   securebase batch -i ecr-r -c 'Q1_{n}' --recode LABELS --id ResponseId -o OUT
# against bench/compare_r.R qualtrics (fread after the header rows, labels matched to 1-7,
# rowMeans, fwrite), and writes bench/results/qualtrics-<date>.md.
#
#   bench/compare_export.sh [--rows N] [--reps N] [--shape export|qualtrics]
#   (SECUREBASE=/path/to/securebase to skip building it)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
rows=1000000
reps=3
shape=export
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) rows=$2; shift 2 ;;
    --reps) reps=$2; shift 2 ;;
    --shape) shape=$2; shift 2 ;;
    *) echo "usage: $0 [--rows N] [--reps N] [--shape export|qualtrics]" >&2; exit 1 ;;
  esac
done
recode='Disagree strongly=1,Disagree=2,Disagree somewhat=3,Neutral/mixed=4,Agree somewhat=5,Agree=6,Agree strongly=7'
case "$shape" in
  export)
    sb_args=(-i ecr-5 -c 'Q{n}' --missing-codes 0 --keep age,gender,country)
    sb_text="batch -i ecr-5 -c 'Q{n}' --missing-codes 0 --keep age,gender,country -o OUT"
    r_instrument=ecr-5
    r_text="data.table fread, 0 -> NA, rowMeans, fwrite"
    ;;
  qualtrics)
    sb_args=(-i ecr-r -c 'Q1_{n}' --recode "$recode" --id ResponseId)
    sb_text="batch -i ecr-r -c 'Q1_{n}' --recode '<the 7 labels>=1..7' --id ResponseId -o OUT"
    r_instrument=ecr-r
    r_text="data.table fread after the 3 header rows, labels matched to 1-7, rowMeans, fwrite"
    ;;
  *) echo "$0: --shape must be export or qualtrics" >&2; exit 1 ;;
esac
. "$root/bench/build_tools.sh"
build_bench_tools
file=$data/$shape-$rows.csv
"$bench_build/gen_csv" --shape "$shape" --rows "$rows" -o "$file" 2>"$data/gen.txt"
cat "$file" >/dev/null

# run LABEL COMMAND...: one run under /usr/bin/time; prints "LABEL wall rss_kib inside"
run() {
  local label=$1
  shift
  /usr/bin/time -f '%e %M' -o "$data/time.txt" "$@" >"$data/stdout.txt" 2>"$data/stderr.txt"
  local inside
  inside=$(sed -n 's/.*total=\([0-9.]*\).*/\1/p' "$data/stdout.txt")
  echo "$label $(cat "$data/time.txt") ${inside:--}"
}
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

results=$data/$shape-results.txt
: >"$results"
for ((i = 0; i < reps; i++)); do
  for t in 1 2; do
    rm -f "$data/out-export.csv"
    run "securebase:threads=$t" "$SECUREBASE" batch "${sb_args[@]}" --threads "$t" -q "$file" \
      -o "$data/out-export.csv" >>"$results"
  done
  run "R-fast" Rscript "$root/bench/compare_r.R" "$shape" "$file" "$data/out-r-export.csv" \
    "$root/instruments/$r_instrument.json" 2 >>"$results"
done

r_whole=$(awk '$1 == "R-fast" { print $2 }' "$results" | median)
r_inside=$(awk '$1 == "R-fast" { print $4 }' "$results" | median)
date=$(date -u +%F)
report=$root/bench/results/$shape-$date.md
{
  echo "# Batch on a real export's shape ($shape): securebase vs R ($date)"
  echo
  echo "Machine: $(nproc)-core $(lscpu | sed -n 's/^Model name: *//p' | head -1). Load at end: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo "Data: \`bench/gen_csv --shape $shape --rows $rows\` ($(sed 's/^gen_csv: //' "$data/gen.txt"))."
  echo "securebase: \`$sb_text\`."
  echo "R: \`Rscript bench/compare_r.R $shape\` ($r_text; setDTthreads(2))."
  echo "Seconds: median of $reps runs. \"x R\": R's whole Rscript process / this run's seconds"
  echo "(in brackets: against the time measured inside R, start-up excluded)."
  echo
  echo "| run | seconds | peak RSS (MiB) | x R (whole) | x R (inside) |"
  echo "|---|---:|---:|---:|---:|"
  for label in securebase:threads=1 securebase:threads=2 R-fast; do
    secs=$(awk -v l="$label" '$1 == l { print $2 }' "$results" | median)
    rss=$(awk -v l="$label" '$1 == l { if ($3 > m) m = $3 } END { print m }' "$results")
    awk -v l="$label" -v s="$secs" -v m="$rss" -v w="$r_whole" -v n="$r_inside" 'BEGIN {
      printf "| %s | %.2f | %.0f | %.2f | %.2f |\n", l, s, m / 1024, w / s, n / s }'
  done
  echo
  echo "R inside R: $r_inside s; whole Rscript process: $r_whole s."
} | tee "$report"
echo "written: $report" >&2
