#!/bin/sh
# The monthly report (服务月报) of the previous month, kept and mailed: writes
# REPORTS/YYYY-MM/monthly.md and monthly.html (one self-contained page a manager opens in any
# browser), then mails the markdown. Run from cron on the 3rd (see ../cron/crontab).
# Settings: DATA (the data directory), REPORTS (where reports are kept), TO (recipients);
# MAIL=no writes the files only. A report with unreadable record files still gets written and
# mailed, marked incomplete, and the script exits 3 so cron tells you.
set -eu
DATA=${DATA:-/srv/service}
REPORTS=${REPORTS:-$DATA/../reports}
TO=${TO:-service-office@example.com}
cd "$DATA"
git pull -q --ff-only 2>/dev/null || true          # everyone's latest records
month=$(svc report monthly --format json | sed -n 's/^    "name": "\(.*\)",$/\1/p')
dir="$REPORTS/$month"
mkdir -p "$dir"
status=0
svc report monthly --month "$month" --format md >"$dir/monthly.md" || status=$?
svc report monthly --month "$month" --format html >"$dir/monthly.html" || status=$?
if [ "$status" -ne 0 ]; then
  printf '\n**incomplete: some record files could not be read (svc check)**\n' >>"$dir/monthly.md"
fi
if [ "${MAIL:-yes}" != no ]; then
  mail -s "服务月报 $month" "$TO" <"$dir/monthly.md"
fi
echo "$dir"
exit "$status"
