#!/usr/bin/env bash
# The layers hold (docs/ARCHITECTURE.md): the machinery, the helpers, the calendar and the
# kinds' and reports' domain files do no I/O and know nothing of the store or the command line;
# the store knows nothing of the command line. Prints each include that breaks a layer.
set -uo pipefail
cd "$(dirname "$0")/../.."
bad=0
pure=$(find src/machinery src/helpers src/calendar src/kinds src/reports include/svc/domain \
         include/svc/calendar -name '*.[ch]pp' -not -path '*/cli/*' | sort)
store=$(find src/store include/svc/store -name '*.[ch]pp' | sort)
check() {  # check FILES PATTERN WHY
  local hits
  hits=$(grep -nE "^#include [<\"]($2)" $1 /dev/null)
  if [ -n "$hits" ]; then
    echo "$hits" | sed "s|\$|   <- $3|"
    bad=1
  fi
}
check "$pure" 'svc/(store|cli)/|fstream|iostream|cstdio|filesystem|unistd\.h|fcntl\.h|sys/' \
  "the domain does no I/O"
check "$store" 'svc/cli/' "the store knows no command line"
[ "$bad" -eq 0 ] && echo "layers hold: $(echo "$pure" | wc -l) pure files, $(echo "$store" | wc -l) store files"
exit "$bad"
