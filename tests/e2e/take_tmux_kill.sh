#!/bin/sh
# `securebase take` killed with SIGKILL after statement 10 loses nothing: started again, it
# offers to continue at statement 11, shows the earlier answers (kept with the right arrow and
# Enter, the progress bar unmoved), and the result holds all ten.
. "$(dirname "$0")/take_tmux_lib.sh"

start one -- take
wait_for one "Press Enter to begin"
keys one Enter
answer one 1 10 36
wait_for one "statement 11 of 36"
pid=$(tmux -L "$SOCK" list-panes -t one -F '#{pane_pid}')
kill -KILL "$pid"
session="$XDG_STATE_HOME/securebase/session.json"
[ -f "$session" ] || fail "no session file after SIGKILL"
[ "$(stat -c %a "$session")" = 600 ] || fail "the session file is not private (0600)"
[ "$(json 'len(d["answers"])' "$session")" = 10 ] || fail "the session does not hold 10 answers"
expected="[1, 2, 3, 4, 5, 6, 7, 1, 2, 3]"
[ "$(json '[d["answers"][i] for i in d["order"][:10]]' "$session")" = "$expected" ] ||
  fail "the 10 answers are not the ones typed"

start two -- take
wait_for two "(securebase questionnaire, 10 of 36"
wait_for two "Continue it?"
keys two Enter
wait_for two "statement 11 of 36"
wait_for two "Welcome back: 10 of 36 answered."
bar_at_11=$(screen two | grep -F "statement 11 of 36" | sed 's/.*of 36 *//')
keys two b
wait_for two "statement 10 of 36"
wait_for two "3 Somewhat disagree (your earlier answer;"
keys two Left
wait_for two "statement 9 of 36"
wait_for two "2 Disagree (your earlier answer;"
# Going back does not send the progress bar back: it shows what is answered (10 of 36).
bar_at_9=$(screen two | grep -F "statement 9 of 36" | sed 's/.*of 36 *//')
[ -n "$bar_at_9" ] && [ "$bar_at_9" = "$bar_at_11" ] ||
  fail "the progress bar moved when going back: '$bar_at_11' at 11, '$bar_at_9' at 9" two
# The right arrow and Enter keep the earlier answers (2 and 3), marked as such.
keys two Right
wait_for two "statement 10 of 36"
wait_for two "3 Somewhat disagree (your earlier answer; Enter or"
keys two Enter
wait_for two "statement 11 of 36"
answer two 11 36 36
through_result two y
file=$(ls "$XDG_DATA_HOME"/securebase/results/*.json)
got=$(python3 -c "
import json, sys
d = json.load(open(sys.argv[1]))
print([int(a['value']) for a in d['answers']][:10])" "$file")
[ "$got" = "[1, 2, 3, 4, 5, 6, 7, 1, 2, 3]" ] || fail "the resumed result lost answers: $got"
echo "killed after statement 10, resumed: all 10 answers intact"
