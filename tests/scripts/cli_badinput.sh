#!/usr/bin/env bash
# End-to-end: bad input never crashes, hangs or passes silently. Each case makes one bad input in a
# fresh temporary directory, runs `customs dockerfile` on it under `timeout 20`, and asserts the exact
# exit code, the located message on stderr and (with --format json) the located diagnostic in the
# report. A sanitizer report on stderr fails the case (run it against an ASan build too).
# Usage: cli_badinput.sh <customs-binary> <source-dir>
set -euo pipefail
CUSTOMS="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
SRC="$(cd "$2" && pwd)"
T="$(mktemp -d)"
cleanup() {
  [[ -n "${WRITER:-}" ]] && kill "$WRITER" 2>/dev/null && wait "$WRITER" 2>/dev/null
  chmod -R u+rwx "$T" 2>/dev/null || true
  rm -rf "$T"
}
trap cleanup EXIT
command -v jq >/dev/null || { echo "FAIL: jq is needed"; exit 1; }
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}" UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1}"
cd "$T"
mkdir w
FAILED=()
CASE=""

# run ARGS...: runs customs under a 20 s timeout; RC, $T/out, $T/err.
run() {
  set +e
  timeout 20 "$CUSTOMS" "$@" >"$T/out" 2>"$T/err" </dev/null
  RC=$?
  set -e
}
bad() {
  FAILED+=("$CASE")
  echo "FAIL [$CASE]: $*"
  echo "--- stderr (first lines)"
  head -c 2000 "$T/err"
  echo "--- stdout (first lines)"
  head -c 1000 "$T/out"
  echo
}
# expect RC [STDERR-LINE...]: exact exit code, no sanitizer report, and each given line on stderr.
expect() {
  local rc=$1
  shift
  if [[ "$RC" == 124 ]]; then bad "hung (timeout)"; return 1; fi
  if grep -qE 'AddressSanitizer|LeakSanitizer|runtime error:|internal error' "$T/err"; then
    bad "sanitizer report or internal error"
    return 1
  fi
  [[ "$RC" == "$rc" ]] || { bad "expected exit $rc, got $RC"; return 1; }
  local line
  for line in "$@"; do
    grep -qxF -- "$line" "$T/err" || { bad "stderr lacks the line: $line"; return 1; }
  done
}
# expect_diag LEVEL FILE:LINE:COL: the JSON report on stdout has that located diagnostic.
expect_diag() {
  local want="$1 $2"
  jq -e --arg w "$want" \
    '[.diagnostics[] | "\(.level) \(.location.file)" + (if (.location.line // 0) > 0 then ":\(.location.line):\(.location.column)" else "" end)]
     | index($w) != null' "$T/out" >/dev/null 2>&1 || { bad "report lacks diagnostic '$want'"; return 1; }
}
# expect_target FILE PARSED: the report lists FILE as a target, parsed or not.
expect_target() {
  jq -e --arg f "$1" --argjson p "$2" '[.targets[] | select(.path == $f and .parsed == $p)] | length == 1' \
    "$T/out" >/dev/null 2>&1 || { bad "report lacks target $1 parsed=$2"; return 1; }
}
# df NAME: checks w/NAME as JSON (exit 3 wanted unless told otherwise).
df() { run dockerfile "w/$1" --format json "${@:2}"; }
# repeat STRING COUNT: STRING COUNT times.
repeat() { local i; for ((i = 0; i < $2; i++)); do printf '%s' "$1"; done; }

# --- Unreadable input -------------------------------------------------------------------------
CASE="binary data (random bytes with NUL)"
{ printf 'FROM alpine\nRUN x'; head -c 4096 /dev/urandom; printf '\0'; } > w/binary
df binary; expect 3 && expect_target w/binary false && \
  grep -qE '^customs: w/binary:[0-9]+:[0-9]+: not a Dockerfile: binary content \(NUL byte\)$' "$T/err" || bad "location"

CASE="NUL byte in the third line"
printf 'FROM alpine\nRUN echo hi\nCMD ["a\0"]\n' > w/nul
df nul; expect 3 "customs: w/nul:3:8: not a Dockerfile: binary content (NUL byte)" && expect_diag error w/nul:3:8 || true

CASE="empty file"
: > w/empty
df empty; expect 3 "customs: w/empty: not a Dockerfile: the file is empty" && expect_target w/empty false && \
  expect_diag error w/empty || true

CASE="only a byte-order mark"
printf '\xEF\xBB\xBF' > w/bom
df bom; expect 3 "customs: w/bom: not a Dockerfile: the file is empty" || true

CASE="only comments"
printf '# syntax=docker/dockerfile:1\n# a comment\n\n   # another\n' > w/comments
df comments; expect 3 "customs: w/comments: not a Dockerfile: no instruction, only comments or blank lines" || true

CASE="only ARGs"
printf 'ARG A=1\nARG B\n' > w/args
df args; expect 3 "customs: w/args:1:1: no FROM instruction: the file has no build stage" && \
  expect_diag error w/args:1:1 || true

CASE="4 MiB + 1 byte"
{ printf 'FROM alpine\n'; head -c $((4 * 1024 * 1024 + 1 - 12)) /dev/zero | tr '\0' '#'; } > w/huge
df huge; expect 3 "customs: w/huge: file is 4194305 bytes, over the limit of 4194304" && expect_target w/huge false || true

CASE="exactly 4 MiB is still checked"
{ printf 'FROM alpine\n# '; head -c $((4 * 1024 * 1024 - 15)) /dev/zero | tr '\0' 'x'; printf '\n'; } > w/limit
df limit --fail-on none; expect 0 && expect_target w/limit true || true

CASE="a directory named Dockerfile (given as the path)"
mkdir -p w/dir/Dockerfile
df dir/Dockerfile; expect 3 && grep -q '^customs dockerfile: w/dir/Dockerfile: no Dockerfile or Containerfile in this directory' "$T/err" || bad "message"

CASE="a directory named Dockerfile (found by the walk)"
mkdir -p w/dirwalk/Dockerfile && printf 'FROM alpine\n' > w/dirwalk/Dockerfile/Containerfile
run dockerfile w/dirwalk --format json --fail-on none; expect 0 && expect_target w/dirwalk/Dockerfile/Containerfile true || true

CASE="a FIFO named Dockerfile (given as the path)"
mkfifo w/Dockerfile
df Dockerfile; expect 3 "customs: w/Dockerfile: not a regular file (a FIFO)" && expect_target w/Dockerfile false && \
  expect_diag error w/Dockerfile || true

CASE="a FIFO named Dockerfile (found by the walk)"
mkdir w/fifodir && mkfifo w/fifodir/Dockerfile
run dockerfile w/fifodir; expect 3 "customs: w/fifodir/Dockerfile: not a regular file (a FIFO)" || true

CASE="/dev/zero as the path"
run dockerfile /dev/zero; expect 3 "customs: /dev/zero: not a regular file (a character device)" || true

CASE="a symlink loop"
ln -s loop w/loop
df loop; expect 3 "customs: w/loop: cannot stat: Too many levels of symbolic links" || true

CASE="a symlink loop named Dockerfile inside a directory"
mkdir w/loopdir && ln -s Dockerfile w/loopdir/Dockerfile && ln -s . w/loopdir/self
run dockerfile w/loopdir; expect 3 "customs: w/loopdir/Dockerfile: cannot stat: Too many levels of symbolic links" || true

CASE="a dangling symlink"
ln -s nowhere w/dangling
df dangling; expect 3 "customs: w/dangling: cannot stat: No such file or directory" || true

CASE="a path that does not exist"
df missing; expect 3 "customs dockerfile: w/missing: no such file or directory" || true

CASE="a file used as a directory"
printf 'FROM alpine\n' > w/plain
df plain/Dockerfile; expect 3 "customs dockerfile: w/plain/Dockerfile: no such file or directory" || true

CASE="a path longer than PATH_MAX"
run dockerfile "w/$(repeat aaaaaaaaaa 500)"; expect 3 || true

CASE="an unreadable file"
printf 'FROM alpine\n' > w/secret && chmod 000 w/secret
if [[ "$(id -u)" == 0 ]] && command -v setpriv >/dev/null; then
  chmod o+x "$T" && chmod o+rx w
  set +e
  timeout 20 setpriv --reuid=65534 --regid=65534 --clear-groups "$CUSTOMS" dockerfile w/secret >"$T/out" 2>"$T/err"
  RC=$?
  set -e
else
  run dockerfile w/secret
fi
expect 3 "customs: w/secret: cannot open: Permission denied" || true

CASE="an unreadable subdirectory: the rest is still checked"
mkdir -p w/tree/locked w/tree/ok && printf 'FROM alpine\n' > w/tree/ok/Dockerfile && chmod 000 w/tree/locked
if [[ "$(id -u)" == 0 ]] && command -v setpriv >/dev/null; then
  chmod o+rx w/tree w/tree/ok && chmod o+r w/tree/ok/Dockerfile
  set +e
  timeout 20 setpriv --reuid=65534 --regid=65534 --clear-groups "$CUSTOMS" dockerfile w/tree --format json \
    >"$T/out" 2>"$T/err"
  RC=$?
  set -e
  expect 3 "customs: w/tree/locked: cannot list directory: Permission denied" && expect_target w/tree/ok/Dockerfile true || true
fi

CASE="directories nested deeper than the walk goes"
deep=w/deep; for ((i = 0; i < 70; i++)); do deep=$deep/d; done
mkdir -p "$deep" && printf 'FROM alpine\n' > "$deep/Dockerfile" && printf 'FROM alpine\n' > w/deep/Dockerfile
run dockerfile w/deep --fail-on none
expect 0 "customs: w/deep$(repeat /d 65): not searched: directories nested more than 64 levels deep" || true

CASE="a file that changes while it is read"
printf 'FROM alpine\nRUN echo one\n' > w/changing
(while :; do printf 'FROM alpine\nRUN echo %s\n' "$RANDOM" > w/changing.new; mv w/changing.new w/changing; : > w/changing; done) &
WRITER=$!
for i in 1 2 3 4 5; do
  df changing --fail-on none
  # An atomic replacement gives a full file (0); a truncated one is empty (3, said so).
  if [[ "$RC" == 3 ]]; then expect 3 "customs: w/changing: not a Dockerfile: the file is empty" || break
  else expect 0 || break; fi
done
kill "$WRITER"; wait "$WRITER" 2>/dev/null || true; WRITER=""

CASE="a /proc file (size 0, content generated while read)"
run dockerfile /proc/self/status; expect 3 "customs: /proc/self/status:1:1: unknown instruction: NAME:" || true

# --- Malformed Dockerfiles ----------------------------------------------------------------------
CASE="unknown instruction"
printf 'FROM alpine\nRUN echo hi\nFORM x\n' > w/unknown
df unknown; expect 3 "customs: w/unknown:3:1: unknown instruction: FORM" && expect_diag error w/unknown:3:1 && \
  expect_target w/unknown true || true

CASE="a heredoc whose delimiter never comes"
printf 'FROM alpine\nRUN <<EOF\necho hi\necho there\n' > w/heredoc
df heredoc; expect 3 "customs: w/heredoc:2:5: unterminated heredoc <<EOF" && expect_diag error w/heredoc:2:5 || true

CASE="invalid UTF-8 (JSON and SARIF reports stay valid)"
printf 'FROM alpine\nLABEL x="\xff\xfe\xc3\x28"\nRUN echo \xe2\x82 && ADD \xf0\x90\n' > w/utf8
df utf8 --fail-on none; expect 0 && jq -e '.targets[0].parsed' "$T/out" >/dev/null || bad "json"
run dockerfile w/utf8 --format sarif --fail-on none; expect 0 && jq -e '.runs[0]' "$T/out" >/dev/null || bad "sarif"
run dockerfile w/utf8 --fail-on none; expect 0 || true

CASE="CRLF line endings"
printf 'FROM ubuntu\r\nRUN apt-get update && \\\r\n    apt-get install -y curl\r\nUSER root\r\n' > w/crlf
df crlf --fail-on none; expect 0 && \
  jq -e '[.findings[].location.line] | all(. >= 1 and . <= 4)' "$T/out" >/dev/null || bad "finding lines"

CASE="lone CR line endings"
printf 'FROM alpine\rRUN echo hi\rUSER root\r' > w/cr
df cr; expect 3 "customs: w/cr:1:6: FROM takes an image and an optional AS name" || true

CASE="BOM, then a Dockerfile: --fix keeps the mark and edits the right columns of line 1"
printf '\xEF\xBB\xBFMAINTAINER me\nFROM alpine\n' > w/bomfix
run dockerfile w/bomfix --fix --fail-on none
expect 3 "customs: w/bomfix:1:1: no FROM before LABEL" && \
  [[ "$(cat w/bomfix)" == $'\xEF\xBB\xBFLABEL org.opencontainers.image.authors="me"\nFROM alpine' ]] || bad "fix: $(cat -A w/bomfix)"

CASE="100k-line continuation"
{ printf 'FROM alpine\nRUN true'; repeat ' \\\n  && true' 100000; printf '\n'; } > w/cont
df cont --fail-on none; expect 0 && expect_target w/cont true || true

CASE="10k stages"
{ for ((i = 0; i < 10000; i++)); do printf 'FROM alpine AS s%d\nRUN echo %d\n' $i $i; done; } > w/stages
df stages --fail-on none; expect 0 && expect_target w/stages true || true

CASE="FROM chain of 10k stages built on each other"
{ printf 'FROM alpine AS s0\n'; for ((i = 1; i < 10000; i++)); do printf 'FROM s%d AS s%d\n' $((i - 1)) $i; done
  printf 'USER root\n'; } > w/chain
df chain --fail-on none; expect 0 && expect_target w/chain true || true

CASE="COPY --from chain of 10k stages"
{ printf 'FROM alpine AS s0\n'; for ((i = 1; i < 10000; i++)); do printf 'FROM alpine AS s%d\nCOPY --from=s%d / /\n' $i $((i - 1)); done; } > w/copychain
df copychain --fail-on none; expect 0 && expect_target w/copychain true || true

CASE="COPY --from cycles between stages"
printf 'FROM alpine AS a\nCOPY --from=b /x /x\nFROM b AS b\nCOPY --from=a /y /y\nRUN --mount=from=b,target=/m true\nFROM a AS c\nCOPY --from=c / /\n' > w/cycle
df cycle --fail-on none; expect 0 && expect_target w/cycle true || true

CASE="10k heredocs"
{ printf 'FROM alpine\n'; for ((i = 0; i < 10000; i++)); do printf 'RUN <<E%d\necho %d\nE%d\n' $i $i $i; done; } > w/heredocs
df heredocs --fail-on none; expect 0 && expect_target w/heredocs true || true

CASE="10k heredocs on one line"
{ printf 'FROM alpine\nRUN'; for ((i = 0; i < 10000; i++)); do printf ' <<E%d' $i; done; printf '\n'
  for ((i = 0; i < 10000; i++)); do printf 'x\nE%d\n' $i; done; } > w/heredocs1
df heredocs1 --fail-on none; expect 0 && expect_target w/heredocs1 true || true

CASE="ONBUILD ONBUILD nesting"
{ printf 'FROM alpine\n'; repeat 'ONBUILD ' 10000; printf 'RUN echo hi\nONBUILD ONBUILD RUN x\n'; } > w/onbuild
df onbuild; expect 3 "customs: w/onbuild:2:17: chaining ONBUILD via ONBUILD ONBUILD isn't allowed" \
  "customs: w/onbuild:3:17: chaining ONBUILD via ONBUILD ONBUILD isn't allowed" && expect_diag error w/onbuild:2:17 || true

CASE="deep nesting in RUN (substitutions, subshells, quotes)"
{ printf 'FROM alpine\nRUN '; repeat '$(' 20000; repeat ')' 20000; printf ' && '; repeat '(' 20000; repeat ')' 20000
  printf ' && echo '; repeat '"$(echo ' 5000; repeat ')"' 5000; printf '\n'; } > w/nest
df nest --fail-on none; expect 0 && expect_target w/nest true || true

CASE="deep nesting in JSON form (BuildKit: arrays of strings only)"
{ printf 'FROM alpine\nCMD '; repeat '[' 100000; repeat ']' 100000; printf '\n'; } > w/json
df json; expect 3 "customs: w/json:2:5: when using JSON array syntax, arrays must be comprised of strings only" && \
  expect_target w/json true || true

CASE="an extremely long word and line"
{ printf 'FROM alpine\nRUN echo '; head -c 3000000 /dev/zero | tr '\0' 'a'; printf '\nENV A='; head -c 500000 /dev/zero | tr '\0' '$'; printf '\n'; } > w/long
df long --fail-on none; expect 0 && expect_target w/long true || true

CASE="exotic flags"
cat > w/flags <<'DF'
FROM --platform=$BUILDPLATFORM --platform= alpine AS base
COPY --from= --chown=:::: --chmod=99999999999999999999 --link=maybe --parents --exclude=** --exclude a b c
COPY --from=0 --from=base --chown=$UNSET:${X:-y} -- /a /b
ADD --checksum=sha256: --keep-git-dir=true --unpack=x http://x/y /z
RUN --mount=type=secret,id=,,,,=,=== --mount= --mount=type=cache,from=base,target --network=xyz --security=insecure true
RUN --=x --- -- true
HEALTHCHECK --interval=-1s --timeout=abc --retries=1e99 --start-period= CMD true
DF
# Unknown flags are warnings (newer BuildKit flags must not break the scan), located in the report.
df flags --fail-on none; expect 0 && expect_diag warning w/flags:6:5 && expect_diag warning w/flags:6:10 || true

CASE="a binary file that is not a Dockerfile (no NUL byte)"
printf '\x89PNG\r\n\x1a\n\xff\xd8\xff\xe0 JFIF \x01\x02\x03' > w/png
df png; expect 3 && expect_diag error "w/png:1:1" || true

# --- Config and output -----------------------------------------------------------------------
printf 'FROM alpine\n' > w/ok
CASE="malformed YAML config"
printf 'checks:\n  disable: [DF001\nfail-on: high\n' > w/bad.yaml
run dockerfile w/ok --config w/bad.yaml
expect 2 && grep -q '^customs dockerfile: w/bad.yaml:[0-9]*:[0-9]*: invalid YAML: ' "$T/err" || bad "config location"

CASE="deeply nested YAML config"
{ repeat '[' 100000; repeat ']' 100000; } > w/deep.yaml
run dockerfile w/ok --config w/deep.yaml
expect 2 && grep -q '^customs dockerfile: w/deep.yaml' "$T/err" || bad "config message"

CASE="/dev/zero as the config"
run dockerfile w/ok --config /dev/zero
expect 2 "customs dockerfile: /dev/zero: cannot read config file: not a regular file (a character device)" || true

CASE="a FIFO as the config"
mkfifo w/fifo.yaml
run dockerfile w/ok --config w/fifo.yaml
expect 2 "customs dockerfile: w/fifo.yaml: cannot read config file: not a regular file (a FIFO)" || true

CASE="--output to a directory"
run dockerfile w/ok --output w
expect 3 "customs dockerfile: w: is a directory" || true

CASE="--output to a FIFO without a reader does not hang"
mkfifo w/out.fifo
run dockerfile w/ok --output w/out.fifo
expect 3 "customs dockerfile: w/out.fifo: cannot write: No such device or address" || true

CASE="--output to /dev/null leaves the device alone"
run dockerfile w/ok --output /dev/null --quiet
expect 0 && [[ -c /dev/null ]] || bad "/dev/null is no longer a device"

CASE="--fix never writes through a planted temporary-file symlink"
mkdir w/plant && printf 'FROM alpine\nADD a /a\n' > w/plant/Dockerfile && printf 'precious\n' > w/victim
ln -s ../victim w/plant/Dockerfile.customs-tmp
run dockerfile w/plant/Dockerfile --fix --quiet --fail-on none
expect 0 && [[ "$(cat w/victim)" == precious ]] && grep -q '^COPY a /a$' w/plant/Dockerfile || bad "wrote through the symlink"
[[ -z "$(find w/plant -name '*.customs-*' ! -name Dockerfile.customs-tmp)" ]] || bad "temporary file left behind"

CASE="the example Dockerfiles still check cleanly (no error diagnostics)"
run dockerfile "$SRC/examples" --format json --fail-on none
expect 0 && jq -e '[.diagnostics[] | select(.level == "error")] | length == 0' "$T/out" >/dev/null || bad "errors"

if [[ ${#FAILED[@]} -gt 0 ]]; then
  echo "cli_badinput: ${#FAILED[@]} case(s) failed:"
  printf '  %s\n' "${FAILED[@]}"
  exit 1
fi
echo "cli_badinput: all cases passed"
