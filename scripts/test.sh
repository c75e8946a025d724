#!/usr/bin/env bash
# Second command of README: build everything and run every test through ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Debug -DSVC_SANITIZE="${SVC_SANITIZE:-ON}" >/dev/null
cmake --build build -j"$(nproc)"
cd build && ctest --output-on-failure -j"$(nproc)"
