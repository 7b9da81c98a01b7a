#!/bin/sh
# NO_COLOR is honoured: the screens carry no colour or attribute codes (capture-pane -e shows
# every attribute as an ESC[ sequence), while the same screen without NO_COLOR has them.
. "$(dirname "$0")/take_tmux_lib.sh"
esc=$(printf '\033')

start plain NO_COLOR=1 -- take --brief
wait_for plain "Press Enter to begin"
keys plain Enter
answer plain 1 2 12
wait_for plain "statement 3 of 12"
if tmux -L "$SOCK" capture-pane -e -p -t plain | grep -q "$esc\["; then
  fail "colour codes with NO_COLOR set" plain
fi
keys plain q
wait_for plain "Your 2 answers are saved"

start colour -- take --resume
wait_for colour "statement 3 of 12"
tmux -L "$SOCK" capture-pane -e -p -t colour | grep -q "$esc\[" ||
  fail "no colour without NO_COLOR (the check above would prove nothing)" colour
echo "NO_COLOR honoured"
