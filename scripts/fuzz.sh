#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/*_fuzz.cc) with clang, ASan and UBSan, then runs each one
# for SECONDS (default 30) starting from its seed corpus fuzz/seeds/<name>/. Exits non-zero on the
# first crash, leak, hang or sanitizer report. Corpora grow under build-fuzz/corpus-<name>/.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH=${1:-30}
cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_COMPILER=clang++ \
  -DCUSTOMS_FUZZ=ON -DCUSTOMS_TESTS=OFF >/dev/null
cmake --build build-fuzz -j"${JOBS:-$(nproc)}"
rc=0
for src in fuzz/*_fuzz.cc; do
  name=$(basename "$src" _fuzz.cc)
  bin=build-fuzz/fuzz/${name}_fuzz
  corpus=build-fuzz/corpus-$name
  mkdir -p "$corpus"
  seeds=fuzz/seeds/$name
  [ -d "$seeds" ] || seeds=""
  echo "fuzz: $name for ${SECONDS_EACH}s"
  if ! "$bin" -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
      -print_final_stats=1 "$corpus" $seeds > "build-fuzz/$name.log" 2>&1; then
    echo "fuzz: $name FAILED; see build-fuzz/$name.log" >&2
    tail -40 "build-fuzz/$name.log" >&2
    rc=1
  else
    grep -E 'stat::number_of_executed_units' "build-fuzz/$name.log" | sed "s/^/fuzz: $name /"
  fi
done
exit $rc
