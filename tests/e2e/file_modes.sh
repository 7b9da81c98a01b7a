#!/usr/bin/env sh
# Usage: file_modes.sh SECUREBASE SOURCE_DIR WORK_DIR
# Files that hold a person's answers or results are created 0600 in 0700 folders, whatever the
# umask: the session file, saved results, the HTML report `take` writes, and `score -o` and
# `report -o`. A batch output (-o, --summary) is the user's own research file and gets the
# usual 0666 & ~umask. Each umask starts from fresh, not yet existing XDG folders.
set -u
exe=$1
src=$2
work=$3
rm -rf "$work"
mkdir -p "$work" || exit 1
fail() {
  echo "FAIL: $*" >&2
  exit 1
}
mode_of() { stat -c %a "$1" 2> /dev/null || echo "missing"; }
expect_mode() {  # PATH MODE WHAT
  m=$(mode_of "$1")
  [ "$m" = "$2" ] || fail "umask $mask: $3 ($1) has mode $m, expected $2"
}
no_temporaries() {  # DIR
  left=$(find "$1" -name '*.tmp-*' 2> /dev/null)
  [ -z "$left" ] || fail "umask $mask: temporary files left behind: $left"
}

for mask in 000 022; do
  w="$work/umask-$mask"
  mkdir -p "$w"
  # Not created yet: securebase makes them.
  XDG_STATE_HOME="$w/state"
  XDG_DATA_HOME="$w/data"
  export XDG_STATE_HOME XDG_DATA_HOME
  umask "$mask"
  case $mask in
    000) shared=666 ;;
    022) shared=644 ;;
  esac

  # take, stopped after 5 answers: the session file.
  printf '\n1\n2\n3\n4\n5\nq\n' | "$exe" take --brief > "$w/take1.txt" 2>&1 ||
    fail "umask $mask: the first take failed: $(cat "$w/take1.txt")"
  expect_mode "$XDG_STATE_HOME" 700 "the XDG state folder securebase created"
  expect_mode "$XDG_STATE_HOME/securebase" 700 "the session folder"
  expect_mode "$XDG_STATE_HOME/securebase/session.json" 600 "the session file"

  # take, continued and finished: save the result (y), write the HTML report (y) to a path.
  printf '\n6\n7\n1\n2\n3\n4\n5\ny\ny\n%s\n' "$w/take-report.html" |
    "$exe" take > "$w/take2.txt" 2>&1 || fail "umask $mask: the second take failed: $(cat "$w/take2.txt")"
  [ ! -e "$XDG_STATE_HOME/securebase/session.json" ] || fail "umask $mask: session not deleted"
  expect_mode "$XDG_DATA_HOME" 700 "the XDG data folder securebase created"
  expect_mode "$XDG_DATA_HOME/securebase" 700 "the data folder"
  expect_mode "$XDG_DATA_HOME/securebase/results" 700 "the results folder"
  result=$(ls "$XDG_DATA_HOME/securebase/results"/*.json 2> /dev/null)
  [ "$(printf '%s\n' "$result" | grep -c .)" -eq 1 ] ||
    fail "umask $mask: expected one saved result, found: $result"
  expect_mode "$result" 600 "the saved result"
  expect_mode "$w/take-report.html" 600 "the HTML report from take"

  # score -o and report -o hold a person's result: private.
  "$exe" score -i securebase-core -a "$src/examples/answers/securebase-core-example.txt" \
    -o "$w/score.txt" || fail "umask $mask: score -o failed"
  expect_mode "$w/score.txt" 600 "score -o"
  "$exe" score -i securebase-core -a "$src/examples/answers/securebase-core-example.txt" \
    --format json -o "$w/score.json" || fail "umask $mask: score --format json -o failed"
  expect_mode "$w/score.json" 600 "score --format json -o"
  "$exe" report "$result" -o "$w/report.html" || fail "umask $mask: report -o failed"
  expect_mode "$w/report.html" 600 "report -o"

  # batch -o and --summary: the user's own output files, 0666 & ~umask.
  "$exe" batch -i "$src/tests/data/batch/batch.json" "$src/tests/data/batch/basic.csv" \
    -c 'Q{n}' -q -o "$w/batch.csv" --summary "$w/summary.json" || fail "umask $mask: batch failed"
  expect_mode "$w/batch.csv" "$shared" "batch -o"
  expect_mode "$w/summary.json" "$shared" "batch --summary"

  no_temporaries "$w"

  # history --delete removes the saved result.
  id=$(basename "$result" .json)
  "$exe" history --delete "$id" --yes > "$w/delete.txt" 2>&1 ||
    fail "umask $mask: history --delete failed: $(cat "$w/delete.txt")"
  [ ! -e "$result" ] || fail "umask $mask: history --delete left $result"
done

# Base folders that already exist keep their mode; only the folders securebase creates are 0700.
umask 022
mask=022
k="$work/existing"
mkdir -p "$k/state" "$k/data" && chmod 755 "$k/state" "$k/data"
XDG_STATE_HOME="$k/state" XDG_DATA_HOME="$k/data" "$exe" score -i securebase-core \
  -a "$src/examples/answers/securebase-core-example.txt" -o "$k/score.txt" ||
  fail "score with existing base folders failed"
printf '\n1\nq\n' | XDG_STATE_HOME="$k/state" XDG_DATA_HOME="$k/data" "$exe" take --brief \
  > "$k/take.txt" 2>&1 || fail "take with existing base folders failed: $(cat "$k/take.txt")"
expect_mode "$k/state" 755 "an existing XDG state folder"
expect_mode "$k/state/securebase" 700 "the session folder under an existing base"
echo "answers and results 0600 in 0700 folders under umask 000 and 022; batch output 0666 & ~umask"
