#!/usr/bin/env bash
# End-to-end: `customs image` on images built by tests/fixtures/make_images.py — the same image as
# docker-archive, OCI layout, oci-archive and zstd layers gives the same findings; multi-image
# archives and multi-platform indexes pick what was asked; the layer cache serves a second scan;
# every bad input exits 3 with a message naming it, never hangs and never passes silently.
# Usage: cli_image.sh <customs-binary> <source-dir>
set -euo pipefail
CUSTOMS="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
SRC="$(cd "$2" && pwd)"
T="$(mktemp -d)"
trap 'rm -rf "$T"' EXIT
command -v jq >/dev/null || { echo "FAIL: jq is needed"; exit 1; }
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
export XDG_CACHE_HOME="$T/cache"
python3 "$SRC/tests/fixtures/make_images.py" "$T/img" >/dev/null
I="$T/img"
set +e  # from here on every case records its own failure
FAILED=()
CASE=""

run() { # customs ARGS... --fail-on high (so the planted findings exit 1)
  timeout 60 "$CUSTOMS" "$@" --fail-on high >"$T/out" 2>"$T/err" </dev/null
  RC=$?
}
bad() {
  FAILED+=("$CASE")
  echo "FAIL [$CASE]: $*"
  head -c 1500 "$T/err"
  echo
}
# expect RC [REGEX]: exact exit code, no sanitizer report, stderr matching REGEX (grep -E).
expect() {
  if [[ "$RC" == 124 ]]; then bad "hung (timeout)"; return 1; fi
  if grep -qE 'AddressSanitizer|LeakSanitizer|runtime error:|internal error' "$T/err"; then
    bad "sanitizer report or internal error"; return 1
  fi
  [[ "$RC" == "$1" ]] || { bad "expected exit $1, got $RC"; return 1; }
  if [[ $# -gt 1 ]]; then grep -qE -- "$2" "$T/err" || { bad "stderr does not match: $2"; return 1; }; fi
}
# jqe FILTER: the JSON report on stdout satisfies FILTER.
jqe() { jq -e "$1" "$T/out" >/dev/null 2>&1 || { bad "report fails: $1"; return 1; }; }
# The findings of a report as sorted "rule path layer" lines.
findings_of() { jq -r '.findings[] | "\(.rule_id) \(.location.path // "-") \(.location.layer_index // "-")"' "$1" | sort; }

# --- One image, four formats -------------------------------------------------------------------
for target in "$I/app.docker.tar" "$I/app.oci" "oci:$I/app.oci:latest" "$I/app.oci.tar" "$I/app-zstd.oci"; do
  CASE="app image as $target"
  run image "$target" --no-cache --format json
  expect 1 || continue
  jqe '.images[0].layers | length == 4' || continue
  jqe '.images[0].os.id == "debian" and .images[0].os.version == "12"' || continue
  jqe '.images[0].base_image.name == "docker.io/library/debian:12"' || continue
  jqe '[.findings[] | select(.location.path == "root/.ssh/id_rsa" and .location.layer_index == 1)] | length >= 1' || continue
  jqe '[.findings[] | select(.evidence | test("hunter2"))] | length == 0' || continue
  findings_of "$T/out" > "$T/findings.$(echo "$target" | tr -c 'a-z0-9' _)"
done
CASE="the four formats give the same findings"
base="$T/findings.$(echo "$I/app.docker.tar" | tr -c 'a-z0-9' _)"
for f in "$T"/findings.*; do
  cmp -s "$base" "$f" || bad "$(basename "$f") differs from the docker-archive: $(diff "$base" "$f" | head -5)"
done
[[ -s "$base" ]] || bad "no findings recorded"

CASE="table report shows the summary and a layer-located finding"
run image "$I/app.docker.tar" --no-cache
expect 1 && { grep -q '^Image ' "$T/out" && grep -q 'root/.ssh/id_rsa (layer 1 ' "$T/out"; } || bad "table lacks summary or layer location"

CASE="sarif report is valid JSON with layer properties"
run image "$I/app.oci" --no-cache --format sarif
expect 1 && jqe '.runs[0].results | map(.properties.layerIndex // empty) | length > 0'

# --- Choosing an image ------------------------------------------------------------------------
CASE="multi-image archive needs --image"
run image "$I/multi.docker.tar" --no-cache
expect 2 "choose one with --image: example/app:1, example/base:1" || true
CASE="multi-image archive with --image"
run image "$I/multi.docker.tar" --image example/base:1 --no-cache --format json
expect 1 && jqe '.images[0].layers | length == 1'
CASE="multi-platform index, --platform linux/arm64/v8"
run image "$I/multiarch.oci" --platform linux/arm64/v8 --no-cache --format json
[[ "$RC" == 0 || "$RC" == 1 ]] || bad "exit $RC"
jqe '.images[0].architecture == "linux/arm64/v8"' || true
CASE="multi-platform index, a platform it lacks"
run image "$I/multiarch.oci" --platform linux/s390x --no-cache
expect 3 "linux/amd64" || true

# --- The layer cache --------------------------------------------------------------------------
CASE="second scan reads every layer from the cache"
run image "$I/app.oci" --cache-dir "$T/lc" --format json
expect 1 && jqe '[.images[0].layers[].from_cache] | all | not'
run image "$I/app.oci" --cache-dir "$T/lc" --format json
expect 1 && jqe '[.images[0].layers[].from_cache] | all'
findings_of "$T/out" | cmp -s - "$base" || bad "cached findings differ"
CASE="a zstd copy of the image shares the cached layers (same diffIDs)"
run image "$I/app-zstd.oci" --cache-dir "$T/lc" --format json
expect 1 && jqe '[.images[0].layers[].from_cache] | all'

# --- scan auto-detection and root file systems ------------------------------------------------
CASE="customs scan on an OCI layout runs the image command"
run scan "$I/app.oci" --no-cache --format json
expect 1 && jqe '.command == "image"'
CASE="customs scan finds the target after options, with and without values"
run scan --no-cache --format json "$I/app.oci"
expect 1 && jqe '.command == "image"'
run scan --format=json --no-cache "$I/app.oci"
expect 1 && jqe '.command == "image"'
run scan --quiet --format json "$SRC/examples/bad"
jqe '.command == "dockerfile"'
CASE="customs scan on a root file system directory"
mkdir -p "$T/root/etc" "$T/root/usr/bin" "$T/root/app"
printf 'root:x:0:0:root:/root:/bin/sh\nalt:x:0:0::/:/bin/sh\n' > "$T/root/etc/passwd"
printf 'AWS_SECRET=1\n' > "$T/root/app/.env"
run scan "$T/root" --format json
[[ "$RC" == 0 || "$RC" == 1 ]] || bad "exit $RC"
jqe '.images[0].source == "rootfs"' && jqe '[.findings[] | select(.location.path == "app/.env")] | length >= 1' || true

# --- Bad input --------------------------------------------------------------------------------
badcase() { # NAME REGEX: the whole image is refused, with no report
  CASE="bad input $1"
  run image "$I/bad/$1" --no-cache
  expect 3 "$2" || true
  [[ ! -s "$T/out" ]] || bad "printed a report for bad input"
}
badentry() { # NAME REGEX: a hostile entry is an error in the report (exit 3); the rest is scanned
  CASE="bad entry $1"
  run image "$I/bad/$1" --no-cache --format json
  expect 3 "$2" || true
  jqe '[.diagnostics[] | select(.level == "error" and .code == "layer.bad-entry" and .location.layer_index == 1)] | length == 1'
}
badcase truncated.docker.tar 'truncated|unexpected end|short'
badcase corrupt-gzip.oci 'layer 0|layer 1|layer 2|layer 3'
badcase wrong-digest.oci 'digest'
badcase diffid-mismatch.oci 'diffID'
badentry traversal.oci "entry '\.\./\.\./etc/evil'"
badentry absolute.docker.tar "entry '/etc/evil'"
badcase gzip-bomb.oci 'ratio|limit|too large'
badcase manifest-not-json.oci 'JSON|json'
badcase size-lie.oci 'size|bytes'
badentry deep-path.docker.tar 'deep|depth|components'
badentry huge-name.docker.tar 'long|bytes'
badentry link-escape.oci "hard link to entry '\.\./outside'"
CASE="a device node is recorded, not an error"
run image "$I/bad/device.docker.tar" --no-cache --format json
[[ "$RC" == 0 || "$RC" == 1 ]] || bad "exit $RC"
CASE="a file that is not an image"
printf 'hello' > "$T/notimage.tar"
run image "$T/notimage.tar" --no-cache
expect 3 "notimage.tar" || true
CASE="a missing local path that is not a valid reference"
run image "$T/Missing/Image.tar" --no-cache
[[ "$RC" == 2 || "$RC" == 3 ]] || bad "exit $RC"

if [[ ${#FAILED[@]} -gt 0 ]]; then
  echo "cli_image: ${#FAILED[@]} case(s) failed"
  exit 1
fi
echo "cli_image: all cases passed"
