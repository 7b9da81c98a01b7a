#!/bin/sh
# Skipping statements, then being offered to go back to the ones a score needs.
. "$(dirname "$0")/take_tmux_lib.sh"

start skips -- take --brief
wait_for skips "Press Enter to begin"
keys skips Enter
# Brief form: statements 1 (anx02) and 4 (anx03) skipped, the others answered 4.
k=1
while [ "$k" -le 12 ]; do
  wait_for skips "statement $k of 12"
  if [ "$k" -eq 1 ] || [ "$k" -eq 4 ]; then keys skips s; else keys skips 4; fi
  k=$((k + 1))
done
wait_for skips "Attachment anxiety: 2 of 4 answered; a score needs 3."
wait_for skips "Go back to the 2 skipped statements"
keys skips Enter
wait_for skips "statement 1 of 12"
wait_for skips "You skipped this one before."
keys skips 6
wait_for skips "statement 4 of 12"
keys skips 5
through_result skips y
file=$(ls "$XDG_DATA_HOME"/securebase/results/*.json)
got=$(json '[int(a["value"]) for a in d["answers"] if a["item"] in ("anx02", "anx03")]' "$file")
[ "$got" = "[6, 5]" ] || fail "the revisited answers are $got, not [6, 5]"
echo "skipped statements revisited before scoring"
