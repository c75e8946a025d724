#!/usr/bin/env bash
# Fuzzes the record reader with libFuzzer (Debian's clang) for SECONDS (default 60), starting
# from tests/fuzz/corpus. Findings land in build-fuzz/ as crash-*; new inputs in build-fuzz/corpus.
# Usage: scripts/fuzz.sh [SECONDS] [BUILD_DIR]
# With SVC_FUZZ_REPLAY=1 it runs every seed input once (ctest's guard: the same on every
# machine, and every input a fuzz run ever found is in the seed corpus); without, it explores
# for SECONDS and keeps what it finds in BUILD_DIR/corpus (a finding: BUILD_DIR/crash-*).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
out=${2:-build-fuzz}
mkdir -p "$out/corpus"
sources=(tests/fuzz/record_reader.cpp src/store/yaml*.cpp src/store/safe_fs.cpp src/store/record_io.cpp
         src/machinery/*.cpp src/helpers/*.cpp src/kinds/*/*.cpp src/reports/*.cpp
         src/calendar/*.cpp)
if [ ! -x "$out/record_reader" ] || [ -n "$(find "${sources[@]}" include tests/support -newer "$out/record_reader" -print -quit)" ]; then
  clang++ -std=c++20 -O1 -g -Iinclude -fsanitize=fuzzer,address,undefined \
    -fno-sanitize-recover=undefined "${sources[@]}" -lyaml-cpp -lfmt -lfyaml -o "$out/record_reader"
fi
if [ -n "${SVC_FUZZ_REPLAY:-}" ]; then
  # Every input of the seed corpus once, no mutation: the same on every machine.
  LSAN_OPTIONS="suppressions=$PWD/tests/fuzz/lsan.supp" "$out/record_reader" -rss_limit_mb=1024 \
    -timeout=2 tests/fuzz/corpus/* 2>"$out/fuzz.log" || {
    tail -40 "$out/fuzz.log"
    exit 1
  }
  echo "fuzz: the record reader took all $(ls tests/fuzz/corpus | wc -l) seed inputs without a finding"
  exit 0
fi
cp -n tests/fuzz/corpus/* "$out/corpus/" 2>/dev/null || true
LSAN_OPTIONS="suppressions=$PWD/tests/fuzz/lsan.supp" "$out/record_reader" -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=1024 -timeout=2 \
  -artifact_prefix="$out/" -print_final_stats=1 "$out/corpus" 2>"$out/fuzz.log" || {
  tail -40 "$out/fuzz.log"
  exit 1
}
grep -E "stat::number_of_executed_units|stat::new_units_added" "$out/fuzz.log"
echo "fuzz: record reader ran ${seconds}s without a finding"
