#!/usr/bin/env bash
# Makes a data directory with N tickets (default 5000) spread over 12 months: one real ticket
# made by svc, copied under new IDs. Usage: bench/generate.sh DIR [N] [path/to/svc]
set -euo pipefail
dir=$1; n=${2:-5000}; svc=$(realpath "${3:-build/svc}")
rm -rf "$dir" && "$svc" init "$dir" >/dev/null && cd "$dir"
export SVC_NOW=2026-01-05T09:00 SVC_USER=bench
"$svc" ticket new -q --customer 华东机械厂 --phone 13800138000 --zone urban --model KX-200 \
  --purchased 2025-03-01 --warranty-months 12 --description 主轴异响 >/dev/null
"$svc" ticket assign 1 --to 李四 --helper 王五 >/dev/null
SVC_NOW=2026-01-05T14:00 "$svc" ticket arrive 1 >/dev/null
SVC_NOW=2026-01-05T16:00 "$svc" ticket resolve 1 --resolution 更换轴承 --hours 2 >/dev/null
src=tickets/2026-01/T-2601-0001.yaml
template=$(cat "$src"); rm "$src"
per_month=$(( (n + 11) / 12 ))
for m in $(seq 1 12); do
  mm=$(printf '%02d' "$m"); mkdir -p "tickets/2026-$mm"
  for i in $(seq 1 "$per_month"); do
    [ $(( (m - 1) * per_month + i )) -le "$n" ] || break
    id=$(printf 'T-26%s-%04d' "$mm" "$i")
    printf '%s\n' "${template//T-2601-0001/$id}" > "tickets/2026-$mm/$id.yaml"
  done
done
echo "$dir: $(find tickets -name '*.yaml' | wc -l) tickets"
