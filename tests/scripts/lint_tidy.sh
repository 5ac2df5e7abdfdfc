#!/usr/bin/env bash
# clang-tidy is part of the build: src/ must pass the checks in .clang-tidy (warnings are errors).
# Uses the compile_commands.json of the build tree that holds the customs binary.
# Usage: lint_tidy.sh <customs-binary> <source-dir> [PATH...]: the .cc files under each PATH
# (relative to the source dir; default src). CTest runs it once per stage folder.
set -euo pipefail
BIN=$1 SRC=$2
shift 2
[ $# -gt 0 ] || set -- src
BUILD=$(dirname "$BIN")
[ -f "$BUILD/compile_commands.json" ] || { echo "no compile_commands.json in $BUILD" >&2; exit 1; }
cd "$SRC"
mapfile -t files < <(find "$@" -name '*.cc' | sort)
out=$(mktemp)
trap 'rm -f "$out"' EXIT
printf '%s\n' "${files[@]}" | xargs -P "$(nproc)" -n 4 clang-tidy -p "$BUILD" --quiet > "$out" 2>/dev/null || true
if grep -E '(warning|error):' "$out" | grep -v '^/usr/' > /dev/null; then
  grep -E -A3 '(warning|error):' "$out" | head -80 >&2
  echo "clang-tidy: $(grep -cE '(warning|error):' "$out") problems" >&2
  exit 1
fi
echo "clang-tidy: ${#files[@]} files of $* clean"
