#!/usr/bin/env bash
# Every view svc prints of a data directory, one file per command and format, so two builds can
# be compared byte for byte (a refactor must not change a byte): lists with their filters, shows
# and logs of a sample of records, every report, the help of every command, the completions.
# Usage: scripts/capture-views.sh path/to/svc DATA OUT [EVERY]
#   EVERY: show and log every EVERY-th record of each kind (default 1: all of them).
# Then: diff -r OUT_BEFORE OUT_AFTER. The clock is frozen at SVC_NOW (default 3 December 2026).
set -uo pipefail
svc=$(realpath "$1")
data=$(realpath "$2")
out=$3
every=${4:-1}
export SVC_NOW="${SVC_NOW:-2026-12-03T08:00:00+08:00}" SVC_USER=capture NO_COLOR=1
mkdir -p "$out"
n=0
run() {  # run NAME ARGS...: stdout, stderr and the exit status of one command
  local name=$1
  shift
  "$svc" --data "$data" "$@" > "$out/$name.out" 2> "$out/$name.err"
  echo "$?" > "$out/$name.rc"
  n=$((n + 1))
}
formats=(table yaml json csv md html)
for kind in ticket complaint return survey; do
  for f in "${formats[@]}"; do
    run "$kind-list.$f" "$kind" list --format "$f"
    run "$kind-list-open.$f" "$kind" list --open --format "$f"
    run "$kind-list-overdue.$f" "$kind" list --overdue --format "$f"
  done
  for m in 2026-10 2026-11 2026-12; do
    run "$kind-list-month-$m" "$kind" list --month "$m" --format csv
  done
  run "$kind-list-status" "$kind" list --status closed,new --format csv
  run "$kind-list-customer" "$kind" list --customer 公司 --format csv
  run "$kind-help" "$kind" --help
  for action in $("$svc" "$kind" --help | awk '/^Subcommands:/{on=1; next} on && /^  [a-z]/{print $1}'); do
    run "$kind-help-$action" "$kind" "$action" --help
  done
  i=0
  while read -r id; do
    if [ $((i % every)) -eq 0 ]; then
      run "$kind-show-$id" "$kind" show "$id"
      run "$kind-show-$id.json" "$kind" show "$id" --format json
      run "$kind-log-$id" "$kind" log "$id"
    fi
    i=$((i + 1))
  done < <("$svc" --data "$data" "$kind" list --format csv 2> /dev/null | tail -n +2 | cut -d, -f1)
done
run ticket-list-tech ticket list --tech 李四 --format csv
run complaint-list-major complaint list --major --format csv
run complaint-remind complaint remind
run complaint-penalties complaint penalties --month 2026-11
run return-policy return policy
run survey-stats survey stats
run survey-stats-json survey stats --format json
for f in "${formats[@]}"; do
  run "report-monthly.$f" report monthly --month 2026-11 --format "$f"
  run "report-monthly-10.$f" report monthly --month 2026-10 --format "$f"
  run "report-quarterly.$f" report quarterly --quarter 2026Q4 --format "$f"
  run "report-period.$f" report period --from 2026-10-15 --to 2026-11-30 --format "$f"
  run "report-technician.$f" report technician --month 2026-11 --format "$f"
  run "report-recurring.$f" report recurring --format "$f"
  run "report-overdue.$f" report overdue --format "$f"
  run "report-late.$f" report late --month 2026-11 --format "$f"
done
run check check
run calendar calendar show
run help --help
for shell in bash zsh fish; do run "completion-$shell" completion "$shell"; done
echo "captured $n commands into $out"
