#!/usr/bin/env bash
# Runs every test: installs dependencies (idempotent), builds, runs the unit, end-to-end, schema
# and lint tests with CTest, then builds the parsers with ASan/UBSan under clang and runs the
# fuzz targets over their seed corpora. Set CUSTOMS_TEST_QUICK=1 to skip the sanitizer/fuzz part.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
JOBS=${JOBS:-$(nproc)}

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$JOBS"
main_rc=0
(cd build && ctest -j"$JOBS" --output-on-failure --timeout 300) | tee build/ctest.log || main_rc=$?

fuzz_rc=0
if [ -z "${CUSTOMS_TEST_QUICK:-}" ]; then
  bash scripts/fuzz.sh "${FUZZ_SECONDS:-30}" || fuzz_rc=$?
fi

passed=$(sed -n 's/.* tests passed, \([0-9]*\) tests failed out of \([0-9]*\)/\2 \1/p' build/ctest.log | tail -1)
total=${passed%% *}; failed=${passed##* }
[ "$fuzz_rc" -eq 0 ] || failed=$((failed + 1))
echo "tests: $((total - ${failed:-0})) passed, ${failed:-0} failed"
[ "$main_rc" -eq 0 ] && [ "$fuzz_rc" -eq 0 ]
