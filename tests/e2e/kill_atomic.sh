#!/usr/bin/env sh
# Usage: kill_atomic.sh SECUREBASE DATA_DIR WORK_DIR [TRIES]
# `batch --force -o OUT` over an existing OUT, killed with SIGKILL at spread-out random moments
# (TRIES times, default 20): each time OUT is either the complete old file or the complete new
# one, never a part and never missing. A kill -9 cannot be cleaned up after, so a kill that lands
# while rows are being written leaves the temporary "OUT.tmp-XXXXXX" beside OUT (six letters or
# digits, from mkstemp); nothing else may appear, and the next run must still succeed.
# batch_kill.sh covers a run with no earlier output and the SIGTERM/SIGINT cleanup.
# Then `take`, answering from a pipe, is killed (TRIES/2 times): its session file and saved
# result must always read back. KILL_ATOMIC_SEED=N repeats the kill moments of a printed seed.
set -u
exe=$1
data=$2
work=$3
tries=${4:-20}
rm -rf "$work"
mkdir -p "$work" || exit 1
fail() {
  echo "FAIL: $*" >&2
  exit 1
}
now_ms() { echo $(($(date +%s%N) / 1000000)); }
run() {  # INPUT OUTPUT
  "$exe" batch -i "$data/batch.json" "$1" -c 'Q{n}' --id pid -q --threads 2 --force -o "$2"
}

# The old output: a small table. The new one: a large table, different in every row.
awk 'BEGIN { print "pid,Q1,Q2,Q3,Q4,Q5,Q6,Q7";
             for (i = 0; i < 1000; i++) printf "old%d,5,5,5,5,5,5,5\n", i }' > "$work/small.csv"
awk 'BEGIN { print "pid,Q1,Q2,Q3,Q4,Q5,Q6,Q7";
             for (i = 0; i < 300000; i++)
               printf "new%d,%d,%d,3,%d,2,1,%d\n", i, i % 5 + 1, i % 3 + 1, i % 4 + 1, i % 7 + 1 }' \
  > "$work/big.csv"
run "$work/small.csv" "$work/old.ref" || fail "the small run failed"
start=$(now_ms)
run "$work/big.csv" "$work/new.ref" || fail "the large run failed"
took=$(($(now_ms) - start))
[ "$(wc -l < "$work/new.ref")" -eq 300001 ] || fail "the large run's output is not whole"
cmp -s "$work/old.ref" "$work/new.ref" && fail "old and new outputs are the same"

# Kill moments: try i lands in the i-th of TRIES equal slices of 0 .. 1.2 x the full run time,
# at a random place within it, so early, middle and late kills all happen.
seed=${KILL_ATOMIC_SEED:-$(($(date +%s%N) % 1000000))}
delays=$(awk -v n="$tries" -v t="$took" -v seed="$seed" 'BEGIN {
  srand(seed); for (i = 0; i < n; i++) printf "%.3f\n", (i + rand()) / n * 1.2 * t / 1000 }')
echo "a whole run takes ${took} ms; random seed ${seed}"

old=0
new=0
midway=0
i=0
out="$work/out.csv"
for delay in $delays; do
  i=$((i + 1))
  cp "$work/old.ref" "$out" || fail "cannot restore the old output"
  # The binary itself in the background (not through run(), whose subshell would take the kill).
  "$exe" batch -i "$data/batch.json" "$work/big.csv" -c 'Q{n}' --id pid -q --threads 2 --force \
    -o "$out" 2> "$work/err.txt" &
  pid=$!
  sleep "$delay"
  kill -s KILL "$pid" 2> /dev/null
  wait "$pid" 2> /dev/null
  if cmp -s "$out" "$work/old.ref"; then
    state=old
    old=$((old + 1))
  elif cmp -s "$out" "$work/new.ref"; then
    state=new
    new=$((new + 1))
  elif [ -e "$out" ]; then
    fail "try $i (kill after ${delay} s): $out is neither the old nor the new file"
  else
    fail "try $i (kill after ${delay} s): $out is missing"
  fi
  # Only the target, the references, the inputs and temporaries named OUT.tmp-XXXXXX.
  left=""
  for f in "$work"/*; do
    name=${f##*/}
    case "$name" in
      small.csv | big.csv | old.ref | new.ref | out.csv | err.txt) ;;
      out.csv.tmp-??????) left="$left $name" ;;
      *) fail "try $i: unexpected file $name" ;;
    esac
  done
  if [ -n "$left" ]; then
    midway=$((midway + 1))
    [ "$state" = old ] || fail "try $i: a temporary was left although the new file is in place"
    # The temporary holds the head of the new output, no more.
    for t in $left; do
      head -c "$(wc -c < "$work/$t")" "$work/new.ref" | cmp -s - "$work/$t" ||
        fail "try $i: $t is not the beginning of the new output"
    done
    # shellcheck disable=SC2086 # $left is a list of plain names
    (cd "$work" && rm -f $left)
  fi
  echo "try $i: killed after ${delay} s: ${state} file${left:+, temporary left:}${left}"
done

# A stale temporary from a killed run does not stop the next run, which finishes the new file.
: > "$work/out.csv.tmp-AbC123"
run "$work/big.csv" "$out" || fail "a run beside a stale temporary failed"
cmp -s "$out" "$work/new.ref" || fail "the run beside a stale temporary did not write the new file"

echo "${tries} kills: ${old} old, ${new} new, never partial; ${midway} left a temporary"
[ "$midway" -gt 0 ] ||
  fail "no kill landed while rows were being written (a whole run took ${took} ms); the test did not test"

# `take` rewrites its session file after every answer (and fsyncs it), then saves the result.
# Answers come all at once through a pipe, so a kill at a random moment often lands in a write.
# After each kill the session file, if any, must read back ('take --resume', then q), and a
# saved result must list in 'history'; only session.json.tmp-XXXXXX (0600) may be left beside
# them.
# Enter to begin, 36 answers, yes to saving the result, no to the HTML report.
awk 'BEGIN { print ""; for (i = 0; i < 36; i++) print i % 7 + 1; print "y"; print "n" }' \
  > "$work/answers.txt"
start=$(now_ms)
XDG_STATE_HOME="$work/take-state" XDG_DATA_HOME="$work/take-data" \
  "$exe" take < "$work/answers.txt" > "$work/take.txt" 2>&1 || fail "take failed: $(cat "$work/take.txt")"
grep -q "^Saved as " "$work/take.txt" || fail "the uninterrupted take did not save its result"
took=$(($(now_ms) - start))
take_tries=$(((tries + 1) / 2))
delays=$(awk -v n="$take_tries" -v t="$took" -v seed="$seed" 'BEGIN {
  srand(seed + 1); for (i = 0; i < n; i++) printf "%.3f\n", (i + rand()) / n * 1.2 * t / 1000 }')
echo "a whole take takes ${took} ms"
i=0
for delay in $delays; do
  i=$((i + 1))
  XDG_STATE_HOME="$work/take-$i/state"
  XDG_DATA_HOME="$work/take-$i/data"
  export XDG_STATE_HOME XDG_DATA_HOME
  "$exe" take < "$work/answers.txt" > /dev/null 2>&1 &
  pid=$!
  sleep "$delay"
  kill -s KILL "$pid" 2> /dev/null
  wait "$pid" 2> /dev/null
  state="no session"
  for f in "$XDG_STATE_HOME"/securebase/*; do
    [ -e "$f" ] || continue
    case "${f##*/}" in
      session.json) state="session" ;;
      session.json.tmp-??????)
        [ "$(stat -c %a "$f")" = 600 ] || fail "take try $i: $f is not 0600"
        state="$state, temporary left"
        ;;
      *) fail "take try $i: unexpected file $f" ;;
    esac
  done
  if [ -e "$XDG_STATE_HOME/securebase/session.json" ]; then
    printf 'q\n' | "$exe" take --resume > "$work/resume.txt" 2>&1 ||
      fail "take try $i (kill after ${delay} s): the session does not read back: $(cat "$work/resume.txt")"
  fi
  "$exe" history > "$work/history.txt" 2>&1 ||
    fail "take try $i (kill after ${delay} s): history failed: $(cat "$work/history.txt")"
  ! grep -q "cannot be read" "$work/history.txt" ||
    fail "take try $i (kill after ${delay} s): a saved result is damaged: $(cat "$work/history.txt")"
  for f in "$XDG_DATA_HOME"/securebase/results/*; do
    [ -e "$f" ] || continue
    case "${f##*/}" in
      *.json) state="$state, result saved" ;;
      *.json.tmp-??????) state="$state, result temporary left" ;;
      *) fail "take try $i: unexpected file $f" ;;
    esac
  done
  echo "take try $i: killed after ${delay} s: ${state}"
done
unset XDG_STATE_HOME XDG_DATA_HOME
echo "take: ${take_tries} kills, every session and result readable"
