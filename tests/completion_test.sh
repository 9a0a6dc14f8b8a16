#!/usr/bin/env bash
# The bash completion completes commands, change steps, options and --format
# values. Skips (77) without the bash-completion package or under valgrind.
# Usage: completion_test.sh COMPLETION_FILE
set -u
[ -n "${SGG_CLI_WRAPPER:-}" ] && exit 77
[ -f /usr/share/bash-completion/bash_completion ] || { echo "no bash-completion"; exit 77; }
source /usr/share/bash-completion/bash_completion
source "$1"

failed=0
expect() { # expect "COMMAND LINE" "word that must be offered"
  COMP_LINE=$1
  COMP_POINT=${#COMP_LINE}
  read -ra COMP_WORDS <<<"$COMP_LINE"
  [[ $COMP_LINE == *" " ]] && COMP_WORDS+=("")
  COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
  COMPREPLY=()
  _sgguard
  if [[ " ${COMPREPLY[*]} " != *" $2 "* ]]; then
    echo "FAIL: '$1' offers '${COMPREPLY[*]}', not '$2'"
    failed=1
  else
    echo "ok: '$1' -> $2"
  fi
}
expect "sgguard ch" check
expect "sgguard ch" change
expect "sgguard change " notify-logout
expect "sgguard check --fo" --format
expect "sgguard check --format " junit
expect "sgguard diff a b --format " tap
expect "sgguard change notify-logout r --format " csv
expect "sgguard change remove r --ov" --override
expect "sgguard check --config-format " ucce-aw-rows
expect "sgguard scan-log --w" --window
exit $failed
