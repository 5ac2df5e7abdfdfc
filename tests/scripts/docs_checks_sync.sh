#!/usr/bin/env bash
# docs/checks.md is generated from the check tables; it must match what the binary reports.
set -euo pipefail
BIN=$1 SRC=$2
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
python3 "$SRC/scripts/gen_checks_doc.py" "$BIN" > "$tmp"
if ! diff -u "$SRC/docs/checks.md" "$tmp" > /dev/null; then
  diff -u "$SRC/docs/checks.md" "$tmp" | head -30 >&2
  echo "docs/checks.md is out of date: python3 scripts/gen_checks_doc.py build/customs > docs/checks.md" >&2
  exit 1
fi
echo "docs/checks.md matches $(grep -c '^## ' "$SRC/docs/checks.md") rules"
