#!/usr/bin/env bash
# The read paths on a realistic year: median wall time and peak memory of each command, beside
# the floor measured in the same run (stat every record file; read every byte of them).
# Usage: bench/run.sh [--peers] [TICKETS] [RUNS]   default 120000 tickets (with 10 % as many
# complaints, 5 % returns, 50 % surveys, 25 % parts slips), 3 runs each. The year is generated once into
# $SVC_BENCH_DIR (default /tmp/svc-bench-TICKETS) by bench/generate.cpp and reused while it
# exists. --peers also installs and times the peers (Debian's taskwarrior on 100k of the year's
# tickets imported as tasks, as they are and all pending, and bench/monthly.py: the month with
# Python and PyYAML).
set -euo pipefail
cd "$(dirname "$0")/.."
src=$PWD
peers=no
if [ "${1:-}" = --peers ]; then peers=yes; shift; fi
tickets=${1:-120000}
runs=${2:-3}
bash scripts/deps.sh  # what the build needs (mimalloc included), when missing
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
cmake --build build-bench -j"$(nproc)" --target svc svc-bench-gen >/dev/null
svc=$PWD/build-bench/svc
bench=${SVC_BENCH_DIR:-/tmp/svc-bench-$tickets}
dir=$bench/data
if [ ! -f "$dir/.svc/generated" ]; then
  rm -rf "$bench"
  echo "generating a year: $tickets tickets ..."
  /usr/bin/time -f "generated in %e s, peak %M KiB" build-bench/svc-bench-gen "$dir" \
    --tickets "$tickets" --complaints $((tickets / 10)) --returns $((tickets / 20)) \
    --surveys $((tickets / 2))
  touch "$dir/.svc/generated"
fi
if [ "$peers" = yes ]; then
  missing=()
  command -v task >/dev/null || missing+=(taskwarrior)
  /usr/bin/python3 -c 'import yaml' 2>/dev/null || missing+=(python3-yaml)
  if [ ${#missing[@]} -gt 0 ]; then
    sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
    echo "installing the peers: ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
      "${missing[@]}" >/dev/null
  fi
fi
cd "$dir"
export SVC_NOW=2027-01-05T10:00:00+08:00 SVC_USER=bench
files=$(find . -name '*.yaml' -path './*/*/*' | wc -l)
echo "data: $files record files, $(du -sh --exclude=.svc . | cut -f1) ($(nproc) cores)"
declare -A median
floor=""
# median of the runs' wall times, the largest peak RSS, and the median against the stat floor
measure() {
  local label=$1 n=$runs; shift
  if [ "$label" = "${label#peer: Python}" ]; then :; else n=1; fi  # minutes a run: once
  local times=() peak=0
  for _ in $(seq "$n"); do
    /usr/bin/time -f "%e %M" -o /tmp/svc-bench.$$ "$@" >/dev/null 2>&1 || true
    read -r t m </tmp/svc-bench.$$
    times+=("$t"); [ "$m" -gt "$peak" ] && peak=$m
  done
  local m
  m=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(((n + 1) / 2))p")
  median[$label]=$m
  [ -z "$floor" ] && floor=$m
  printf '%-42s %8s s %6s MiB %8s x floor\n' "$label" "$m" "$((peak / 1024))" \
    "$(awk -v a="$m" -v b="$floor" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }')"
}
ratio() {  # "what: A / B = N x (target)"
  awk -v a="${median[$2]}" -v b="${median[$3]}" -v what="$1" -v t="$4" \
    'BEGIN { printf "%-54s %6.1f x  (target %s)\n", what, (b > 0 ? a / b : 0), t }'
}
printf '%-42s %10s %10s %14s\n' "" "median" "peak" ""
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
# The parts ledger: every slip and every call's part events replayed (targets: balance and
# report parts at most the stat floor, one part's ledger 0.3 s, 150 MB).
measure "svc parts balance" "$svc" parts balance
measure "svc report parts" "$svc" report parts
measure "svc parts ledger KX-BRG" "$svc" parts ledger KX-BRG
id=$(basename "$(find tickets/2026-11 -name '*.yaml' -print -quit)" .yaml)
measure "svc ticket show $id" "$svc" ticket show "$id"
measure "svc ticket new" "$svc" ticket new -q --customer 甲 --description 基准
rm -f /tmp/svc-bench.$$
# The cache must never change a figure: the same bytes with and without it.
same=yes
for cmd in "ticket list --open --format csv" "complaint list --open --format csv" \
           "report monthly --format json" "report overdue" "report technician --format csv" \
           "report recurring --from 2026-07-01 --to 2026-12-31 --format json" \
           "report late --format json" "ticket show $id" "parts balance --format csv" \
           "report parts --format json"; do
  # shellcheck disable=SC2086
  if ! cmp -s <("$svc" $cmd 2>&1) <("$svc" $cmd --no-cache 2>&1); then same=no; echo "differs: svc $cmd"; fi
done
echo "cache gives the same bytes as a full read: $same"
[ "$peers" = yes ] || exit 0

# Peers. taskwarrior, on 100k of the year's tickets imported twice: as they are (open ones
# pending, due at their next deadline; closed ones completed, cancelled deleted), so `task list`
# answers what `svc ticket list --open` answers; and all pending, the speed issue's own setup
# (it measured `task list` on 100k tasks at 10.4 s). Each imported once and kept.
tasks() {  # NAME [to_tasks.py option]: import into $bench/NAME once; prints what it holds
  local name=$1; shift
  export TASKDATA=$bench/$name TASKRC=$bench/$name.rc
  printf 'data.location=%s\nconfirmation=off\nverbose=nothing\ngc=on\n' "$TASKDATA" >"$TASKRC"
  if [ ! -f "$TASKDATA/imported" ]; then
    rm -rf "$TASKDATA"; mkdir -p "$TASKDATA"
    "$svc" ticket list --format json |
      /usr/bin/python3 "$src/bench/to_tasks.py" 100000 "$@" >"$bench/$name.json"
    /usr/bin/time -f "imported 100k tasks into $name in %e s" task import "$bench/$name.json" >/dev/null
    task list >/dev/null 2>&1 || true  # its first run moves the finished tasks out of pending.data
    touch "$TASKDATA/imported"
  fi
  echo "taskwarrior $(task --version), $name: $(task count status:pending) pending of $(task count) tasks"
}
tasks taskdata
measure "peer: task list (100k, as they are)" task list
measure "peer: task all (100k, as they are)" task all
tasks taskdata-pending --all-pending
measure "peer: task list (100k, all pending)" task list
unset TASKDATA TASKRC
measure "svc ticket list (all 120k)" "$svc" ticket list
# Python with PyYAML (its C loader): the month's counts that need no history replayed.
month=2026-12
measure "peer: Python+PyYAML, the month" \
  sh -c "/usr/bin/python3 '$src/bench/monthly.py' . $month >'$bench/python.json'"
"$svc" report monthly --month "$month" --format json >"$bench/svc.json"
/usr/bin/python3 - "$bench/python.json" "$bench/svc.json" <<'PY'
import json, sys
py, svc = (json.load(open(p)) for p in sys.argv[1:3])
def leaves(v, at=""):
    if isinstance(v, dict):
        for k, x in v.items():
            yield from leaves(x, f"{at}.{k}" if at else k)
    else:
        yield at, v
def find(v, at):
    for k in at.split("."):
        v = v.get(k) if isinstance(v, dict) else None
    return v
figures = [(at, x) for at, x in leaves(py) if at != "period.name"]
wrong = [at for at, x in figures if find(svc, at) != x]
print(f"Python computes the same {len(figures)} figures as svc: {'yes' if not wrong else 'no: ' + ', '.join(wrong)}")
PY
# Beside the issue's setup (all pending), the same question on the same tickets (as they are).
for peer in "as they are" "all pending"; do
  ratio "task list ($peer) / svc ticket list --open" "peer: task list (100k, $peer)" "svc ticket list --open" ">= 10"
  ratio "task list ($peer) / svc complaint list --open" "peer: task list (100k, $peer)" "svc complaint list --open" ">= 10"
  ratio "task list ($peer) / svc report overdue" "peer: task list (100k, $peer)" "svc report overdue" ">= 10"
done
ratio "task all (as they are) / svc ticket list (all)" "peer: task all (100k, as they are)" "svc ticket list (all 120k)" "-"
ratio "task list (all pending) / svc ticket list (all)" "peer: task list (100k, all pending)" "svc ticket list (all 120k)" "-"
ratio "Python month / svc report monthly" "peer: Python+PyYAML, the month" "svc report monthly" ">= 100"
