#!/usr/bin/env bash
# Checks the bash completion (packaging/securebase.bash-completion) against the built program.
# usage: completion_bash.sh COMPLETION_FILE SECUREBASE
set -uo pipefail
# shellcheck source=/dev/null
source "$1"
securebase=$2
status=0
check() {  # check EXPECTED WORD...: completing the words gives EXPECTED (space-separated)
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
check score sc
check --version --vers
check "--norms" score --no
check "--instrument" score --instr
check ecr-r score -i ecr-
check "validate" instruments val
check json score --format js
exit $status
