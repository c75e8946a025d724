#!/usr/bin/env bash
# Every job line of examples/cron/crontab run as cron runs it: `/bin/sh -c LINE` with nothing
# in the environment but what cron sets (HOME, LOGNAME, SHELL) and the crontab's own PATH, in
# which /usr/local/bin (where `cmake --install` puts svc) is a folder holding svc and a fake
# bsd-mailx `mail`. The data directory is a clone with an upstream, as in an office; the only
# thing added is SVC_NOW, so the figures hold still. cron mails whatever a job prints, so a
# job that works prints nothing: each line must exit 0 silently, and mail only when it has
# something to say.
# Usage: cron_test.sh SVC SOURCE_DIR
set -euo pipefail
svc=$(realpath "$1")
src=$(realpath "$2")
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fails=0
fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }

bin="$t/usr-local-bin"
mkdir -p "$bin" "$t/home" "$t/mailbox" "$t/srv/service-bin"
ln -s "$svc" "$bin/svc"
# bsd-mailx as far as these lines use it: -s SUBJECT, -E (send nothing when the text is empty).
cat >"$bin/mail" <<EOF
#!/bin/sh
subject= empty_skip=no
while [ \$# -gt 0 ]; do
  case "\$1" in
    -s) subject=\$2; shift 2 ;;
    -E) empty_skip=yes; shift ;;
    -*) echo "mail: unknown option \$1" >&2; exit 64 ;;
    *) break ;;
  esac
done
body=\$(cat)
[ -z "\$body" ] && [ "\$empty_skip" = yes ] && exit 0
n=\$(ls "$t/mailbox" | wc -l)
printf 'To: %s\nSubject: %s\n\n%s\n' "\$*" "\$subject" "\$body" >"$t/mailbox/\$((n + 1))"
EOF
chmod +x "$bin/mail"
cp "$src/examples/cron/overdue-mail.sh" "$src/examples/scripts/monthly-report.sh" "$t/srv/service-bin/"
printf '[user]\n\tname = office\n\temail = office@example.com\n' >"$t/home/.gitconfig"

# An office clone of DATA_SOURCE at $t/srv/service, pushing to a bare upstream.
office() {
  rm -rf "$t/srv/service" "$t/srv/reports" "$t/upstream.git"
  mkdir -p "$t/seed"
  rm -rf "$t/seed"/*
  "$@"
  HOME="$t/home" git -C "$t/seed" init -q
  HOME="$t/home" git -C "$t/seed" add -A
  HOME="$t/home" git -C "$t/seed" commit -qm seed
  HOME="$t/home" git clone -q --bare "$t/seed" "$t/upstream.git"
  HOME="$t/home" git clone -q "$t/upstream.git" "$t/srv/service"
  rm -rf "$t/seed"
  (cd "$t/srv/service" && HOME="$t/home" SVC_USER=office "$svc" init -q . --site HQ >/dev/null &&
     HOME="$t/home" git add -A && HOME="$t/home" git commit -qm 'site HQ' &&
     HOME="$t/home" git push -q)
  rm -f "$t/mailbox"/*
}
demo() { cp -r "$src/examples/demo/." "$t/seed/"; }
empty() { "$svc" init -q --no-git "$t/seed" >/dev/null; }

# The crontab's PATH line and its job lines, the paths made this test's own.
path=$(sed -n 's/^PATH=//p' "$src/examples/cron/crontab")
[ "$path" = /usr/local/bin:/usr/bin:/bin ] || fail "the crontab's PATH is '$path'"
path=${path/\/usr\/local\/bin/$bin}
mapfile -t jobs < <(grep -E '^[0-9*]' "$src/examples/cron/crontab" |
  sed -E 's/^([^ ]+ +){5}//; s/\\%/%/g' |
  sed "s#/srv/service/bin/#@BIN@/#g; s#/srv/reports#@REPORTS@#g; s#/srv/service#@DATA@#g" |
  sed "s#@BIN@#$t/srv/service-bin#g; s#@REPORTS@#$t/srv/reports#g; s#@DATA@#$t/srv/service#g")
[ "${#jobs[@]}" -eq 6 ] || fail "expected 6 job lines in the crontab, found ${#jobs[@]}"

# Runs job N as cron does; its output and exit status land in $t/out.N, $t/rc.N.
run() {
  env -i HOME="$t/home" LOGNAME=office SHELL=/bin/sh PATH="$path" SVC_NOW=2026-12-03T08:45 \
    /bin/sh -c "${jobs[$1]}" >"$t/out.$1" 2>&1 && echo 0 >"$t/rc.$1" || echo $? >"$t/rc.$1"
}
silent() {
  [ "$(cat "$t/rc.$1")" = 0 ] || fail "job $1 exited $(cat "$t/rc.$1"): ${jobs[$1]}"
  [ ! -s "$t/out.$1" ] || fail "job $1 printed (cron would mail it): $(head -c 300 "$t/out.$1")"
}
mails() { ls "$t/mailbox" | wc -l; }
subject() { sed -n 's/^Subject: //p' "$t/mailbox/$1"; }
today=$(date +%F)

# The demo: every reminder has something to say; the monthly report is kept and mailed.
office demo
want=("逾期提醒 $today" "逾期工单" "催办单 $today" "服务月报 2026-11" "洽办单" "")
for i in "${!jobs[@]}"; do
  before=$(mails)
  run "$i"
  silent "$i"
  if [ -n "${want[$i]}" ]; then
    [ "$(mails)" -eq $((before + 1)) ] || { fail "job $i mailed $(($(mails) - before)) mails"; continue; }
    got=$(subject "$(mails)")
    case "$got" in "${want[$i]}"*) ;; *) fail "job $i mailed '$got', want '${want[$i]}…'" ;; esac
  else
    [ "$(mails)" -eq "$before" ] || fail "job $i mailed"
  fi
done
[ -s "$t/srv/reports/2026-11/monthly.md" ] || fail "no monthly.md kept"
[ -s "$t/srv/reports/2026-11/monthly.html" ] || fail "no monthly.html kept"
grep -q '^To: managers@example.com$' "$t/mailbox/4" || fail "the report went to $(sed -n 1p "$t/mailbox/4")"

# Nothing due: the reminder lines mail nothing and print nothing.
office empty
for i in 0 1 2 4 5; do
  run "$i"
  silent "$i"
done
[ "$(mails)" -eq 0 ] || fail "with nothing due, $(mails) mails went out: $(subject 1)"

# svc fails (svc.yaml broken): the monthly report mails nothing, keeps nothing, and says why.
office demo
printf 'calendar: [\n' >>"$t/srv/service/svc.yaml"
run 3
[ "$(cat "$t/rc.3")" = 3 ] || fail "a broken svc.yaml: monthly-report.sh exited $(cat "$t/rc.3"), want 3"
grep -q '^svc: error: ' "$t/out.3" || fail "a broken svc.yaml: no svc error in: $(cat "$t/out.3")"
[ "$(mails)" -eq 0 ] || fail "a broken svc.yaml still mailed $(subject 1)"
[ ! -e "$t/srv/reports/2026-11" ] || fail "a broken svc.yaml still kept a report"

if [ "$fails" -ne 0 ]; then
  echo "$fails cron checks failed" >&2
  exit 1
fi
echo "cron: 6 crontab lines under cron's PATH with a fake mailer: all silent, mail as expected"
