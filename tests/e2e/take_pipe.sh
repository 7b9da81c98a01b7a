#!/bin/sh
# `securebase take` through a pipe: answers read line by line, plain output, exit codes.
set -eu
BIN=$1
unset LC_ALL LC_MESSAGES LANG  # English unless a test asks for another language
WORK=$(mktemp -d "${TMPDIR:-/tmp}/securebase-take-pipe-XXXXXX")
trap 'rm -rf "$WORK"' EXIT
export XDG_STATE_HOME="$WORK/state"
export XDG_DATA_HOME="$WORK/data"
fail() {
  echo "FAILED: $1" >&2
  exit 1
}
esc=$(printf '\033')

# Stop after 5 answers, then continue: the first line answers "Continue it?" (Enter: yes).
printf '\n1\n2\n3\n4\n5\nq\n' | "$BIN" take --brief >"$WORK/first.txt" || fail "first run failed"
grep -qF "Your 5 answers are saved" "$WORK/first.txt" || fail "no 'answers are saved' message"
printf '\n6\n7\n1\n2\n3\n4\n5\ny\nn\n' | "$BIN" take >"$WORK/out.txt" 2>"$WORK/err.txt" ||
  fail "second run failed: $(cat "$WORK/err.txt")"
grep -qF "statement 12 of 12" "$WORK/out.txt" || fail "statement 12 never shown"
grep -qF "[y/N] yes" "$WORK/out.txt" || fail "the save question was not answered yes"
! grep -q "$esc" "$WORK/out.txt" || fail "escape codes in output to a pipe"
[ ! -e "$XDG_STATE_HOME/securebase/session.json" ] || fail "finished session not deleted"
n=$(ls "$XDG_DATA_HOME/securebase/results" | wc -l)
[ "$n" -eq 1 ] || fail "expected 1 saved result, found $n"

# No text for the instrument: error 802 and exit code 2 before any statement.
set +e
printf '\n' | "$BIN" take --instrument ecr-r >"$WORK/o2.txt" 2>"$WORK/e2.txt"
code=$?
set -e
[ "$code" -eq 2 ] || fail "expected exit code 2 for an instrument without text, got $code"
grep -qF "securebase.session.802" "$WORK/e2.txt" || fail "no 802 error"
! grep -qF "statement 1 of" "$WORK/o2.txt" || fail "a statement was shown before the 802 error"

# `echo 3 | securebase take` (item 8 of issue 23): the 3 answers statement 1, the end of input
# is said plainly, and the one answer is kept; an empty input keeps no session.
rm -rf "$XDG_STATE_HOME"
echo 3 | "$BIN" take --brief >"$WORK/o3.txt" || fail "echo 3 | take failed"
tr '\n' ' ' <"$WORK/o3.txt" | grep -qF "The input ended at statement 2 of 12, before the questionnaire was finished. Your 1 answer is saved" ||
  fail "the end of input was not said plainly: $(tail -4 "$WORK/o3.txt")"
[ "$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['answers'])" "$XDG_STATE_HOME/securebase/session.json")" = "{'anx02': 3}" ] ||
  fail "the piped 3 was not kept as the first answer"
rm -rf "$XDG_STATE_HOME"
: | "$BIN" take --brief >"$WORK/o4.txt" || fail "take with empty input failed"
grep -qF "Nothing was saved." "$WORK/o4.txt" || fail "empty input: no 'Nothing was saved.'"
[ ! -e "$XDG_STATE_HOME/securebase/session.json" ] || fail "an empty session was kept"

"$BIN" history >"$WORK/history.txt" || fail "history failed"
grep -qF "securebase-brief" "$WORK/history.txt" || fail "history does not list the result"
echo "take through a pipe: stop, resume, finish, save; 802 before the first statement"
