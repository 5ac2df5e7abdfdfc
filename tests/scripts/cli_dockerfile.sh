#!/usr/bin/env bash
# End-to-end: `customs dockerfile` on real files: exit codes, json, --output, --diff, --fix, config.
# Usage: cli_dockerfile.sh <customs-binary> <source-dir>
set -euo pipefail
CUSTOMS="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
T="$(mktemp -d)"
trap 'rm -rf "$T"' EXIT
command -v jq >/dev/null || { echo "FAIL: jq is needed"; exit 1; }

fail() { echo "FAIL: $*"; echo "--- stdout"; cat "$T/out"; echo "--- stderr"; cat "$T/err"; exit 1; }
run() { set +e; "$@" >"$T/out" 2>"$T/err"; RC=$?; set -e; }
expect_rc() { [[ "$RC" == "$1" ]] || fail "expected exit $1, got $RC"; }
expect_out() { [[ "$(cat "$T/out")" == "$1" ]] || fail "unexpected stdout"; }
expect_err() { [[ "$(cat "$T/err")" == "$1" ]] || fail "unexpected stderr"; }

W="$T/work"
mkdir -p "$W/bad" "$W/good" "$W/empty" "$W/.git"
printf 'FROM ubuntu\nRUN curl -fsSL https://example.com/install.sh | sh\nADD . /app\n' > "$W/bad/Dockerfile"
cat > "$W/good/Dockerfile" <<'DF'
FROM alpine:3.19@sha256:4bcff63911fcb4448bd4fdacec207030997caf25e9bea4045fa6c8c44de311d1
HEALTHCHECK NONE
USER 10001:10001
CMD ["/app"]
DF
printf '.git\n' > "$W/good/.dockerignore"
printf 'FROM scratch\n' > "$W/.git/Dockerfile"
printf 'notes\n' > "$W/empty/README"
cd "$W"

# The good file alone is clean even when failing on info.
run "$CUSTOMS" dockerfile good --fail-on info --format json --quiet
expect_rc 0; expect_err ""
[[ "$(jq '.findings | length' "$T/out")" == 0 ]] || fail "good Dockerfile has findings"

# Both files: exit 1 with --fail-on low, 0 with --fail-on none and by default.
run "$CUSTOMS" dockerfile . --fail-on low --quiet
expect_rc 1; expect_err ""
run "$CUSTOMS" dockerfile . --fail-on none --quiet
expect_rc 0
run "$CUSTOMS" dockerfile --format json
expect_rc 0
[[ "$(jq -c '[.targets[].path]' "$T/out")" == '["bad/Dockerfile","good/Dockerfile"]' ]] || fail "targets (.git skipped)"
[[ "$(jq '[.findings[] | select(.location.file != "bad/Dockerfile")] | length' "$T/out")" == 0 ]] || fail "finding outside bad/"
BAD_FINDINGS=$(jq '.findings | length' "$T/out")
[[ "$BAD_FINDINGS" -gt 0 ]] || fail "bad Dockerfile has no findings"
expect_err "customs: checked 2 files: $BAD_FINDINGS findings"

# A binary file: exit 3, its error on stderr and in the report, the other file still checked.
printf 'FROM x\n\0\0binary' > "$W/bad/broken.Dockerfile"
run "$CUSTOMS" dockerfile bad --format json --fail-on low
expect_rc 3
[[ "$(jq '.findings | length' "$T/out")" == "$BAD_FINDINGS" ]] || fail "findings of the readable file missing"
[[ "$(jq -r '.diagnostics[0].level + " " + .diagnostics[0].location.file' "$T/out")" == "error bad/broken.Dockerfile" ]] \
  || fail "error diagnostic"
head -1 "$T/err" | grep -q '^customs: bad/broken.Dockerfile:2:1: ' || fail "stderr names the broken file"
rm "$W/bad/broken.Dockerfile"

# A PATH that does not exist, and a directory without Dockerfiles: exit 3, located message.
run "$CUSTOMS" dockerfile nope
expect_rc 3; expect_out ""
expect_err "customs dockerfile: nope: no such file or directory"
run "$CUSTOMS" dockerfile empty
expect_rc 3; expect_out ""
grep -q '^customs dockerfile: empty: no Dockerfile or Containerfile in this directory' "$T/err" || fail "empty dir"

# Usage errors.
run "$CUSTOMS" dockerfile --format xml
expect_rc 2; expect_out ""
expect_err "customs dockerfile: unknown format 'xml' (valid: table, json, sarif)"
run "$CUSTOMS" dockerfile --fail-on severe
expect_rc 2
run "$CUSTOMS" dockerfile --config missing.yaml
expect_rc 2
grep -q '^customs dockerfile: missing.yaml: cannot read config file' "$T/err" || fail "missing config"

# --output: the report goes to the file, stdout stays empty.
run "$CUSTOMS" dockerfile bad --format sarif --output "$T/report.sarif" --quiet
expect_rc 0; expect_out ""; expect_err ""
[[ "$(jq -r '.version' "$T/report.sarif")" == "2.1.0" ]] || fail "sarif report not written"

# --diff prints the fixes and leaves the file alone.
cp bad/Dockerfile "$T/before"
run "$CUSTOMS" dockerfile bad --diff
expect_rc 0
head -2 "$T/out" | tr '\n' '|' | grep -qx -- '--- a/bad/Dockerfile|+++ b/bad/Dockerfile|' || fail "diff headers"
grep -q '^-ADD . /app$' "$T/out" || fail "diff removes ADD"
cmp -s bad/Dockerfile "$T/before" || fail "--diff changed the file"
grep -q '^customs: [1-9][0-9]* fix\(es\)\? in 1 file (nothing written)$' "$T/err" || fail "diff note"

# --fix rewrites the file; the fixed rules are gone on the next run.
run "$CUSTOMS" dockerfile bad --format json --quiet
FIXABLE=$(jq -c '[.findings[] | select(.fix_available) | .rule_id] | unique' "$T/out")
[[ "$FIXABLE" != "[]" ]] || fail "nothing fixable in the sample"
run "$CUSTOMS" dockerfile bad --fix
expect_rc 0
grep -q '^customs: applied [1-9][0-9]* fix\(es\)\? to 1 file$' "$T/err" || fail "fix note"
cmp -s bad/Dockerfile "$T/before" && fail "--fix did not change the file"
run "$CUSTOMS" dockerfile bad --format json --quiet
[[ "$(jq --argjson fixed "$FIXABLE" '[.findings[].rule_id | select(IN($fixed[]))] | length' "$T/out")" == 0 ]] \
  || fail "fixed rules $FIXABLE still reported"

# customs.yaml in the working directory: an unknown key is a usage error naming line and column.
printf 'checks:\n  disable: []\n  colour: red\n' > customs.yaml
run "$CUSTOMS" dockerfile bad
expect_rc 2; expect_out ""
expect_err "customs dockerfile: customs.yaml:3:3: unknown key 'colour' in 'checks' (expected disable, enable, severity)"
printf 'checks:\n  disable: [DF9999]\n' > customs.yaml
run "$CUSTOMS" dockerfile bad
expect_rc 2
expect_err "customs dockerfile: customs.yaml:2:13: unknown rule id 'DF9999' in 'checks.disable'"
printf 'checks: [unclosed\n' > customs.yaml
run "$CUSTOMS" dockerfile bad
expect_rc 2
grep -q '^customs dockerfile: customs.yaml:[0-9]*:[0-9]*: invalid YAML: ' "$T/err" || fail "malformed yaml"

# A valid config: fail-on from the file, and --fail-on beats it.
printf 'fail-on: info\n' > customs.yaml
run "$CUSTOMS" dockerfile bad --quiet
expect_rc 1
run "$CUSTOMS" dockerfile bad --quiet --fail-on none
expect_rc 0
rm customs.yaml

echo "cli_dockerfile: ok"
