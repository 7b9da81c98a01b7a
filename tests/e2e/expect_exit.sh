#!/usr/bin/env sh
# Usage: expect_exit.sh CODE STDIN_TEXT COMMAND [ARGS...]
# Runs COMMAND with STDIN_TEXT on standard input and passes when it exits with CODE.
expected=$1
input=$2
shift 2
printf '%s' "$input" | "$@"
actual=$?
if [ "$actual" -ne "$expected" ]; then
  echo "expected exit code $expected, got $actual: $*" >&2
  exit 1
fi
echo "exit code $actual as expected"
