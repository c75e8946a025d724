#!/usr/bin/env bash
# The read paths on a realistic year: median wall time and peak memory of each command, beside
# the floor measured in the same run (stat every record file; read every byte of them).
# Usage: bench/run.sh [TICKETS] [RUNS]   default 120000 tickets (with 10 % as many complaints,
# 5 % returns, 50 % surveys), 3 runs each. The year is generated once into $SVC_BENCH_DIR
# (default /tmp/svc-bench-TICKETS) by bench/generate.cpp and reused while it exists.
set -euo pipefail
cd "$(dirname "$0")/.."
tickets=${1:-120000}
runs=${2:-3}
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
cmake --build build-bench -j"$(nproc)" --target svc svc-bench-gen >/dev/null
svc=$PWD/build-bench/svc
dir=${SVC_BENCH_DIR:-/tmp/svc-bench-$tickets}/data
if [ ! -f "$dir/.svc/generated" ]; then
  rm -rf "$(dirname "$dir")"
  echo "generating a year: $tickets tickets ..."
  /usr/bin/time -f "generated in %e s, peak %M KiB" build-bench/svc-bench-gen "$dir" \
    --tickets "$tickets" --complaints $((tickets / 10)) --returns $((tickets / 20)) \
    --surveys $((tickets / 2))
  touch "$dir/.svc/generated"
fi
cd "$dir"
export SVC_NOW=2027-01-05T10:00:00+08:00 SVC_USER=bench
files=$(find . -name '*.yaml' -path './*/*/*' | wc -l)
echo "data: $files record files, $(du -sh . | cut -f1) ($(nproc) cores)"
# median of the runs' wall times, and the largest peak RSS
measure() {
  local label=$1; shift
  local times=() peak=0
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %M" -o /tmp/svc-bench.$$ "$@" >/dev/null 2>&1 || true
    read -r t m </tmp/svc-bench.$$
    times+=("$t"); [ "$m" -gt "$peak" ] && peak=$m
  done
  median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p")
  printf '%-34s %8s s %8s MiB\n' "$label" "$median" "$((peak / 1024))"
}
printf '%-44s %10s %12s\n' "" "median" "peak"
measure "floor: stat every record file" find . -name '*.yaml' -size +0
measure "floor: read every record file" sh -c "find . -name '*.yaml' -exec cat {} + >/dev/null"
# The first run in a fresh clone: no cache, every file read (on both cores) and cached.
measure "svc report monthly, no cache yet (cold)" sh -c "rm -f .svc/cache.sqlite*; '$svc' report monthly"
measure "svc report monthly" "$svc" report monthly
measure "svc report technician" "$svc" report technician
measure "svc report recurring (half-year)" "$svc" report recurring --from 2026-07-01 --to 2026-12-31
measure "svc ticket list --open" "$svc" ticket list --open
measure "svc complaint list --open" "$svc" complaint list --open
measure "svc report overdue" "$svc" report overdue
measure "svc ticket list --open --no-cache" "$svc" ticket list --open --no-cache
id=$(basename "$(find tickets/2026-11 -name '*.yaml' -print -quit)" .yaml)
measure "svc ticket show $id" "$svc" ticket show "$id"
measure "svc ticket new" "$svc" ticket new -q --customer 甲 --description 基准
rm -f /tmp/svc-bench.$$
# The cache must never change a figure: the same bytes with and without it.
same=yes
for cmd in "ticket list --open --format csv" "complaint list --open --format csv" \
           "report monthly --format json" "report overdue" "report technician --format csv"; do
  # shellcheck disable=SC2086
  if ! cmp -s <("$svc" $cmd 2>&1) <("$svc" $cmd --no-cache 2>&1); then same=no; echo "differs: svc $cmd"; fi
done
echo "cache gives the same bytes as a full read: $same"
