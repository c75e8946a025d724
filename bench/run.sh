#!/usr/bin/env bash
# Prints wall time and peak memory of the read paths on a generated data directory.
# Usage: bench/run.sh [N]   (builds a Release binary in build-bench first)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-5000}
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
cmake --build build-bench -j"$(nproc)" --target svc >/dev/null
svc=$PWD/build-bench/svc
dir=$(mktemp -d)/data
bash bench/generate.sh "$dir" "$n" "$svc"
cd "$dir"
export SVC_NOW=2026-12-31T12:00
measure() {
  /usr/bin/time -f "%e s  %M KiB" "$@" >/dev/null 2>/tmp/svc-bench.$$ || true
  printf '%-40s %s\n' "$*" "$(tail -1 /tmp/svc-bench.$$)"
}
measure "$svc" ticket list --overdue
measure "$svc" ticket list --format json
measure "$svc" check
measure "$svc" ticket show T-2606-0001
measure "$svc" ticket new -q --customer 甲
rm -f /tmp/svc-bench.$$; rm -rf "$(dirname "$dir")"
