#!/usr/bin/env bash
# Builds svc.yaml(5) from the shipped defaults: every setting, with the comments that explain
# it, as data/svc.yaml holds them (svc init writes the same text into a new data directory).
# Usage: scripts/make-man5.sh data/svc.yaml OUT.5 VERSION
set -euo pipefail
defaults=$1
out=$2
version=${3:-}
roff() { sed -e 's/\\/\\e/g' -e "s/^\\([.']\\)/\\\\\\&\\1/" -e 's/^-/\\-/'; }
{
  echo ".TH SVC.YAML 5 \"$(date -u -d "@${SOURCE_DATE_EPOCH:-$(date +%s)}" '+%B %Y')\" \"svc $version\" \"File Formats\""
  cat <<'TEXT'
.SH NAME
svc.yaml \- the settings of an svc data directory
.SH DESCRIPTION
Each data directory holds one
.I svc.yaml
at its top, written by
.B svc init
as a copy of the shipped defaults below. Every key is optional: a key the office deletes falls
back to its shipped default, so a file may hold only what differs. An unknown key is named on
standard error as a likely typo and ignored; a bad value stops every command with the file,
line and column (exit 3), and nothing is changed. Settings never rewrite the past: a record
keeps the deadlines it was given, and a changed rule counts from the next action on.
.PP
Times are local at
.BR utc_offset .
Durations are written with a unit:
.BR 30m ", " 2h ", " 7d .
Money is written with two decimals, quoted:
.BR \(dq50.00\(dq .
.SH SETTINGS
The shipped defaults, every setting with its comment:
.PP
.nf
TEXT
  roff < "$defaults"
  cat <<'TEXT'
.fi
.SH FILES
.TP
.I DATA/svc.yaml
the office's settings, kept in git with the records.
.SH SEE ALSO
.BR svc (1)
TEXT
} > "$out"
