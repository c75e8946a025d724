#!/usr/bin/env bash
# First command of README: install what is missing, build, run the main job on the demo data.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
# svc, its man pages and completions: what `cmake --install build` installs.
cmake --build build -j"$(nproc)" --target svc man completions
# The demo holds October and November 2026; on 3 December the monthly report is November's.
export SVC_NOW="${SVC_NOW:-2026-12-03T08:00:00+08:00}"
echo "== svc report monthly --data examples/demo   (clock frozen at $SVC_NOW: November 2026)"
./build/svc report monthly --data examples/demo
