#!/bin/sh
# The monthly report (服务月报) of the previous month, kept and mailed: writes
# REPORTS/YYYY-MM/monthly.md and monthly.html (one self-contained page a manager opens in any
# browser), then mails the markdown. Run from cron on the 3rd (see ../cron/crontab).
# Settings: DATA (the data directory), REPORTS (where reports are kept), TO (recipients);
# MAIL=no writes the files only.
# Silent when all is well, so cron mails nothing but the report itself. When svc fails, nothing
# is mailed or kept: svc's own error goes to stderr (cron mails it to the crontab's owner) and
# the script exits with svc's code. A report with unreadable record files (exit 3) is still
# kept and mailed, marked incomplete, and the script says so and exits 3.
set -eu
DATA=${DATA:-/srv/service}
REPORTS=${REPORTS:-$DATA/../reports}
TO=${TO:-service-office@example.com}
cd "$DATA"
git pull -q --ff-only 2>/dev/null || true # everyone's latest records
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
svc report monthly --format md >"$work/monthly.md" || status=$?
# 3 with a report is an incomplete report; 3 without one (svc.yaml unreadable) is a failure.
if [ "$status" -ne 0 ] && { [ "$status" -ne 3 ] || [ ! -s "$work/monthly.md" ]; }; then
  exit "$status"
fi
# The month the report is of: its heading's last word (服务月报 2026-11).
month=$(sed -n '1s/.* \([0-9][0-9][0-9][0-9]-[0-9][0-9]\)$/\1/p' "$work/monthly.md")
[ -n "$month" ] || { echo "monthly-report: no month in the report's heading" >&2; exit 1; }
svc report monthly --month "$month" --format html >"$work/monthly.html" || [ $? -eq 3 ]
if [ "$status" -eq 3 ]; then
  printf '\n**incomplete: some record files could not be read (svc check)**\n' >>"$work/monthly.md"
fi
dir="$REPORTS/$month"
mkdir -p "$dir"
mv "$work/monthly.md" "$work/monthly.html" "$dir/"
if [ "${MAIL:-yes}" != no ]; then
  mail -s "服务月报 $month" "$TO" <"$dir/monthly.md"
fi
if [ "$status" -eq 3 ]; then
  echo "monthly-report: $dir is incomplete: some record files could not be read (svc check)" >&2
fi
exit "$status"
