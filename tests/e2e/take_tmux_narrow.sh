#!/bin/sh
# A 30-column, 10-row terminal (issue 23, items 10 and 13): every sentence wraps at word
# boundaries (no "continu / e", no lone "?"), and the statement stays on screen with its
# progress line, also after going back to an earlier answer.
. "$(dirname "$0")/take_tmux_lib.sh"

# joined NAME: the screen's rows joined by single spaces (a word cut by the terminal shows up
# as two words).
joined() { screen "$1" | sed 's/ *$//' | tr '\n' ' ' | tr -s ' '; }

COLS=30 ROWS=10 start narrow -- take --brief
i=0
while ! screen narrow | grep -qF "statement 1 of 12"; do
  # page through the welcome: Space for more, then Enter to begin
  if screen narrow | grep -qF -- "-- more"; then keys narrow Space; fi
  if screen narrow | grep -qF "Press Enter to begin"; then keys narrow Enter; fi
  i=$((i + 1))
  [ "$i" -gt 300 ] && fail "never reached statement 1" narrow
  sleep 0.05
done
screen narrow | python3 -c "import sys; sys.exit(any(len(l.rstrip(chr(10))) > 30 for l in sys.stdin.buffer.read().decode().splitlines()))" ||
  fail "a row is wider than 30" narrow
joined narrow | grep -qF "I ask the people I'm close to, again and again, if we're okay." ||
  fail "the statement is not whole on a 10-row screen" narrow
keys narrow 3
wait_for narrow "statement 2 of 12"
keys narrow b
wait_for narrow "statement 1 of 12"
wait_for narrow "(Enter keeps it)"
joined narrow | grep -qF "I ask the people I'm close to, again and again, if we're okay." ||
  fail "going back, the statement scrolled off" narrow
# Help: words whole, "?" never alone.
keys narrow "?"
wait_for narrow "Help"
screen narrow | grep -qE '(^| )\?$' && fail "a lone '?' ends a row" narrow
text=$(joined narrow)
i=0
while screen narrow | grep -qF -- "-- more"; do
  keys narrow Space
  sleep 0.2
  text="$text $(joined narrow)"
  i=$((i + 1))
  [ "$i" -gt 20 ] && break
done
echo "$text" | grep -qF "to continue where you left off" ||
  fail "the help's words were cut: $text"
keys narrow x
wait_for narrow "statement 1 of 12"
keys narrow q
wait_for narrow "Your 1 answer is"
joined narrow | grep -qF "Stopped at statement 1 of 12. Your 1 answer is saved on this computer. Run 'securebase take' to continue where you left off." ||
  fail "the stop message was cut or is wrong: $(joined narrow)" narrow
# An error to a person in a narrow terminal wraps at words too (issue 23, item 9: a state folder
# that cannot be made broke "els / ewhere"). The state folder's place is taken by a file.
touch "$WORK/statefile"
COLS=30 ROWS=12 start bad "XDG_STATE_HOME=$WORK/statefile" -- take
wait_for bad "securebase.session.803"
joined bad | grep -qF "point XDG_STATE_HOME / XDG_DATA_HOME elsewhere" ||
  fail "the 803 message was cut mid-word: $(joined bad)" bad
echo "30x10: words whole, statement always on screen"
