#!/usr/bin/env bash
# The Debian package as an office gets it: built by scripts/package.sh into BUILD_DIR (a build
# configured for /usr; made when missing, incrementally otherwise), its file list checked (all
# under /usr, nothing under /usr/local or /etc, no conffiles, so `dpkg -r` takes every file
# away), installed and removed again with dpkg into a throw-away root (never into /), and used
# from an extracted copy: man renders svc(1) and svc.yaml(5) with their Chinese, bash, zsh and
# fish find the installed completion where they look and complete `svc tic` to ticket, and the
# crontab's sync line runs in cron's environment with the root's usr/bin on cron's PATH.
# Usage: package_test.sh SOURCE_DIR BUILD_DIR   (SVC_JOBS: build jobs, default nproc)
set -uo pipefail
src=$(realpath "$1")
build=$(realpath -m "$2")
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
bad=0
fail() { echo "FAIL: $*"; bad=1; }

bash "$src/scripts/package.sh" "$build" > "$t/package.log" 2>&1 || {
  cat "$t/package.log"
  exit 1
}
deb=$(ls "$build"/svc_*.deb)
[ "$(echo "$deb" | wc -l)" -eq 1 ] || { echo "not one package in $build: $deb"; exit 1; }

# The file list: what dpkg -i writes and dpkg -r removes.
dpkg-deb -c "$deb" | awk '{print $6}' | sed 's#^\./#/#; s#/$##' | grep -v '^$' > "$t/files"
for f in /usr/bin/svc /usr/share/man/man1/svc.1.gz /usr/share/man/man5/svc.yaml.5.gz \
  /usr/share/bash-completion/completions/svc /usr/share/zsh/vendor-completions/_svc \
  /usr/share/fish/vendor_completions.d/svc.fish /usr/share/doc/svc/examples/cron/crontab; do
  grep -qx "$f" "$t/files" || fail "the package has no $f"
done
outside=$(grep -v -e '^/usr$' -e '^/usr/' "$t/files")
[ -z "$outside" ] || fail "files outside /usr: $outside"
! grep -q '^/usr/local' "$t/files" || fail "files under /usr/local: $(grep '^/usr/local' "$t/files")"
! grep -qE '^/usr/share/man/.*\.[0-9]$' "$t/files" || fail "man pages not gzipped"
dpkg-deb -e "$deb" "$t/control"
[ ! -s "$t/control/conffiles" ] || fail "conffiles declared: $(cat "$t/control/conffiles")"
for script in preinst postinst prerm postrm; do
  [ ! -e "$t/control/$script" ] || fail "a maintainer script $script"
done

# dpkg itself, into a root of its own: -i puts the files there, -r leaves only folders.
droot=$t/dpkg-root
mkdir -p "$droot/var/lib/dpkg/info" "$droot/var/lib/dpkg/updates"
touch "$droot/var/lib/dpkg/status"
dpkg_root() { dpkg --root="$droot" --force-depends --force-script-chrootless "$@" > "$t/dpkg.log" 2>&1; }
if dpkg_root -i "$deb"; then
  [ -x "$droot/usr/bin/svc" ] || fail "dpkg --root -i left no usr/bin/svc"
  dpkg_root -r svc || fail "dpkg --root -r svc failed: $(cat "$t/dpkg.log")"
  left=$(cd "$droot" && find usr etc -type f 2> /dev/null)
  [ -z "$left" ] || fail "dpkg -r left files: $left"
else
  fail "dpkg --root -i failed: $(cat "$t/dpkg.log")"
fi

root=$t/root
dpkg-deb -x "$deb" "$root"
export LANG=C.UTF-8 LC_ALL=C.UTF-8 HOME=$t/home MANWIDTH=100
mkdir -p "$HOME"

# The man pages render, in UTF-8.
for page in man1/svc.1.gz man5/svc.yaml.5.gz; do
  man -l "$root/usr/share/man/$page" > "$t/page" 2> "$t/man.err" || fail "man -l $page: $(cat "$t/man.err")"
  [ -s "$t/page" ] || fail "man -l $page printed nothing"
done
man -l "$root/usr/share/man/man1/svc.1.gz" 2> /dev/null | grep -q 客户 || fail "svc(1) renders without 客户"
man -l "$root/usr/share/man/man1/svc.1.gz" 2> /dev/null | grep -q 'svc ticket new' ||
  fail "svc(1) has no svc ticket new"
man -l "$root/usr/share/man/man5/svc.yaml.5.gz" 2> /dev/null | grep -q 质量问题 ||
  fail "svc.yaml(5) renders without 质量问题"

# Each shell loads the installed file from where it looks (the root standing in for /usr).
export PATH="$root/usr/bin:$PATH" XDG_DATA_DIRS="$root/usr/share"
got=$(bash --norc --noprofile -c '
  source /usr/share/bash-completion/bash_completion
  __load_completion svc || exit 1
  COMP_LINE="svc tic" COMP_POINT=7 COMP_WORDS=(svc tic) COMP_CWORD=1
  $(complete -p svc | sed "s/.*-F \([^ ]*\) .*/\1/") svc tic svc
  printf "%s\n" "${COMPREPLY[@]}"' 2> "$t/bash.err")
[ "$got" = ticket ] || fail "bash completes 'svc tic' to '$got' $(cat "$t/bash.err")"
zsh -f -c 'print -l $fpath' | grep -qx /usr/share/zsh/vendor-completions ||
  fail "zsh's fpath has no /usr/share/zsh/vendor-completions"
cat > "$t/init.zsh" << EOF
fpath=($root/usr/share/zsh/vendor-completions \$fpath)
autoload -U compinit && compinit -u -D
bindkey '^I' complete-word
compadd() {
  if [[ \${@[1,(i)(-|--)]} == *-(O|A|D)\\ * ]]; then builtin compadd "\$@"; return; fi
  local -a __hits
  builtin compadd -A __hits "\$@"
  local h; for h in "\${__hits[@]}"; do print -r -- "<<match:\$h>>"; done
  builtin compadd "\$@"
}
__done() { print -r -- '<<done>>'; exit }
comppostfuncs=(__done)
EOF
got=$(timeout 30 zsh -f -c "zmodload zsh/zpty
  zpty z zsh -f -i
  zpty -w z 'PS1= ; source $t/init.zsh'
  zpty -n -w z 'svc tic'\$'\t'
  out= chunk= n=0
  while (( n++ < 200 )); do
    zpty -r -t z chunk && out+=\$chunk
    [[ \$out == *'<<done>>'* ]] && break
    sleep 0.05
  done
  print -r -- \$out" | tr -d '\r' | grep -o '<<match:[^>]*>>' | sed 's/^<<match://; s/>>$//' | sort -u)
[ "$got" = ticket ] || fail "zsh completes 'svc tic' to '$got'"
got=$(fish -c 'complete -C"svc tic"' 2>&1 | cut -f1)
[ "$got" = ticket ] || fail "fish completes 'svc tic' to '$got'"

# The crontab's nightly sync, as cron runs it from the installed examples: the crontab's PATH
# with the root's usr/bin for /usr/bin, and only HOME, LOGNAME and SHELL besides.
crontab=$root/usr/share/doc/svc/examples/cron/crontab
path=$(sed -n 's/^PATH=//p' "$crontab")
path=${path//\/usr\/bin/$root/usr/bin}
job=$(grep -E '^[0-9*]' "$crontab" | grep 'svc sync' | sed -E 's/^([^ ]+ +){5}//')
job=${job//\/srv\/service/$t/srv/service}
printf '[user]\n\tname = office\n\temail = office@example.com\n' > "$HOME/.gitconfig"
svc init -q --no-git "$t/seed" > /dev/null
git -C "$t/seed" init -q && git -C "$t/seed" add -A && git -C "$t/seed" commit -qm seed
git clone -q --bare "$t/seed" "$t/upstream.git"
mkdir -p "$t/srv"
git clone -q "$t/upstream.git" "$t/srv/service"
(cd "$t/srv/service" && svc init -q . --site HQ > /dev/null && git add -A &&
  git commit -qm 'site HQ' && git push -q &&
  SVC_NOW=2026-11-20T10:00 svc ticket new -q --customer 宏达纺织 --phone 1 --zone urban > /dev/null) ||
  fail "an office clone with a ticket"
env -i HOME="$HOME" LOGNAME=office SHELL=/bin/sh PATH="$path" SVC_NOW=2026-11-20T22:30 \
  /bin/sh -c "$job" > "$t/cron.out" 2>&1 || fail "the sync line exited $?: $job"
[ ! -s "$t/cron.out" ] || fail "the sync line printed (cron would mail it): $(cat "$t/cron.out")"
if ! git -C "$t/upstream.git" log --all --name-only --format= | grep -q 'T-2611-HQ-0001.yaml'; then
  fail "the sync line pushed no T-2611-HQ-0001"
  # What the next run needs to tell why: which svc cron finds, and both sides' git.
  env -i HOME="$HOME" PATH="$path" /bin/sh -c 'command -v svc git; svc --version' 2>&1
  echo "job: $job"
  git -C "$t/srv/service" status --short --branch 2>&1 | head -20
  git -C "$t/srv/service" log --oneline --all --decorate -5 2>&1
  git -C "$t/srv/service" remote -v 2>&1
  git -C "$t/upstream.git" log --oneline --all --decorate -5 2>&1
  ls -R "$t/srv/service/tickets" 2>&1 | head
fi

[ "$bad" -eq 0 ] && echo "package: files under /usr, dpkg -i/-r clean, man pages, completions, cron"
exit "$bad"
