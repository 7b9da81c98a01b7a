#!/bin/sh
# Shared helpers of the interactive `securebase take` tests: each test sources this file with
# the binary as $1. It runs the binary in a detached tmux session of a fixed size on its own
# socket, with its own temporary XDG folders, and types keys into it.
set -eu

if ! command -v tmux >/dev/null 2>&1; then
  echo "SKIPPED: tmux is not installed, so the interactive take tests cannot run" \
    "(scripts/install-deps.sh installs it)"
  exit 77
fi

# tmux's server daemonises through glibc's daemon(), which refuses to run when /dev/null is not
# the null device ("server exited unexpectedly"); say so instead of failing obscurely.
if [ ! -c /dev/null ]; then
  echo "FAILED: /dev/null is not a character device on this machine (something replaced it" \
    "with a plain file), so tmux cannot start its server" >&2
  exit 1
fi

BIN=$1
WORK=$(mktemp -d "${TMPDIR:-/tmp}/securebase-take-e2e-XXXXXX")
SOCK="securebase-e2e-$$"
export XDG_STATE_HOME="$WORK/state"
export XDG_DATA_HOME="$WORK/data"

cleanup() {
  tmux -L "$SOCK" kill-server >/dev/null 2>&1 || true
  # tmux may leave the socket file of a server that is gone.
  rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$SOCK"
  rm -rf "$WORK"
}
trap cleanup EXIT

# start NAME ENV... -- ARGS...: runs "securebase ARGS" in a COLSxROWS (default 80x30) session called NAME; the
# pane's process is securebase itself (exec), so its pid is the pane pid.
start() {
  name=$1
  shift
  envs=""
  while [ "$1" != "--" ]; do
    envs="$envs $1"
    shift
  done
  shift
  # remain-on-exit from the start, so that a program that exits at once leaves its screen.
  echo "set-option -g remain-on-exit on" >"$WORK/tmux.conf"
  tmux -L "$SOCK" -f "$WORK/tmux.conf" new-session -d -s "$name" -x "${COLS:-80}" -y "${ROWS:-30}" \
    "exec env -u NO_COLOR -u LC_ALL -u LC_MESSAGES -u LANG XDG_STATE_HOME='$XDG_STATE_HOME' XDG_DATA_HOME='$XDG_DATA_HOME' $envs '$BIN' $*"
}

screen() { tmux -L "$SOCK" capture-pane -p -t "$1"; }

keys() {
  name=$1
  shift
  tmux -L "$SOCK" send-keys -t "$name" "$@"
}

fail() {
  echo "FAILED: $1" >&2
  if [ -n "${2:-}" ]; then
    echo "--- screen of $2 ---" >&2
    screen "$2" >&2 || true
  fi
  exit 1
}

# wait_for NAME TEXT: waits (up to about 10 s on a loaded machine; normally milliseconds) until
# the screen shows TEXT (a fixed string).
wait_for() {
  i=0
  while ! screen "$1" | grep -qF -- "$2"; do
    i=$((i + 1))
    [ "$i" -gt 500 ] && fail "waited for '$2'" "$1"
    sleep 0.02
  done
}

# answer NAME FIRST LAST TOTAL: answers statements FIRST..LAST, statement k with (k-1) % 7 + 1,
# typed ahead in one go (as a fast typist would: no key may be lost), then waits for the next
# statement (or, after the last, returns at once).
answer() {
  name=$1
  k=$2
  until=$3
  total=$4
  wait_for "$name" "statement $k of $total"
  set --
  while [ "$k" -le "$until" ]; do
    set -- "$@" "$(((k - 1) % 7 + 1))"
    k=$((k + 1))
  done
  last=$k
  keys "$name" "$@"
  if [ "$last" -le "$total" ]; then wait_for "$name" "statement $last of $total"; fi
}

# through_result NAME SAVE: pages through the result and answers "save?" with SAVE (y or n) and
# "HTML report?" with n, then waits for the goodbye.
through_result() {
  i=0
  while ! screen "$1" | grep -qF "Save this result"; do
    if screen "$1" | grep -qF -- "-- more"; then
      keys "$1" Space
      sleep 0.1
    fi
    i=$((i + 1))
    [ "$i" -gt 500 ] && fail "waited for the result" "$1"
    sleep 0.02
  done
  keys "$1" "$2"
  wait_for "$1" "Write an HTML report?"
  keys "$1" n
  wait_for "$1" "Thank you for taking the time"
}

# json EXPR FILE: evaluates a Python expression on the JSON document d in FILE.
json() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($1)" "$2"; }
