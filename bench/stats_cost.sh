#!/usr/bin/env bash
# What statistics add to a batch run (issue 7's target: at most +50% over scoring alone), on the
# 10^6-row ECR-R file. Writes the table to stdout and to bench/results/stats-cost-<date>.md.
#
#   bench/stats_cost.sh [--reps N] [--rows N]
#
# 1. Builds bench/gen_csv and a Release securebase as compare_r.sh does (or uses
#    SECUREBASE=/path/to/securebase), and generates the file with gen_csv (seed 20261128) unless
#    it is there.
# 2. For --threads 1 and 2, times `securebase batch -i ecr-r FILE -c 'ECR_{n}' -q -o OUT` alone,
#    with --stats-partial, with --stats-json and with --stats (the terminal table). The runs are
#    interleaved (one of each configuration per round, --reps rounds, default 9), so that a
#    noisy spell of a shared machine falls on all of them alike; wall time is read with
#    nanosecond resolution and the median is reported, with the minimum beside it.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
reps=9
rows=1000000
while [ $# -gt 0 ]; do
  case "$1" in
    --reps) reps=$2; shift 2 ;;
    --rows) rows=$2; shift 2 ;;
    *) echo "usage: $0 [--reps N] [--rows N]" >&2; exit 1 ;;
  esac
done
. "$root/bench/build_tools.sh"

echo "== building (Release)" >&2
build_bench_tools
file=$data/ecr-r-$rows.csv
if [ ! -s "$file" ]; then
  "$bench_build/gen_csv" --rows "$rows" --seed 20261128 --instrument ecr-r --prefix ECR_ -o "$file"
fi

out=$data/stats-cost
mkdir -p "$out"
configs=("alone" "partial" "json" "table")
extra() {
  case "$1" in
    alone) ;;
    partial) echo "--stats-partial $out/part.json" ;;
    json) echo "--stats-json $out/stats.json" ;;
    table) echo "--stats" ;;
  esac
}

load_start=$(cut -d' ' -f1-3 /proc/loadavg)
times=$out/times.tsv
: >"$times"
for round in $(seq "$reps"); do
  for threads in 1 2; do
    for c in "${configs[@]}"; do
      start=$(date +%s%N)
      # shellcheck disable=SC2046  # extra's words are options, split on purpose
      "$SECUREBASE" batch -i ecr-r "$file" -c 'ECR_{n}' -q -o "$out/scores.csv" --force \
        --threads "$threads" $(extra "$c") >/dev/null 2>"$out/stderr.txt"
      end=$(date +%s%N)
      echo "$threads $c $(((end - start) / 1000))" >>"$times"
    done
  done
  echo "round $round of $reps" >&2
done
load_end=$(cut -d' ' -f1-3 /proc/loadavg)

# median and minimum (seconds) of configuration $2 at $1 threads
stat() {
  awk -v t="$1" -v c="$2" '$1 == t && $2 == c { print $3 / 1e6 }' "$times" | sort -g |
    awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2;
                              printf "%.3f %.3f", m, v[1] }'
}

report=$root/bench/results/stats-cost-$(date +%Y-%m-%d).md
{
  echo "# What statistics add to a batch run, $(date +%Y-%m-%d)"
  echo
  echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')."
  echo "Load average at start $load_start, at end $load_end."
  echo "Data: \`gen_csv --rows $rows --seed 20261128 --instrument ecr-r --prefix ECR_\` ($(du -m "$file" | cut -f1) MB)."
  echo "Each time is the median (minimum in brackets) of $reps interleaved runs of"
  echo "\`securebase batch -i ecr-r FILE -c 'ECR_{n}' -q -o OUT --threads T [...]\`, start-up included."
  echo
  echo "| threads | scoring alone | + \`--stats-partial\` | + \`--stats-json\` | + \`--stats\` (table) |"
  echo "|---|---|---|---|---|"
  for threads in 1 2; do
    read -r base base_min <<<"$(stat "$threads" alone)"
    line="| $threads | $base s ($base_min)"
    for c in partial json table; do
      read -r m mn <<<"$(stat "$threads" "$c")"
      line="$line | $m s ($mn), $(awk -v a="$m" -v b="$base" 'BEGIN { printf "%+.0f%%", (a / b - 1) * 100 }')"
    done
    echo "$line |"
  done
} | tee "$report"
echo "written: $report" >&2
