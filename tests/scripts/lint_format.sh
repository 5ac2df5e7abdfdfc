#!/usr/bin/env bash
# clang-format is part of the build: every C++ file must already be formatted (.clang-format).
set -euo pipefail
SRC=$2
cd "$SRC"
mapfile -t files < <(git ls-files -co --exclude-standard 'src/*.cc' 'src/*.h' 'tests/*.cc' 'tests/*.h' 'fuzz/*.cc' 2>/dev/null || find src tests fuzz -name '*.cc' -o -name '*.h')
[ "${#files[@]}" -gt 0 ] || { echo "no C++ files found under $SRC" >&2; exit 1; }
if ! clang-format --dry-run --Werror "${files[@]}" 2> /tmp/customs-format.$$; then
  grep -E 'error:' /tmp/customs-format.$$ | cut -d: -f1 | sort -u | sed 's/^/needs clang-format: /' >&2
  rm -f /tmp/customs-format.$$
  exit 1
fi
rm -f /tmp/customs-format.$$
echo "clang-format: ${#files[@]} files clean"
