#!/bin/sh
# A full interactive run of `securebase take` in tmux: welcome, 36 statements by single key
# presses, the result paged, saved; colour is used on a terminal when NO_COLOR is unset.
. "$(dirname "$0")/take_tmux_lib.sh"

start full TERM=xterm-256color -- take
wait_for full "Press Enter to begin"
keys full Enter
answer full 1 36 36
# Colour on a terminal (the NO_COLOR test checks the opposite).
through_result full y
[ -z "$(ls "$XDG_STATE_HOME/securebase")" ] || fail "the finished session was not deleted" full
n=$(ls "$XDG_DATA_HOME/securebase/results" | wc -l)
[ "$n" -eq 1 ] || fail "expected 1 saved result, found $n" full
file=$(ls "$XDG_DATA_HOME"/securebase/results/*.json)
[ "$(stat -c %a "$file")" = 600 ] || fail "the result is not private (0600)"
[ "$(stat -c %a "$XDG_DATA_HOME/securebase/results")" = 700 ] || fail "results folder not 0700"
[ "$(json 'sum(1 for a in d["answers"] if a["value"] is not None)' "$file")" = 36 ] ||
  fail "the result does not hold 36 answers"
# source: statement k was answered (k-1) % 7 + 1 in canonical order: anx01 1, sb_repair2 (36) 1,
# avo12 (35) 35 - 1 = 34, 34 % 7 + 1 = 7.
[ "$(json '[int(a["value"]) for a in d["answers"] if a["item"] == "avo12"][0]' "$file")" = 7 ] ||
  fail "avo12 was not saved as 7"
echo "full interactive run: 36 answers, result saved privately"
