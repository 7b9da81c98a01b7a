#!/usr/bin/env bash
# Batch scoring speed and memory: `securebase batch` against R on the same ECR-R files, in one
# run on one machine. Writes the table to stdout and to bench/results/batch-<date>.md.
#
#   bench/compare_r.sh [--rows "100000 1000000 10000000"] [--reps N] [--no-r] [--no-psych]
#
# 1. Builds bench/gen_csv (build/bench, Release) and the securebase binary (build/bench-cli,
#    Release) unless SECUREBASE=/path/to/securebase is given.
# 2. Generates each file with gen_csv (seed 20261128, 36 items, about 1% blanks) into
#    BENCH_DATA (default build/bench-data; 10^7 rows take about 790 MB), every run afresh.
# 3. Times `securebase batch --instrument ecr-r --columns 'ECR_{n}' --id id FILE -o OUT`
#    with --threads 1 and 2 at every size (median of --reps runs, default 3), peak RSS from
#    /usr/bin/time -v.
# 4. At 10^6 rows, times R on the same file (bench/compare_r.R): data.table::fread +
#    rowMeans + fwrite (the fast way; median of --reps runs) and fread + psych::scoreItems +
#    fwrite (the usual way; one run). R's times are measured inside R (start-up excluded);
#    securebase's are the whole process, start-up included.
# 5. Checks that securebase and the fast R way give the same scores on the 10^6-row file.
# 6. Unless --no-r, the shapes of real exports at 10^6 rows, each against R in the same run
#    (bench/compare_export.sh --shape export, then --shape qualtrics; each writes its table to
#    bench/results/<shape>-<date>.md and stdout): every shape in one command.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
rows_list="100000 1000000 10000000"
reps=3
run_r=1
run_psych=1
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) rows_list=$2; shift 2 ;;
    --reps) reps=$2; shift 2 ;;
    --no-r) run_r=0; shift ;;
    --no-psych) run_psych=0; shift ;;
    *) echo "usage: $0 [--rows \"N ...\"] [--reps N] [--no-r] [--no-psych]" >&2; exit 1 ;;
  esac
done
. "$root/bench/build_tools.sh"
seed=20261128
r_rows=1000000

echo "== building (Release)" >&2
build_bench_tools tolerant
gen=$bench_build/gen_csv

have_batch=0
thread_counts="default"
if [ -x "$SECUREBASE" ] && "$SECUREBASE" batch --help >"$data/batch-help.txt" 2>&1; then
  have_batch=1
  if grep -q -- '--threads' "$data/batch-help.txt"; then thread_counts="1 2"; fi
else
  echo "note: '$SECUREBASE batch' is not available: $(head -1 "$data/batch-help.txt")" >&2
fi

# measure LABEL ROWS -- COMMAND...: runs COMMAND under /usr/bin/time -v and appends
# "label rows seconds rss_kib" to $results_tsv.
results_tsv=$data/results.tsv
: >"$results_tsv"
measure() {
  local label=$1 rows=$2
  shift 3
  local log=$data/time.log
  /usr/bin/time -v -o "$log" "$@" >"$data/stdout.txt" 2>"$data/stderr.txt" || {
    echo "FAILED: $*" >&2
    cat "$data/stderr.txt" >&2
    return 1
  }
  local wall rss cpu
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {
      n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$log")
  rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$log")
  cpu=$(awk -F': ' '/User time \(seconds\)|System time \(seconds\)/ { s += $2 } END { print s }' "$log")
  echo "$label $rows $wall $rss $cpu" >>"$results_tsv"
}

# median of the numbers on stdin
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR) print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

load_start=$(cut -d' ' -f1-3 /proc/loadavg)
gen_line=""
for rows in $rows_list; do
  file=$data/ecr-r-$rows.csv
  echo "== generating $rows rows" >&2
  "$gen" --rows "$rows" --seed "$seed" -o "$file" 2>"$data/gen.txt"
  if [ "$rows" = "$r_rows" ]; then gen_line=$(cat "$data/gen.txt"); fi
  cat "$file" >/dev/null  # into the page cache, for every contender alike
  if [ "$have_batch" = 1 ]; then
    for t in $thread_counts; do
      thread_args=()
      [ "$t" != default ] && thread_args=(--threads "$t")
      for ((i = 0; i < reps; i++)); do
        out=$data/out-securebase.csv
        rm -f "$out"
        echo "== securebase batch, $rows rows, threads $t, run $((i + 1))" >&2
        measure "securebase:threads=$t" "$rows" -- "$SECUREBASE" batch --instrument ecr-r \
          --columns 'ECR_{n}' --id id "${thread_args[@]}" --quiet "$file" -o "$out"
      done
    done
  fi
  if [ "$run_r" = 1 ] && [ "$rows" = "$r_rows" ]; then
    for ((i = 0; i < reps; i++)); do
      echo "== R fread + rowMeans + fwrite, run $((i + 1))" >&2
      measure "R-fast" "$rows" -- Rscript "$root/bench/compare_r.R" fast "$file" \
        "$data/out-r-fast.csv" "$root/instruments/ecr-r.json" 2
      echo "R-fast-inside $rows $(sed -n 's/.*total=\([0-9.]*\).*/\1/p' "$data/stdout.txt") - -" \
        >>"$results_tsv"
    done
    if [ "$run_psych" = 1 ]; then
      echo "== R fread + psych::scoreItems + fwrite" >&2
      measure "R-psych" "$rows" -- Rscript "$root/bench/compare_r.R" psych "$file" \
        "$data/out-r-psych.csv" "$root/instruments/ecr-r.json" 2
      echo "R-psych-inside $rows $(sed -n 's/.*total=\([0-9.]*\).*/\1/p' "$data/stdout.txt") - -" \
        >>"$results_tsv"
    fi
    if [ "$have_batch" = 1 ]; then
      # keep the 10^6 output of securebase for the agreement check below
      "$SECUREBASE" batch --instrument ecr-r --columns 'ECR_{n}' --id id --quiet "$file" \
        -o "$data/out-securebase-$rows.csv.tmp" && mv "$data/out-securebase-$rows.csv.tmp" \
        "$data/out-securebase-$rows.csv"
    fi
  fi
done

# Agreement: same scores (to 1e-9; fwrite prints 15 significant digits) and statuses.
agreement="not checked"
if [ "$have_batch" = 1 ] && [ "$run_r" = 1 ] && [ -s "$data/out-securebase-$r_rows.csv" ]; then
  agreement=$(python3 - "$data/out-securebase-$r_rows.csv" "$data/out-r-fast.csv" <<'EOF'
import csv, sys
ours, theirs = (csv.reader(open(p, newline="")) for p in sys.argv[1:3])
h1, h2 = next(ours), next(theirs)
rows = worst = 0
bad = []
for a, b in zip(ours, theirs):
    rows += 1
    a, b = dict(zip(h1, a)), dict(zip(h2, b))
    for s in ("anxiety", "avoidance"):
        x, y = a[s], b[s]
        if (x in ("", "NA")) != (y in ("", "NA")):
            bad.append(a["id"])
        elif x not in ("", "NA"):
            worst = max(worst, abs(float(x) - float(y)))
    if (a["status"] == "ok") != (b["status"] == "ok"):
        bad.append(a["id"])
print("%d rows, %d disagreements, max |score diff| %.2g" % (rows, len(bad), worst))
EOF
)
fi

# The table.
date=$(date -u +%F)
report=$root/bench/results/batch-$date.md
machine="$(nproc)-core $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(free -g | awk '/Mem:/ {print $2}') GiB"
compiler=$(c++ --version | head -1)
load_end=$(cut -d' ' -f1-3 /proc/loadavg)
r_version=$(Rscript -e 'cat(R.version.string, "; data.table", format(packageVersion("data.table")), "; psych", format(packageVersion("psych")))' 2>/dev/null || echo "R not found")
version=$("$SECUREBASE" --version 2>/dev/null || echo unknown)

summarise() {  # label rows -> "median_seconds max_rss_kib median_cpu_seconds"
  local secs rss cpu
  secs=$(awk -v l="$1" -v r="$2" '$1 == l && $2 == r { print $3 }' "$results_tsv" | median)
  rss=$(awk -v l="$1" -v r="$2" '$1 == l && $2 == r && $4 != "-" { if ($4 > m) m = $4 } END { print m + 0 }' "$results_tsv")
  cpu=$(awk -v l="$1" -v r="$2" '$1 == l && $2 == r && $5 != "-" { print $5 }' "$results_tsv" | median)
  echo "$secs $rss ${cpu:--}"
}
r_fast_secs=$(summarise R-fast-inside "$r_rows" | cut -d' ' -f1)
r_psych_secs=$(summarise R-psych-inside "$r_rows" | cut -d' ' -f1)

{
  echo "# Batch scoring: securebase vs R ($date)"
  echo
  echo "Machine: $machine. Compiler: $compiler (Release). $r_version (setDTthreads(2))."
  echo "Load average (1, 5, 15 min) at start: $load_start; at end: $load_end."
  echo "securebase: $version. Data: bench/gen_csv, ECR-R, 36 items 1-7 with a latent-trait"
  echo "structure, about 1% blanks, seed $seed. ${gen_line:+Generator: ${gen_line#gen_csv: }.}"
  echo
  echo "Command: \`securebase batch --instrument ecr-r --columns 'ECR_{n}' --id id FILE -o OUT.csv\`"
  echo "(+ \`--threads N\`). Seconds: median of $reps runs, whole process. R: seconds inside R"
  echo "(fread + scoring + fwrite; start-up excluded), peak RSS of the R process."
  echo "The fast R way computes the same columns (scores, answered counts, the 15-of-18 rule,"
  echo "status); psych::scoreItems computes scores and its reliability statistics. \"x fast R\""
  echo "and \"x psych\": how many times faster than that R way (R's seconds / these seconds)."
  echo "\"CPU s\": user + system seconds of the whole process (median), less sensitive than wall"
  echo "time to other load on the machine (R's includes its start-up)."
  echo
  echo "| run | rows | seconds | million rows/s | peak RSS (MiB) | x fast R | x psych | CPU s |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|"
  for rows in $rows_list; do
    for label in $(awk -v r="$rows" '$2 == r { print $1 }' "$results_tsv" | awk '!seen[$0]++'); do
      case "$label" in R-fast-inside|R-psych-inside) continue ;; esac
      read -r secs rss cpu <<<"$(summarise "$label" "$rows")"
      shown=$secs
      case "$label" in
        R-fast) shown=$r_fast_secs ;;
        R-psych) shown=$r_psych_secs ;;
      esac
      awk -v l="$label" -v r="$rows" -v s="$shown" -v m="$rss" -v f="$r_fast_secs" \
        -v p="$r_psych_secs" -v rr="$r_rows" -v c="$cpu" 'BEGIN {
          fx = (r == rr && f + 0 > 0 && s > 0) ? sprintf("%.2f", f / s) : "";
          px = (r == rr && p + 0 > 0 && s > 0) ? sprintf("%.2f", p / s) : "";
          printf "| %s | %d | %.2f | %.2f | %.0f | %s | %s | %s |\n", l, r, s, r / s / 1e6, m / 1024, fx, px, c }'
    done
  done
  echo
  echo "Agreement of securebase and the fast R way at $r_rows rows: $agreement."
  if [ "$have_batch" = 0 ]; then
    echo
    echo "securebase batch was not available in this build; only R was measured."
  fi
} | tee "$report"
echo "written: $report" >&2

if [ "$run_r" = 1 ]; then
  for shape in export qualtrics; do
    SECUREBASE=$SECUREBASE "$root/bench/compare_export.sh" --rows "$r_rows" --reps "$reps" \
      --shape "$shape"
  done
fi
