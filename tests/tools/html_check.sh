#!/usr/bin/env bash
# Opens a report's HTML in headless Chromium (Debian's chromium): the page must load from the
# file alone (no network, no script), show its title, and draw every inline SVG chart; a
# screenshot is written for a person to look at, and the page printed to PDF on A4 must take
# between 1 and PAGES pages, its verdicts first.
# Usage: html_check.sh FILE.html CHARTS OUT.png PAGES
set -euo pipefail
file=$(realpath "$1"); charts=$2; shot=$3; max_pages=${4:-8}
browser=$(command -v chromium || command -v chromium-browser || true)
[ -n "$browser" ] || { echo "chromium not installed (scripts/deps.sh installs it)" >&2; exit 1; }
profile=$(mktemp -d); trap 'rm -rf "$profile"' EXIT
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
       --disable-background-networking --disable-component-update --disable-sync
       --user-data-dir="$profile" --window-size=1000,2400)
dom=$(timeout 120 "$browser" "${flags[@]}" --dump-dom "file://$file" 2>/dev/null)
title=$(sed -n 's:.*<title>\(.*\)</title>.*:\1:p' "$file" | head -1)
grep -q "<title>$title</title>" <<<"$dom" || { echo "the page did not load: no title '$title'" >&2; exit 1; }
drawn=$(grep -o '<svg' <<<"$dom" | wc -l)
[ "$drawn" -eq "$charts" ] || { echo "$drawn charts rendered, $charts expected" >&2; exit 1; }
grep -q '<script' <<<"$dom" && { echo "the page carries a script" >&2; exit 1; }
grep -Eq '(src|href)="(https?:)?//' <<<"$dom" && { echo "the page loads an external asset" >&2; exit 1; }
timeout 120 "$browser" "${flags[@]}" --screenshot="$shot" "file://$file" >/dev/null 2>&1
size=$(stat -c %s "$shot")
[ "$size" -gt 20000 ] || { echo "the screenshot is blank ($size bytes)" >&2; exit 1; }
# The verdicts come first: the headline table is the page's first table.
first_table=$(grep -o '<table[^>]*>' <<<"$dom" | head -1)
[ "$first_table" = '<table class="headline">' ] || { echo "the first table is not the headline: $first_table" >&2; exit 1; }
pdf="${shot%.png}.pdf"
timeout 120 "$browser" "${flags[@]}" --no-pdf-header-footer --print-to-pdf="$pdf" "file://$file" >/dev/null 2>&1
pages=$(grep -acE '/Type ?/Page([^s]|$)' "$pdf" || true)
{ [ "$pages" -ge 1 ] && [ "$pages" -le "$max_pages" ]; } ||
  { echo "the PDF has $pages pages, 1 to $max_pages expected" >&2; exit 1; }
grep -aq '/MediaBox \[0 0 59[45]' "$pdf" || { echo "the PDF is not A4" >&2; exit 1; }
echo "$file: '$title', $drawn charts, screenshot $shot ($size bytes), $pages A4 pages ($pdf)"
