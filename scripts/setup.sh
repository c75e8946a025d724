#!/usr/bin/env bash
# First command of README: install what is missing, build, run the main job on the demo data.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)" --target svc
export SVC_NOW="${SVC_NOW:-2026-11-23T10:00:00+08:00}"
echo "== svc ticket list --open --data examples/demo   (clock frozen at $SVC_NOW)"
./build/svc ticket list --open --data examples/demo
echo "== overdue:"
./build/svc ticket list --overdue --data examples/demo
