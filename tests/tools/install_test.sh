#!/usr/bin/env bash
# `cmake --install` of a build puts svc, svc(1) and svc.yaml(5) in UTF-8, the completions where
# Debian's shells read them for a local prefix, and the examples in place.
# Usage: install_test.sh BUILD_DIR
set -uo pipefail
build=$1
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT
# DESTDIR: the files land below $dest, /etc's among them, whatever the prefix.
if ! DESTDIR="$dest/root" cmake --install "$build" --prefix /usr/local > "$dest/install.log" 2>&1; then
  cat "$dest/install.log"
  exit 1
fi
bad=0
expect() {  # expect PATH: the file was installed
  if [ ! -s "$dest/root/$1" ]; then
    echo "not installed: $1"
    bad=1
  fi
}
expect usr/local/bin/svc
expect usr/local/share/man/man1/svc.1.gz
expect usr/local/share/man/man5/svc.yaml.5.gz
expect usr/local/share/bash-completion/completions/svc
expect usr/local/share/zsh/site-functions/_svc
expect usr/local/share/doc/svc/README.md
expect usr/local/share/doc/svc/examples/cron/crontab
expect usr/local/share/doc/svc/examples/demo/svc.yaml
expect etc/fish/completions/svc.fish
# The man pages are gzipped (Debian policy), and UTF-8: the Chinese of svc's help, not question
# marks.
man1="$dest/man1"
man5="$dest/man5"
for page in man1/svc.1 man5/svc.yaml.5; do
  gz="$dest/root/usr/local/share/man/$page.gz"
  [ -s "$gz" ] && { gzip -dc "$gz" > "$dest/${page%%/*}" || { echo "$page.gz is not gzip"; bad=1; }; }
  [ ! -e "$dest/root/usr/local/share/man/$page" ] || { echo "$page installed uncompressed"; bad=1; }
done
if [ -s "$man1" ]; then
  grep -q '客户' "$man1" || { echo "svc(1) has no Chinese text"; bad=1; }
  if grep -q '???' "$man1"; then echo "svc(1) has '???' where text was"; bad=1; fi
  for section in "svc report monthly" "svc survey record" "svc sync" "svc calendar import"; do
    grep -q "^\.SS $section\$" "$man1" || { echo "svc(1) has no section $section"; bad=1; }
  done
  if grep -q '^\.SS svc calendar svc' "$man1"; then echo "svc(1) has a section from an example line"; bad=1; fi
fi
if [ -s "$man5" ]; then
  for key in utc_offset holidays targets; do
    grep -q "$key" "$man5" || { echo "svc.yaml(5) does not name $key"; bad=1; }
  done
fi
[ "$bad" -eq 0 ] && echo "installed: svc, svc(1), svc.yaml(5), completions, examples"
exit "$bad"
