#!/usr/bin/env bash
# End-to-end: help, unknown commands, version, the checks listing.
# Usage: cli_basics.sh <customs-binary> <source-dir>
set -euo pipefail
CUSTOMS="$1"
T="$(mktemp -d)"
trap 'rm -rf "$T"' EXIT
command -v jq >/dev/null || { echo "FAIL: jq is needed"; exit 1; }

fail() { echo "FAIL: $*"; echo "--- stdout"; cat "$T/out"; echo "--- stderr"; cat "$T/err"; exit 1; }
# run CMD...: runs it, keeping stdout in $T/out, stderr in $T/err and the exit code in RC.
run() { set +e; "$@" >"$T/out" 2>"$T/err"; RC=$?; set -e; }
expect_rc() { [[ "$RC" == "$1" ]] || fail "expected exit $1, got $RC"; }
expect_out() { [[ "$(cat "$T/out")" == "$1" ]] || fail "unexpected stdout"; }
expect_err() { [[ "$(cat "$T/err")" == "$1" ]] || fail "unexpected stderr"; }

HELP='customs 0.1.0: a container security inspector

Usage: customs <command> [options]

Commands:
  dockerfile  Check Dockerfiles and Containerfiles for security problems
  image       Inspect a container image layer by layer
  sbom        List every package of an image, directory or file (CycloneDX, SPDX); read an SBOM back
  secrets     Find secrets in every layer of an image (deleted files too), its config, or a directory
  scan        Inspect a Dockerfile, an image or a root file system, whichever TARGET is
  diff        Compare the vulnerabilities of two JSON reports: new, fixed, unchanged
  db          The local vulnerability database: import, update, info, export
  checks      List the checks customs runs, or show one in full
  version     Print the version of customs and of the libraries it uses
  help        Show the help of customs or of one command

Run '"'"'customs help <command>'"'"' or '"'"'customs <command> --help'"'"' for the options
of a command, and '"'"'customs --version'"'"' for the version.

Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage error,
3 unreadable or invalid input.'

# --help, -h and `help` print the same text on stdout and exit 0.
for args in "--help" "-h" "help"; do
  run "$CUSTOMS" $args
  expect_rc 0; expect_out "$HELP"; expect_err ""
done

# Command help: three spellings, one text.
run "$CUSTOMS" help dockerfile; expect_rc 0; cp "$T/out" "$T/help1"
run "$CUSTOMS" dockerfile --help; expect_rc 0; cmp -s "$T/out" "$T/help1" || fail "dockerfile --help differs"
head -1 "$T/out" | grep -qx 'Usage: customs dockerfile \[PATH...\] \[options\]' || fail "dockerfile usage line"
grep -q -- '--format NAME      report format: table, json, sarif' "$T/out" || fail "format names in help"

# No arguments: short usage on stderr, exit 2.
run "$CUSTOMS"
expect_rc 2; expect_out ""
expect_err "Usage: customs <dockerfile|image|sbom|secrets|scan|diff|db|checks|version|help> [options]
Run 'customs --help' for more."

# A mistyped command gets a suggestion.
run "$CUSTOMS" dokerfile .
expect_rc 2; expect_out ""
expect_err "customs: unknown command 'dokerfile'. Did you mean 'dockerfile'?
Run 'customs --help' for the list of commands."
run "$CUSTOMS" frobnicate
expect_rc 2
expect_err "customs: unknown command 'frobnicate'.
Run 'customs --help' for the list of commands."

# An unknown option of a command is a usage error.
run "$CUSTOMS" checks --bogus
expect_rc 2; expect_out ""
grep -q -- "--bogus" "$T/err" || fail "unknown option not named"

# Version: the command and the flag agree.
run "$CUSTOMS" version
expect_rc 0; expect_err ""
head -1 "$T/out" | grep -qx 'customs 0.1.0' || fail "version line"
grep -qE '^  yaml-cpp [0-9]+\.[0-9]+\.[0-9]+$' "$T/out" || fail "yaml-cpp version"
grep -qE '^  fmt [0-9]+\.[0-9]+\.[0-9]+$' "$T/out" || fail "fmt version"
cp "$T/out" "$T/version"
run "$CUSTOMS" --version; expect_rc 0; cmp -s "$T/out" "$T/version" || fail "--version differs"

# checks: one table row per rule, the same rules as the json listing.
run "$CUSTOMS" checks --format json
expect_rc 0
RULES=$(jq 'length' "$T/out")
[[ "$RULES" -gt 0 ]] || fail "no rules"
[[ "$(jq '[.[].id] | unique | length' "$T/out")" == "$RULES" ]] || fail "duplicate rule ids"
[[ "$(jq '[.[] | select(.why == "" or .fix == "" or .title == "")] | length' "$T/out")" == 0 ]] || fail "empty texts"
FIRST=$(jq -r '.[0].id' "$T/out")
jq -r '.[].id' "$T/out" > "$T/ids"
run "$CUSTOMS" checks
expect_rc 0
head -1 "$T/out" | grep -qE '^ID +SEVERITY +PRACTICE +DEFAULT +TITLE$' || fail "table header"
[[ "$(($(wc -l < "$T/out") - 1))" == "$RULES" ]] || fail "table rows != $RULES rules"
tail -n +2 "$T/out" | awk '{print $1}' | cmp -s - "$T/ids" || fail "table ids differ from json ids"

# One rule in full.
run "$CUSTOMS" checks "$FIRST"
expect_rc 0
head -1 "$T/out" | grep -q "^$FIRST: " || fail "rule heading"
grep -qx 'Why:' "$T/out" || fail "why section"
grep -qx 'Fix:' "$T/out" || fail "fix section"
run "$CUSTOMS" checks NOPE999
expect_rc 2; expect_out ""
expect_err "customs checks: unknown check 'NOPE999'."
run "$CUSTOMS" checks --format sarif
expect_rc 2
expect_err "customs checks: unknown format 'sarif' (valid: table, json)"

echo "cli_basics: ok"
