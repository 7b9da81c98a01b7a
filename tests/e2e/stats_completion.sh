#!/usr/bin/env bash
# Usage: stats_completion.sh COMPLETION_FILE SECUREBASE
# The bash completion knows the stats command, its merge form and the statistics options.
set -uo pipefail
# shellcheck source=/dev/null
source "$1"
securebase=$2
status=0
check() {  # check EXPECTED WORD...: completing the words gives EXPECTED among the candidates
  local expected=$1
  shift
  COMP_WORDS=("$securebase" "$@")
  COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
  COMPREPLY=()
  _securebase
  if [[ " ${COMPREPLY[*]} " != *" $expected "* ]]; then
    echo "completion: '$*' gave '${COMPREPLY[*]}', expected it to include '$expected'" >&2
    status=1
  fi
}
check stats sta
check merge stats me
check listwise stats --missing li
check --stats-partial batch --stats-p
check --stats-json batch --stats-j
check --partial-out stats merge --partial
check --missing-codes stats --missing-c
check --published-r-source stats --published-r-s
check --published-r stats merge --published
exit $status
