#!/usr/bin/env sh
# Usage: batch_kill.sh SECUREBASE DATA_DIR WORK_DIR
# A run killed part-way leaves no output file: with SIGKILL the target never appears (the rows
# went to a temporary beside it); with SIGTERM, SIGINT or SIGHUP the temporary is removed as well.
# The input is a large generated table fed through a FIFO that stalls half-way, so the kill
# always lands while rows have been written and more are still to come.
set -u
exe=$1
data=$2
work=$3
rm -rf "$work"
mkdir -p "$work"
fail() { echo "FAIL: $*" >&2; exit 1; }

awk 'BEGIN { print "pid,Q1,Q2,Q3,Q4,Q5,Q6,Q7";
             for (i = 0; i < 100000; i++) printf "r%d,1,2,3,4,5,1,2\n", i }' > "$work/big.csv"

run_and_kill() {  # SIGNAL NAME
  out="$work/$2.csv"
  fifo="$work/$2.fifo"
  mkfifo "$fifo"
  # The producer writes half the table, stalls, then the rest; its output goes to the FIFO and
  # its errors nowhere, so nothing waits for it once the reader is gone.
  { head -n 50001 "$work/big.csv"; sleep 2; tail -n +50002 "$work/big.csv"; } > "$fifo" 2> /dev/null &
  "$exe" batch -i "$data/batch.json" - -c 'Q{n}' -q --threads 2 -o "$out" < "$fifo" &
  pid=$!
  sleep 0.5
  ls "$out".tmp-* > /dev/null 2>&1 || fail "$2: no temporary file while running"
  kill -s "$1" "$pid"
  wait "$pid" 2> /dev/null
  [ ! -e "$out" ] || fail "$2: $out exists after the process was killed"
}

run_and_kill KILL sigkill
run_and_kill TERM sigterm
ls "$work"/sigterm.csv.tmp-* > /dev/null 2>&1 && fail "sigterm: the temporary was left behind"
run_and_kill INT sigint
ls "$work"/sigint.csv.tmp-* > /dev/null 2>&1 && fail "sigint: the temporary was left behind"
run_and_kill HUP sighup
ls "$work"/sighup.csv.tmp-* > /dev/null 2>&1 && fail "sighup: the temporary was left behind"

# The same run, not killed, completes the file with every row.
"$exe" batch -i "$data/batch.json" "$work/big.csv" -c 'Q{n}' -q -o "$work/whole.csv" ||
  fail "the run without a kill failed"
[ "$(wc -l < "$work/whole.csv")" -eq 100001 ] || fail "whole.csv does not hold every row"
echo "no output file after SIGKILL, SIGTERM, SIGINT or SIGHUP; complete file otherwise"
