#!/usr/bin/env bash
# Second command of README: build everything and run every test through ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
# Debug build with AddressSanitizer and UBSan (SVC_SANITIZE=OFF to skip), apart from the release build.
cmake -S . -B build-test -DCMAKE_BUILD_TYPE=Debug -DSVC_SANITIZE="${SVC_SANITIZE:-ON}" >/dev/null
cmake --build build-test -j"$(nproc)"
# SVC_TEST_QUICK=1 leaves out the tests labelled slow (docs/TESTING.md).
cd build-test && ctest --output-on-failure -j"$(nproc)" ${SVC_TEST_QUICK:+-LE slow}
