#!/usr/bin/env bash
# Builds svc(1) with help2man from svc's own --help text: the top-level help, then every
# command's and action's help as a section. Usage: scripts/make-man.sh path/to/svc OUT.1
set -euo pipefail
svc=$(realpath "$1")
out=$2
include=$(mktemp)
trap 'rm -f "$include"' EXIT
roff() { sed -e 's/\\/\\e/g' -e "s/^\\([.']\\)/\\\\\\&\\1/"; }
# The names a help text lists under "Subcommands:", up to the blank line that ends the list
# (the examples below it are not commands).
subcommands() { awk '/^Subcommands:/{on=1; next} on && /^$/{exit} on && /^  [a-z]/{print $1}'; }
{
  echo "[COMMANDS]"
  # Every command svc lists (a new kind's among them), in the order its help lists them.
  for command in $("$svc" --help | subcommands); do
    echo ".SS svc $command"
    echo ".nf"
    "$svc" "$command" --help | roff
    echo ".fi"
    # Each action of a command with actions ("svc ticket new"), in the order help lists them.
    for action in $("$svc" "$command" --help | subcommands); do
      echo ".SS svc $command $action"
      echo ".nf"
      "$svc" "$command" "$action" --help | roff
      echo ".fi"
    done
  done
  cat <<'TEXT'
[EXIT STATUS]
0 done; 1 refused by the rules (the message says why and what is allowed); 2 usage error;
3 data problem (bad file, not found, incomplete list); 4 could not write (lock timeout, disk
full, read-only).
[ENVIRONMENT]
SVC_DATA (the data directory), SVC_NOW (the clock, for tests and backfills), SVC_USER (the
actor), VISUAL and EDITOR (for edit), NO_COLOR.
TEXT
} > "$include"
# help2man renders in the C locale unless told: every Chinese character would be "?".
LC_ALL=C.UTF-8 help2man --locale=C.UTF-8 --no-info --no-discard-stderr --name="the after-sales service desk" \
  --version-string="$("$svc" --version)" --include="$include" --output="$out" "$svc"
